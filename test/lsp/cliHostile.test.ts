/**
 * gtlint on what a careless or hostile repository can hold: policies whose wildcards make a
 * backtracking matcher run for minutes, FIFOs (reading one waits for ever), UTF-16 files.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FLOW, STARRY_POLICIES, WORKTEAM } from '../helpers/hostile';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function gtlint(cwd: string, ...args: string[]) {
  // Far under the test's timeout: a run that blocks is killed and fails on its status.
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 10_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('gtlint on hostile files', function () {
  this.timeout(60_000);
  let folder: string;

  beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'gtlint-hostile-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('checks policies whose wildcards backtrack exponentially in a regex, and reports what they get wrong', () => {
    writeFileSync(path.join(folder, 'bucket-policy.json'), JSON.stringify(STARRY_POLICIES.bucket, null, 2));
    writeFileSync(path.join(folder, 'no-public.json'), JSON.stringify(STARRY_POLICIES.workteamType, null, 2));
    writeFileSync(path.join(folder, 'ReviewRole-trust.json'), JSON.stringify(STARRY_POLICIES.trust, null, 2));
    writeFileSync(path.join(folder, 'flow.json'), FLOW);
    const run = gtlint(folder, '.');
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^no-public\.json:\d+:\d+ error invalid-workteam-type "p\*{24}Z" matches no workteam type/m);
    assert.match(run.stdout, /^flow\.json:\d+:\d+ error trust-policy-missing-sagemaker /m);
  });

  it('exits 2 at once on a FIFO named on the command line, and skips one met in a folder', () => {
    execFileSync('mkfifo', [path.join(folder, 'some.fifo.json')]);
    writeFileSync(path.join(folder, 'ok.json'), WORKTEAM);
    const named = gtlint(folder, 'some.fifo.json', 'ok.json');
    assert.deepEqual([named.code, named.stderr.trim()], [2, 'gtlint: some.fifo.json: not a regular file (a FIFO, socket or device), not checked']);
    assert.match(named.stdout, /^ok\.json:5:3 error unknown-property/m);
    const walked = gtlint(folder, '.');
    assert.deepEqual([walked.code, walked.stderr], [1, '']);
  });

  it('does not block on a FIFO where a sample input would be', () => {
    writeFileSync(path.join(folder, 'task.liquid.html'), '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n<p>{{ task.input.x }}</p>');
    execFileSync('mkfifo', [path.join(folder, 'task.input.json')]);
    assert.deepEqual(gtlint(folder, 'task.liquid.html'), { code: 0, stdout: '', stderr: '' });
  });

  it('decodes UTF-16 JSON with a byte order mark, little and big endian', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(WORKTEAM, 'utf16le')]);
    writeFileSync(path.join(folder, 'le.json'), le);
    writeFileSync(path.join(folder, 'be.json'), Buffer.from(le).swap16());
    const run = gtlint(folder, 'le.json', 'be.json');
    assert.equal(run.stderr, '');
    assert.deepEqual(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(' ').slice(0, 3).join(' ')),
      [
        'le.json:2:3 warning workteam-missing-ip-restriction',
        'le.json:5:3 error unknown-property',
        'be.json:2:3 warning workteam-missing-ip-restriction',
        'be.json:5:3 error unknown-property',
      ],
    );
  });
});
