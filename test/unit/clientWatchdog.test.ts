/**
 * The extension's watchdog over the language server (`client/src/watchdog.ts`), with fake pings
 * and a short budget: a server that stops answering is ended once, one that answers is left alone,
 * and a pause of the watching thread itself is not taken for a hung server.
 */
import * as assert from 'node:assert/strict';
import { watchServer } from '../../client/src/watchdog';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds this thread, as a breakpoint or a long synchronous task in the extension host would. */
function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('the client watchdog over the language server', () => {
  it('ends a server that leaves a ping unanswered for the budget, once', async () => {
    let pings = 0;
    let kills = 0;
    const watch = watchServer({ ping: () => (pings++, new Promise(() => undefined)), kill: () => kills++, budgetMs: 100, everyMs: 10 });
    await sleep(60);
    assert.equal(kills, 0, 'not before the budget');
    // On a busy machine a late tick restarts the wait (see the pause test below): the kill may come later.
    for (let waited = 0; !kills && waited < 3_000; waited += 50) await sleep(50);
    await sleep(100);
    watch.dispose();
    assert.equal(kills, 1);
    assert.equal(pings, 1, 'one ping at a time, however late the ticks');
  });

  it('leaves a server alone while it answers, however long it runs', async () => {
    let pings = 0;
    let kills = 0;
    // Each answer takes most of the budget (a busy server answering between two steps of its work).
    const watch = watchServer({ ping: () => (pings++, sleep(70)), kill: () => kills++, budgetMs: 100, everyMs: 10 });
    await sleep(500);
    watch.dispose();
    assert.equal(kills, 0);
    assert.ok(pings >= 4, `${pings} pings`);
  });

  it('does not count a pause of its own thread against the server', async () => {
    let kills = 0;
    let answer: () => void = () => undefined;
    const watch = watchServer({
      ping: () => new Promise<void>((resolve) => (answer = resolve)),
      kill: () => kills++,
      budgetMs: 100,
      everyMs: 10,
    });
    await sleep(30);
    // The server answers, but this thread is held for longer than the budget before it can read the answer.
    setTimeout(() => answer(), 0);
    block(300);
    await sleep(50);
    assert.equal(kills, 0);
    watch.dispose();
  });

  it('stops when the connection is gone, and after dispose', async () => {
    let pings = 0;
    let kills = 0;
    watchServer({ ping: () => (pings++, Promise.reject(new Error('closed'))), kill: () => kills++, budgetMs: 50, everyMs: 10 });
    await sleep(150);
    assert.equal(pings, 1);
    const watch = watchServer({ ping: () => (pings++, new Promise(() => undefined)), kill: () => kills++, budgetMs: 50, everyMs: 10 });
    watch.dispose();
    await sleep(150);
    assert.equal(kills, 0);
  });
});
