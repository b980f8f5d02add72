/**
 * What the .vsix must hold: the bundles and every file the manifest points at, the documentation
 * page each diagnostic links to, and nothing else (no sources, tests, maps or node_modules).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_CHECKS } from '../../server/src/service/checks/registry';
import { ROOT } from './harness';
import { zipEntries } from './zip';

interface Manifest {
  publisher: string;
  name: string;
  displayName: string;
  version: string;
  license: string;
  main: string;
  contributes: {
    languages?: { configuration?: string }[];
    grammars?: { path: string }[];
    snippets?: { path: string }[];
    html?: { customData?: string[] };
  };
}

export function manifest(): Manifest {
  return JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
}

/** Where `npm run package` writes the package. */
export function vsixPath(): string {
  const { name, version } = manifest();
  return path.join(ROOT, `${name}-${version}.vsix`);
}

/** Everything inside `extension/` must match one of these. */
const ALLOWED = [
  /^package\.json$/,
  /^readme\.md$/i,
  /^changelog\.md$/i,
  /^licen[cs]e(\.md|\.txt)?$/i,
  /^dist\/[\w.-]+\.(js|json)$/,
  // AWS's list of actions, condition keys and resource types, one file per service and kind (server/src/iamData.ts).
  /^dist\/iam-data\/((actions|conditionKeys|resourceTypes)\/)?[\w.-]+\.json$/,
  /^dist\/iam-data\/LICENSE\.txt$/,
  /^docs\/checks\/[\w.-]+\.md$/,
  /^syntaxes\/[\w.-]+\.json$/,
  /^snippets\/[\w.-]+\.json$/,
];

/** Named separately so that a failure says what leaked. */
const FORBIDDEN = [
  /(^|\/)node_modules\//,
  /^(test|out|client|server|scripts|examples|\.vscode|test-results)\//,
  /\.ts$/,
  /\.map$/,
  /\.vsix$/,
  /^package-lock\.json$/,
  /^tsconfig/,
  // A development tool (npm run emulator), not part of the extension.
  /^dist\/emulator\.js$/,
];

export function checkVsixContents(vsix: string): void {
  const entries = zipEntries(vsix);
  assert.ok(entries.includes('extension.vsixmanifest'), 'no extension.vsixmanifest: not a VS Code package');
  const files = entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));

  const leaked = files.filter((f) => FORBIDDEN.some((pattern) => pattern.test(f)));
  assert.deepEqual(leaked, [], 'sources, tests, maps or dependencies are in the package');
  const unexpected = files.filter((f) => !ALLOWED.some((pattern) => pattern.test(f)));
  assert.deepEqual(unexpected, [], 'files the extension does not need are in the package');

  assert.ok(
    files.some((f) => /^readme\.md$/i.test(f)),
    'the README is missing from the package',
  );
  const { main, contributes, license } = manifest();
  const licence = files.find((f) => /^licen[cs]e(\.md|\.txt)?$/i.test(f));
  assert.ok(licence, 'the LICENSE file is missing from the package');
  const licenceText = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
  assert.ok(licenceText.startsWith(`${license} License`), `LICENSE does not hold the ${license} licence package.json names`);
  const pointedAt = [
    main,
    'dist/server.js',
    'dist/cli.js',
    // Loaded by the preview panel.
    'dist/preview-webview.js',
    // Read by the server and gtlint, with the licence the MIT terms ask to travel with them.
    'dist/iam-data/services.json',
    'dist/iam-data/serviceNames.json',
    'dist/iam-data/actions/sagemaker.json',
    'dist/iam-data/conditionKeys/sagemaker.json',
    'dist/iam-data/resourceTypes/sagemaker.json',
    'dist/iam-data/LICENSE.txt',
    ...(contributes.languages ?? []).flatMap((l) => (l.configuration ? [l.configuration] : [])),
    ...(contributes.grammars ?? []).map((g) => g.path),
    ...(contributes.snippets ?? []).map((s) => s.path),
    ...(contributes.html?.customData ?? []),
    ...ALL_CHECKS.map((c) => `docs/checks/${c.meta.code}.md`),
  ].map((p) => path.posix.normalize(p));
  const missing = pointedAt.filter((p) => !files.includes(p));
  assert.deepEqual(missing, [], 'files the manifest or the diagnostics point at are missing from the package');
}
