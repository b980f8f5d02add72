/**
 * A promise that settles and runs its callbacks at once, in the caller's stack. The service
 * answers completion and hover synchronously (one API for templates and JSON, and nothing left
 * pending between keystrokes); vscode-json-languageservice lets the host choose its promise
 * constructor, and with this one its schema-driven completion and hover, which wait on nothing
 * but schemas held in memory, finish before `doComplete`/`doHover` return. `settled` reads the
 * result.
 */
type State<T> = { kind: 'pending' } | { kind: 'fulfilled'; value: T } | { kind: 'rejected'; reason: unknown };

export class SyncPromise<T> implements PromiseLike<T> {
  private state: State<T> = { kind: 'pending' };
  private readonly waiting: (() => void)[] = [];

  constructor(executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: unknown) => void) => void) {
    const settle = (state: State<T>) => {
      if (this.state.kind !== 'pending') return;
      this.state = state;
      for (const run of this.waiting.splice(0)) run();
    };
    const resolve = (value: T | PromiseLike<T>) => {
      if (value && typeof (value as PromiseLike<T>).then === 'function') (value as PromiseLike<T>).then(resolve, reject);
      else settle({ kind: 'fulfilled', value: value as T });
    };
    const reject = (reason?: unknown) => settle({ kind: 'rejected', reason });
    try {
      executor(resolve, reject);
    } catch (error) {
      reject(error);
    }
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): SyncPromise<A | B> {
    return new SyncPromise<A | B>((resolve, reject) => {
      const run = () => {
        const state = this.state;
        try {
          if (state.kind === 'fulfilled') {
            if (onFulfilled) resolve(onFulfilled(state.value));
            else resolve(state.value as unknown as A);
          } else if (state.kind === 'rejected') {
            if (onRejected) resolve(onRejected(state.reason));
            else reject(state.reason);
          }
        } catch (error) {
          reject(error);
        }
      };
      if (this.state.kind === 'pending') this.waiting.push(run);
      else run();
    });
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): SyncPromise<T | B> {
    return this.then(undefined, onRejected);
  }

  static resolve<T>(value: T | PromiseLike<T>): SyncPromise<T> {
    return new SyncPromise<T>((resolve) => resolve(value));
  }

  static reject<T = never>(reason?: unknown): SyncPromise<T> {
    return new SyncPromise<T>((_, reject) => reject(reason));
  }

  static all<T>(values: readonly (T | PromiseLike<T>)[]): SyncPromise<T[]> {
    return new SyncPromise<T[]>((resolve, reject) => {
      const out: T[] = new Array(values.length);
      let left = values.length;
      if (!left) resolve(out);
      values.forEach((value, i) =>
        SyncPromise.resolve(value).then((v) => {
          out[i] = v;
          if (--left === 0) resolve(out);
        }, reject),
      );
    });
  }
}

/**
 * The value of a thenable that has already settled; a rejection is thrown. One still pending (a
 * native promise, something that really waits) is a bug in how the service was wired: it throws
 * too, so the request fails with a logged error instead of answering empty in silence.
 */
export function settled<T>(thenable: PromiseLike<T>, what: string): T {
  let state: 'pending' | 'fulfilled' | 'rejected' = 'pending';
  let result: T | undefined;
  let error: unknown;
  thenable.then(
    (value) => {
      state = 'fulfilled';
      result = value;
    },
    (reason) => {
      state = 'rejected';
      error = reason;
    },
  );
  // Assigned in the callbacks above, which a SyncPromise runs before `then` returns.
  const settledAs = state as 'pending' | 'fulfilled' | 'rejected';
  if (settledAs === 'rejected') throw error;
  if (settledAs === 'pending') throw new Error(`${what} did not answer synchronously: a promise in it waits on something`);
  return result as T;
}
