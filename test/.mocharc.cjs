// Cross-cutting suites: the compiled weapp, the H5 build in Chromium, several processes.
module.exports = {
  require: ['tsx/cjs', 'test/support/failure-evidence.ts'],
  // Files named on the command line run alone (mocha would add them to the whole suite).
  spec: process.argv.slice(2).some((a) => a.endsWith('.test.ts')) ? [] : ['test/**/*.test.ts'],
  timeout: 120000,
  exit: true,
};
