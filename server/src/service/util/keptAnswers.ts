import { ownCopy } from './strings';

/** Kept for an undefined answer, so that one lookup tells a kept answer from none. */
const UNDEFINED = Symbol('undefined answer');

/**
 * The answers of a pure function, kept by key, at most `limit` of them (the oldest dropped first):
 * the service reads the same few ARN patterns, condition keys, CIDR blocks, action lists and globs
 * again in every statement and at every keystroke, and a stream of different ones must not grow
 * the memory without end. `compute` given to the constructor serves every `get`; one given to
 * `get` serves that call. An undefined answer is kept too.
 */
export class KeptAnswers<K, V> {
  private readonly answers = new Map<K, V | typeof UNDEFINED>();

  constructor(
    private readonly limit: number,
    private readonly compute?: (key: K) => V,
  ) {}

  get(key: K, compute: ((key: K) => V) | undefined = this.compute): V {
    const kept = this.answers.get(key);
    if (kept !== undefined) return kept === UNDEFINED ? (undefined as V) : kept;
    if (!compute) throw new Error('KeptAnswers.get: no function to compute the answer');
    const answer = compute(key);
    if (this.answers.size >= this.limit) this.answers.delete(this.answers.keys().next().value as K);
    // A key cut from a document's text would keep the whole text (`ownCopy`).
    this.answers.set(typeof key === 'string' ? (ownCopy(key) as K) : key, answer === undefined ? UNDEFINED : answer);
    return answer;
  }

  /** Forgets every answer (what they were computed from changed). */
  clear(): void {
    this.answers.clear();
  }
}
