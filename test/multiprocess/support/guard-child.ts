/**
 * A process with the process guard installed, as main.ts installs it, that meets each kind of
 * error nobody handled. Prints ALIVE once it has survived the request-scoped ones, then meets
 * one that may leave it unsound; its guard stops it with exit code 1.
 */
import { PassThrough } from 'node:stream';
import { createLogger } from '../../../server/src/platform/logger';
import { guardProcess } from '../../../server/src/platform/process-guard';

const logger = createLogger('info', process.stdout);
guardProcess({
  logger,
  requestIds: () => ['req-guard-test-0001'],
  stop: (code) => {
    console.log(`STOPPING ${code}`);
    process.exit(code);
  },
});

// A client hung up: the socket's stream reports ECONNRESET and nobody listens.
const socketLike = new PassThrough();
socketLike.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
// A multipart parser told of a cut body, nobody listening (what ended the process before).
const parserLike = new PassThrough();
parserLike.destroy(new Error('Unexpected end of form'));
// A promise nobody awaited.
void Promise.reject(new Error('a rejection nobody awaited'));

setTimeout(() => {
  console.log('ALIVE');
  setTimeout(() => {
    throw new TypeError('a pool half-changed');
  }, 50);
}, 300);
setTimeout(() => process.exit(0), 5000); // the guard failed to stop it
