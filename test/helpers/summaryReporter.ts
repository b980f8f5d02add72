/**
 * Mocha's spec output, closed by the `N passed, N failed` line that every test layer ends with
 * (the end-to-end driver prints its own).
 */
import Mocha from 'mocha';

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      console.log(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? 0} failed`);
    });
  }
}

export = SummaryReporter;
