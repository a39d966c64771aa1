// The H5 build in Chromium against the real server: npx mocha --config test/h5/.mocharc.cjs
module.exports = {
  require: ['tsx/cjs'],
  spec: [__dirname + '/*.test.ts'],
  timeout: 180000,
  color: false,
};
