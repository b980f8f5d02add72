/**
 * The gate a validation passes between two slices (`server/src/traffic.ts`): it gives the event
 * loop turns while the connection is busy, so what a message queued (its handling, then the write
 * of its answer, each an immediate of vscode-jsonrpc's) runs before the next slice.
 */
import * as assert from 'node:assert/strict';
import { type Clock, MAX_QUIET_WAIT_MS, QUIET_MS, Traffic } from '../../server/src/traffic';

/** A chain of `length` immediates, each noting traffic and queueing the next, as a message's dispatch and answer do. */
function chain(traffic: Traffic, length: number, done: string[]): void {
  const step = (i: number) => {
    traffic.note();
    done.push(`step ${i}`);
    if (i + 1 < length) setImmediate(() => step(i + 1));
  };
  setImmediate(() => step(0));
}

describe('traffic gate between validation slices', () => {
  it('gives one turn when nothing arrives', async () => {
    assert.equal(await new Traffic().turns(), 1);
  });

  it('lets a message, its handling and its answer run before the next slice', async () => {
    const traffic = new Traffic();
    const order: string[] = [];
    // The message arrives (noted) while a slice runs; its handling and the answer's write follow in immediates of their own.
    traffic.note();
    chain(traffic, 3, order);
    await traffic.turns();
    order.push('next slice');
    assert.deepEqual(order, ['step 0', 'step 1', 'step 2', 'next slice']);
  });

  it('without the gate, one turn would run the slice before the answer', async () => {
    // What the gate is for: the same chain with a single turn leaves the answer behind the slice.
    const order: string[] = [];
    chain(new Traffic(), 3, order);
    await new Promise((resolve) => setImmediate(resolve));
    order.push('next slice');
    assert.deepEqual(order, ['step 0', 'next slice']);
  });

  it('stops waiting after its limit when the traffic never ends', async () => {
    const traffic = new Traffic();
    let flooding = true;
    const flood = () => {
      traffic.note();
      if (flooding) setImmediate(flood);
    };
    setImmediate(flood);
    traffic.note();
    assert.equal(await traffic.turns(5), 5);
    flooding = false;
  });

  describe('waiting for a pause in the requests', () => {
    /** A clock whose sleeps pass at once, moving its time on; `onSleep` runs after each (a request arriving). */
    function fakeClock(onSleep: (time: number) => void = () => {}): Clock & { time: number; slept: number[] } {
      const clock = {
        time: 1000,
        slept: [] as number[],
        now: () => clock.time,
        sleep: async (ms: number) => {
          clock.slept.push(ms);
          clock.time += ms;
          onSleep(clock.time);
        },
      };
      return clock;
    }

    it('does not wait when nothing came lately', async () => {
      const clock = fakeClock();
      const traffic = new Traffic(clock);
      traffic.note();
      clock.time += QUIET_MS;
      await traffic.turns();
      assert.deepEqual(clock.slept, []);
    });

    it('waits until the connection has been quiet QUIET_MS after the last request', async () => {
      // Two more requests arrive, one per sleep, as a run of requests does.
      let more = 2;
      const box: { traffic?: Traffic } = {};
      const clock = fakeClock(() => {
        if (more-- > 0) box.traffic!.note();
      });
      const traffic = (box.traffic = new Traffic(clock));
      traffic.note();
      const start = clock.time;
      await traffic.turns();
      assert.equal(clock.slept.length, 3);
      assert.ok(clock.time - start >= 3 * QUIET_MS, `${clock.time - start} ms`);
    });

    it('goes on after MAX_QUIET_WAIT_MS when the requests never pause', async () => {
      const box: { traffic?: Traffic } = {};
      const clock = fakeClock(() => box.traffic!.note());
      const traffic = (box.traffic = new Traffic(clock));
      traffic.note();
      const start = clock.time;
      await traffic.turns();
      assert.ok(clock.time - start >= MAX_QUIET_WAIT_MS && clock.time - start <= MAX_QUIET_WAIT_MS + QUIET_MS, `${clock.time - start} ms`);
    });
  });
});
