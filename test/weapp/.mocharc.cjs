// The compiled weapp in miniprogram-simulate: npx mocha --config test/weapp/.mocharc.cjs
module.exports = {
  require: ['tsx/cjs'],
  spec: [__dirname + '/*.test.ts'],
  timeout: 180000,
  color: false,
};
