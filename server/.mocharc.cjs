module.exports = {
  require: ['tsx/cjs', './test/support/setup.ts'],
  // Files named on the command line run alone (mocha would add them to the whole suite).
  spec: process.argv.slice(2).some((a) => a.endsWith('.test.ts')) ? [] : ['test/**/*.test.ts'],
  timeout: 30000,
  exit: true,
};
