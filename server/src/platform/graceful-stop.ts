import http from 'node:http';
import net from 'node:net';
import type { Socket } from 'node:net';

interface Connection {
  /** Requests on it whose response has not finished. */
  busy: number;
  idleSince: number;
}

export interface StoppableServer {
  server: http.Server;
  /**
   * Stops accepting connections, answers every request already received (with
   * `Connection: close`, so its client opens no further request on that connection), closes
   * connections once idle, and resolves when none is left — or after `maxMs`, destroying the rest.
   */
  stop(maxMs: number): Promise<void>;
}

// How long a keep-alive connection must have been idle before a stop closes it. A client
// under steady load sends its next request within milliseconds of an answer: that request is
// answered (with Connection: close) instead of meeting a closed socket. Only a connection
// nobody is using is closed, as HTTP lets a server do at any time.
const IDLE_GRACE_MS = 250;

const CONNECTION = Symbol('connection');
type ConnectionResponse = http.ServerResponse & { [CONNECTION]?: Connection };

function responseClosed(this: ConnectionResponse) {
  const connection = this[CONNECTION];
  if (connection === undefined) return;
  this[CONNECTION] = undefined;
  connection.busy--;
  connection.idleSince = Date.now();
}

/**
 * An HTTP server that stops without resetting anyone's request. Node's own close() destroys
 * the connections idle at that instant — including those whose next request is already on the
 * wire — and leaves busy keep-alive connections served for as long as their clients go on.
 */
export function stoppableServer(listener: http.RequestListener): StoppableServer {
  const server = http.createServer(listener);
  const connections = new Map<Socket, Connection>();
  let stopping = false;

  server.on('connection', (socket: Socket) => {
    connections.set(socket, { busy: 0, idleSince: Date.now() });
    socket.once('close', () => connections.delete(socket));
  });
  // First of the request listeners: the header is in place before any handler answers.
  server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const connection = connections.get(req.socket);
    if (stopping && !res.headersSent) res.setHeader('Connection', 'close');
    if (!connection) return;
    connection.busy++;
    // One shared listener (a response closes once): no closure and no once-wrapper a request.
    (res as ConnectionResponse)[CONNECTION] = connection;
    res.on('close', responseClosed);
  });

  const closeIdle = (now: number) => {
    for (const [socket, connection] of connections)
      if (connection.busy === 0 && now - connection.idleSince >= IDLE_GRACE_MS) socket.destroy();
  };

  return {
    server,
    stop(maxMs) {
      stopping = true;
      return new Promise<void>((resolve) => {
        // net.Server's close: stop accepting, without http.Server's immediate idle sweep.
        net.Server.prototype.close.call(server);
        const deadline = Date.now() + maxMs;
        const sweep = setInterval(() => {
          // After this turn's I/O: a request that arrived meanwhile has marked its connection busy.
          setImmediate(() => {
            const now = Date.now();
            if (now >= deadline) for (const socket of connections.keys()) socket.destroy();
            else closeIdle(now);
            if (connections.size === 0) {
              clearInterval(sweep);
              resolve();
            }
          });
        }, 50);
      });
    },
  };
}
