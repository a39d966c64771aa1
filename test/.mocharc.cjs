// Cross-cutting suites: the compiled weapp, the H5 build in Chromium, several processes.
module.exports = {
  require: ['tsx/cjs'],
  spec: ['test/**/*.test.ts'],
  timeout: 120000,
  exit: true,
};
