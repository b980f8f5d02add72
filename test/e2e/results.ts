/**
 * What the driver reports: one line per check as it finishes, the extension-host suite's counts,
 * and a closing `N passed, N failed` line. A failed UI step names its screenshot.
 */
export interface Failure {
  name: string;
  message: string;
  screenshot?: string;
}

export class Results {
  passed = 0;
  failed = 0;
  readonly failures: Failure[] = [];

  /** Runs one check; a thrown error is its failure. Returns whether it passed. */
  async check(name: string, body: () => Promise<void> | void, onFailure?: () => Promise<string | undefined>): Promise<boolean> {
    const started = Date.now();
    try {
      await body();
      this.passed++;
      console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
      return true;
    } catch (error) {
      const screenshot = await onFailure?.().catch(() => undefined);
      this.fail(name, error, screenshot);
      return false;
    }
  }

  fail(name: string, error: unknown, screenshot?: string): void {
    this.failed++;
    const message = error instanceof Error ? error.message : String(error);
    this.failures.push({ name, message, screenshot });
    console.log(`  ✗ ${name}\n${indent(message)}${screenshot ? `\n    screenshot: ${screenshot}` : ''}`);
  }

  /** Counts reported by a run that printed its own lines (the extension-host mocha suite). */
  add(passed: number, failed: number): void {
    this.passed += passed;
    this.failed += failed;
  }

  summary(): string {
    return `${this.passed} passed, ${this.failed} failed`;
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
