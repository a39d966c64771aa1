/** Runs the WeChat API simulator alone: `PORT=4010 tsx src/wechat/simulator/main.ts`. */
import { startSimulator } from './index';

async function main() {
  const port = Number(process.env.PORT ?? 4010);
  const sim = await startSimulator({ port, host: process.env.HOST ?? '127.0.0.1' });
  console.log(`WeChat simulator listening on ${sim.url}`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
