import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { requestsInFlight } from '../../src/platform/http';

/**
 * A stop closes the database only after the requests being handled are done: a client that
 * hung up has closed its connection, but its handler may still be about to use the database.
 */
describe('A stop waits for the requests in flight', () => {
  it('resolves only once the last request being handled has finished, even after its client left', async () => {
    const inFlight = requestsInFlight();
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let started!: () => void;
    const begun = new Promise<void>((r) => {
      started = r;
    });
    const koa = new Koa();
    koa.use(inFlight);
    koa.use(async (ctx) => {
      started();
      await held; // as a handler awaiting the database
      ctx.body = 'done';
    });
    const server = http.createServer(koa.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    const client = http.get({ host: '127.0.0.1', port, path: '/' });
    client.on('error', () => {
      /* we hang up on purpose */
    });
    await begun;
    client.destroy(); // the client leaves; its handler is still running
    await new Promise<void>((resolve) => server.close(() => resolve()));

    let drained = false;
    const waiting = inFlight.drained(5000).then(() => {
      drained = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(drained, false, 'resolved while a handler was still running');
    release();
    await waiting;
    assert.equal(drained, true);
    await inFlight.drained(5000); // and at once when nothing is in flight
  });
});
