/**
 * The VS Code harness is installed from inside `npm test` and `npm start`, that is, from a process
 * an npm started. That path broke on every new machine (code-server's postinstall saw the outer
 * npm's Node version), so it is tested here the way it runs: an outer `npm run` starts the harness's
 * installer, which installs a package with an install script as another Node.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { withoutNpmLifecycle } from '../../e2e/harness';

/** What code-server's postinstall.sh checks: the Node in npm's user agent is the Node running it. */
const PROBE_POSTINSTALL = `
const agent = process.env.npm_config_user_agent || '';
const major = (v) => (/v?(\\d+)\\./.exec(v) || [])[1];
const wanted = major(process.version);
const seen = major((/node\\/(v[\\d.]+)/.exec(agent) || [])[1] || '');
if (seen !== wanted) {
  console.error('probe: npm reports node ' + seen + ' but runs node ' + wanted + ' (user agent: ' + agent + ')');
  process.exit(1);
}
require('fs').writeFileSync(require('path').join(process.env.INIT_CWD, 'probe-ran'), agent);
`;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('the VS Code harness install, started from an npm script', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gt-harness-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('installs as the Node it is given, whatever Node the enclosing npm runs on', () => {
    // "Another Node": this machine's Node reporting itself as v99, as Node 24 does beside Node 20.
    const otherNode = path.join(dir, 'other-node');
    write(path.join(otherNode, 'v99.js'), "Object.defineProperty(process, 'version', { value: 'v99.1.0' });\n");
    write(path.join(otherNode, 'bin', 'node'), `#!/bin/sh\nexec "${process.execPath}" --require "${path.join(otherNode, 'v99.js')}" "$@"\n`);
    chmodSync(path.join(otherNode, 'bin', 'node'), 0o755);

    // A dependency with an install script, packed as a registry package would be.
    write(path.join(dir, 'probe', 'package.json'), JSON.stringify({ name: 'probe', version: '1.0.0', scripts: { postinstall: 'node check.js' } }));
    write(path.join(dir, 'probe', 'check.js'), PROBE_POSTINSTALL);
    const clean = withoutNpmLifecycle(process.env);
    const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: path.join(dir, 'probe'), env: clean, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);

    const app = path.join(dir, 'app');
    write(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { probe: 'file:../probe-1.0.0.tgz' }, allowScripts: { probe: true } }),
    );
    const lock = spawnSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund'], { cwd: app, env: clean, encoding: 'utf8' });
    assert.equal(lock.status, 0, lock.stderr);

    // The outer npm (this machine's Node) runs a script that calls the harness's installer.
    const harness = require.resolve('../../e2e/harness');
    write(
      path.join(dir, 'outer', 'install.js'),
      `require(${JSON.stringify(harness)}).installWithNode(${JSON.stringify(app)}, ${JSON.stringify(otherNode)}, 'installing the probe')` +
        `.catch((e) => { console.error(e.message); process.exit(1); });\n`,
    );
    write(path.join(dir, 'outer', 'package.json'), JSON.stringify({ name: 'outer', version: '1.0.0', scripts: { install_harness: 'node install.js' } }));
    const outer = spawnSync('npm', ['run', 'install_harness'], { cwd: path.join(dir, 'outer'), encoding: 'utf8' });
    assert.equal(outer.status, 0, `${outer.stdout}\n${outer.stderr}`);
    assert.match(readFileSync(path.join(app, 'probe-ran'), 'utf8'), /node\/v99\.1\.0/);
  });

  it('keeps what the user exported and drops what npm sets for its scripts', () => {
    const env = withoutNpmLifecycle({
      PATH: '/bin',
      NPM_CONFIG_REGISTRY: 'http://mirror.invalid/',
      npm_config_user_agent: 'npm/11 node/v20.0.0',
      npm_config_allow_scripts: '',
      npm_lifecycle_event: 'test',
      npm_package_json: '/x/package.json',
      NODE: '/usr/bin/node',
      INIT_CWD: '/x',
    });
    assert.deepEqual(env, { PATH: '/bin', NPM_CONFIG_REGISTRY: 'http://mirror.invalid/' });
  });
});
