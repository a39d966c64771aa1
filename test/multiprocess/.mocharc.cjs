// Cross-process suites: `npx mocha --config test/multiprocess/.mocharc.cjs` from the repository root.
const path = require('node:path');

module.exports = {
  require: ['tsx/cjs'],
  spec: [path.join(__dirname, '**/*.test.ts')],
  timeout: 60000,
  exit: true,
};
