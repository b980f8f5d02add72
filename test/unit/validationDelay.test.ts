/**
 * How long a document waits between a change and its validation (`server/src/validationDelay.ts`):
 * at once after a pause, half its last cost inside a burst, never less than the caller's floor.
 */
import * as assert from 'node:assert/strict';
import { MAX_DELAY_MS, validationDelay } from '../../server/src/validationDelay';

describe('validation delay after a change', () => {
  it('validates a document with no validation yet at once (its open, its first edit)', () => {
    assert.equal(validationDelay(undefined, undefined), 0);
    assert.equal(validationDelay(undefined, 5), 0);
  });

  it('validates a key typed after a pause at once, however costly the document', () => {
    // The previous key came longer ago than a validation takes: nothing is in flight to coalesce with.
    assert.equal(validationDelay(80, 80), 0);
    assert.equal(validationDelay(80, 500), 0);
    assert.equal(validationDelay(400, 1000), 0);
  });

  it('waits half the last cost for a key inside a burst, at most MAX_DELAY_MS', () => {
    assert.equal(validationDelay(80, 30), 40);
    assert.equal(validationDelay(2, 1), 1);
    assert.equal(validationDelay(1000, 30), MAX_DELAY_MS);
  });

  it('treats the first change seen for a validated document as a pause', () => {
    assert.equal(validationDelay(80, undefined), 0);
  });

  it('never waits less than the floor (another file changed)', () => {
    assert.equal(validationDelay(undefined, undefined, 100), 100);
    assert.equal(validationDelay(80, 500, 100), 100);
    assert.equal(validationDelay(1000, 0, 100), MAX_DELAY_MS);
    assert.equal(validationDelay(40, 0, 100), 100);
  });
});
