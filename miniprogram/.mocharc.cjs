// Page tests: mocha + tsx + jsdom (see test/setup.ts)
module.exports = {
  require: ['tsx/cjs', './test/setup.ts'],
  spec: ['test/**/*.test.tsx', 'test/**/*.test.ts'],
  timeout: 15000,
  color: false
}
