/**
 * The module boundaries the build enforces (README "Architecture"), checked by
 * test/architecture/boundaries.test.ts with dependency-cruiser over server/src:
 * - a module reaches another module only through that module's root index.ts;
 * - the platform imports no module and nothing of wechat/;
 * - only server/src/wechat/ imports the WeChat libraries.
 */
const WECHAT_LIBRARIES = ['co-wechat-api', 'co-wechat', 'wechat-api', 'wechat', 'wechat-crypto', 'wechat-oauth'];
const wechatLibrary = `(^|node_modules/)(${WECHAT_LIBRARIES.join('|')})(/|$)`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-through-root',
      comment: 'A module reaches another module only through its root index.ts (its exported api).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'platform-imports-no-module',
      comment: 'platform/ is what every module uses and none owns: it imports no module and nothing of wechat/.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|wechat)/' },
    },
    {
      name: 'wechat-libraries-only-in-wechat',
      comment: 'WeChat is called only through server/src/wechat/: nothing else imports a WeChat library.',
      severity: 'error',
      from: { pathNot: '^src/wechat/' },
      to: { path: wechatLibrary },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
  },
};
