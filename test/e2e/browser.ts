/**
 * Debian's chromium driven by playwright-core (never a browser download), headless and quiet:
 * nothing it does reaches the network besides the local code-server.
 */
import { Browser, chromium } from 'playwright-core';
import type { Harness } from './harness';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORT = { width: 1280, height: 800 };

export function launchBrowser(harness: Harness): Promise<Browser> {
  return chromium.launch({ executablePath: harness.chromium, headless: true, args: ARGS });
}
