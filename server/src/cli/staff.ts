import { loadConfig } from '../../../config';
import { createApp } from '../app';
import { AppError } from '../platform/errors';

const USAGE = 'usage: npm run staff -- reset-password <username>';

/**
 * `npm run staff -- reset-password <username>`: for when nobody can sign in as admin. Prints a
 * one-time password that must be changed at the next sign-in; the account's sessions end and
 * its lock is lifted. Audited as done by the system ('cli'). Needs the server's configuration
 * (DATABASE_URL, REDIS_URL, PII_KEY), as the server would.
 */
async function run(argv: string[]) {
  const [command, username, ...rest] = argv;
  if (command !== 'reset-password' || !username || rest.length) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  // Never calls WeChat: it needs no WeChat configuration.
  const config = loadConfig(process.env, { wechat: false });
  const app = await createApp({ ...config, serveH5: false, runWorkers: false, logLevel: 'warn' });
  try {
    if (app.firstAdminPassword) console.log(`admin created, password: ${app.firstAdminPassword}`);
    const system = { id: 0, username: 'cli', roles: ['admin' as const], scope: { divisions: [''], halls: [] } };
    const { oneTimePassword } = await app.modules.staff.accounts.resetPasswordOf(system, username);
    console.log(`one-time password for ${username}: ${oneTimePassword}`);
    console.log('  须在下次登录时修改；该账号原有的登录已全部失效，锁定已解除。');
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

run(process.argv.slice(2)).catch((err) => {
  console.error(err?.message ?? err);
  process.exit(1);
});
