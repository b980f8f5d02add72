/**
 * Starts code-server the same way for the end-to-end driver and for `npm start`: bound to
 * 127.0.0.1, no authentication, marketplace off (nothing leaves the machine), and every piece of
 * state (settings, extensions, logs, caches) inside one run folder, seeded so that every run looks
 * the same. code-server runs in its own process group, which `stop()` kills as a whole.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Harness } from './harness';

/** User settings for every run: nothing that changes from one start to the next, nothing that calls out. */
export const SEEDED_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
};

/**
 * User settings for a session with Workspace Trust on, as a person has it: a folder opened for
 * the first time is in Restricted Mode, with no startup dialog or banner in the way (the status
 * bar still says Restricted Mode), and files open without asking.
 */
export const TRUST_ON_SETTINGS: Record<string, unknown> = {
  ...SEEDED_SETTINGS,
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};

export interface RunFolder {
  dir: string;
  userData: string;
  extensions: string;
  config: string;
}

/**
 * Creates (or reuses) a run folder and writes its code-server config and user settings (unless
 * `keepSettings` and there are some already: the settings a person changed survive a restart).
 */
export function prepareRunFolder(dir: string, settings: Record<string, unknown> = SEEDED_SETTINGS, keepSettings = false): RunFolder {
  const run: RunFolder = {
    dir,
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    config: path.join(dir, 'config.yaml'),
  };
  mkdirSync(path.join(run.userData, 'User'), { recursive: true });
  mkdirSync(run.extensions, { recursive: true });
  for (const xdg of ['config', 'data', 'cache']) mkdirSync(path.join(dir, 'xdg', xdg), { recursive: true });
  const settingsFile = path.join(run.userData, 'User', 'settings.json');
  if (!keepSettings || !existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  writeFileSync(run.config, 'auth: none\ncert: false\n');
  return run;
}

function environment(run: RunFolder, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...extra,
    // An empty gallery turns the marketplace off.
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(run.dir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(run.dir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(run.dir, 'xdg', 'cache'),
  };
}

function commonArgs(harness: Harness, run: RunFolder): string[] {
  return [
    harness.entry,
    '--config',
    run.config,
    '--user-data-dir',
    run.userData,
    '--extensions-dir',
    run.extensions,
    '--disable-telemetry',
    '--disable-update-check',
  ];
}

/**
 * `code-server --install-extension <vsix>` into the run folder; returns code-server's output.
 * `force` replaces an installed copy of the same version (a rebuilt package keeps its version).
 */
export function installExtension(harness: Harness, run: RunFolder, vsix: string, force = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = [...commonArgs(harness, run), '--install-extension', vsix, ...(force ? ['--force'] : [])];
    const child = spawn(harness.node, args, { env: environment(run) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`code-server --install-extension ${vsix} exited with ${code}:\n${output}`))));
  });
}

export interface StartOptions {
  /** The folder the window opens. */
  folder: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * Lets the page load an extension under development and run its tests (the `payload` URL
   * parameter); VS Code silently ignores both without it.
   */
  smokeTestDriver?: boolean;
  /**
   * Leaves Workspace Trust to the settings (`TRUST_ON_SETTINGS`) instead of switching it off with
   * `--disable-workspace-trust`.
   */
  workspaceTrust?: boolean;
  /** More environment for code-server and the extension host it starts. */
  env?: Record<string, string>;
  /** Every line code-server prints. */
  onLine?: (line: string) => void;
}

export interface CodeServer {
  url: string;
  port: number;
  folder: string;
  /** Everything code-server printed so far, for failure reports. */
  output(): string;
  /** Settles when code-server's main process ends, with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Kills code-server's whole process group (extension host, language server, terminals). */
  stop(): Promise<void>;
}

const LISTENING = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/;
const START_TIMEOUT_MS = 90_000;

export async function startCodeServer(harness: Harness, run: RunFolder, options: StartOptions): Promise<CodeServer> {
  const args = [
    ...commonArgs(harness, run),
    '--bind-addr',
    `127.0.0.1:${options.port ?? 0}`,
    '--auth',
    'none',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    options.folder,
  ];
  const child = spawn(harness.node, args, { env: environment(run, options.env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = () => killGroup(child, exited);
  try {
    const { url, port } = await new Promise<{ url: string; port: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`code-server did not start listening within ${START_TIMEOUT_MS / 1000} s.`)), START_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        for (const line of text.split('\n')) {
          if (line.trim()) options.onLine?.(line);
          const match = LISTENING.exec(line);
          if (match) {
            clearTimeout(timer);
            resolve({ url: match[1], port: Number(match[2]) });
          }
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`could not run ${harness.node}: ${error.message}`));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited before listening (${signal ?? `exit ${code}`}).`));
      });
    });
    return { url, port, folder: options.folder, output: () => output, exited, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\ncode-server printed:\n${output}`, { cause: error });
  }
}

async function killGroup(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.pid === undefined) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  signal('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 5_000)))]);
  clearTimeout(timer);
  // Whatever is left of the group (an extension host that ignored the signal, a language server).
  signal('SIGKILL');
}

/** Runs `cleanup` when the process is interrupted, so that no code-server outlives its driver. */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals) => {
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
