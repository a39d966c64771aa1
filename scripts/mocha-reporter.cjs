// Mocha's spec reporter, plus the run's own counts (mocha's runner.stats) written as JSON to
// MZ_TEST_STATS when set, so `npm test` sums the suites from the runners, not from their text.
const fs = require('node:fs');
const Mocha = require('mocha');

class SpecWithStats extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.MZ_TEST_STATS;
      if (!file) return;
      const { passes, failures, pending, tests, suites } = runner.stats;
      fs.writeFileSync(file, JSON.stringify({ passes, failures, pending, tests, suites }));
    });
  }
}

module.exports = SpecWithStats;
