/**
 * The server's watchdog, in a process of its own: a main thread stuck in a loop is ended (so the
 * editor can start a fresh server), and one that keeps turning is left alone.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const WATCHDOG = path.resolve(__dirname, '../../server/src/watchdog.js');

function runNode(script: string) {
  return spawnSync(process.execPath, ['-e', `const { startWatchdog } = require(${JSON.stringify(WATCHDOG)});\n${script}`], {
    encoding: 'utf8',
    timeout: 15_000,
  });
}

describe('watchdog', function () {
  this.timeout(20_000);

  it('ends a process whose main thread is stuck, saying why', () => {
    const result = runNode(`startWatchdog(500, 'stuck: restart me'); for (;;) {}`);
    assert.equal(result.signal, 'SIGKILL');
    assert.match(result.stderr, /stuck: restart me/);
  });

  it('leaves a process alone while its main thread turns, and lets it exit', () => {
    const result = runNode(
      `startWatchdog(500, 'stuck'); let n = 0; const t = setInterval(() => { if (++n === 12) { clearInterval(t); console.log('done'); } }, 100);`,
    );
    assert.equal(result.signal, null);
    assert.equal(result.status, 0);
    assert.equal(result.stdout.trim(), 'done');
    assert.equal(result.stderr, '');
  });
});
