module.exports = {
  require: ['tsx/cjs', './test/support/setup.ts'],
  spec: ['test/**/*.test.ts'],
  timeout: 30000,
  exit: true,
};
