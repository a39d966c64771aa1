// Preloaded into a bench's server process (`node --require bench/trace-requests.cjs …`) when
// BENCH_TRACE=<dir>: times every HTTP request from its 'request' event to its response's finish,
// samples the event loop's delay (perf_hooks.monitorEventLoopDelay) and GC pauses, and at exit
// writes a per-250-ms timeline to <dir>/server-<pid>.json: where a run's tail latency came from.
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { monitorEventLoopDelay, PerformanceObserver, performance } = require('node:perf_hooks');

const dir = process.env.BENCH_TRACE;
if (dir) {
  const BUCKET = 250;
  let t0 = 0;
  const buckets = new Map();
  const bucket = (t) => {
    const k = Math.floor((t - t0) / BUCKET);
    let b = buckets.get(k);
    if (!b) {
      b = {
        started: 0,
        done: 0,
        serverMs: [],
        inFlightMax: 0,
        loopMaxMs: 0,
        gcMs: 0,
        cpuMs: 0,
        poolWaitMs: [],
        queryMs: [],
      };
      buckets.set(k, b);
    }
    return b;
  };
  let inFlight = 0;
  // BENCH_TRACE_SQL=1: how many statements of each shape (numbers and strings masked) ran.
  const sqlShapes = new Map();

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (name, ...args) {
    const res = args[1];
    if (name === 'request') {
      const start = performance.now();
      if (!t0) t0 = start;
      const b = bucket(start);
      b.started++;
      inFlight++;
      if (inFlight > b.inFlightMax) b.inFlightMax = inFlight;
      res.once('finish', () => {
        inFlight--;
        b.done++;
        b.serverMs.push(performance.now() - start);
      });
    }
    return emit.call(this, name, ...args);
  };
  // Event-loop stalls: the largest gap between 10 ms ticks in each bucket; and the process' CPU
  // time (user + system) spent since the last tick.
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    if (t0 && now > t0) {
      const b = bucket(now);
      b.loopMaxMs = Math.max(b.loopMaxMs, now - last - 10);
      b.cpuMs += (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    }
    last = now;
    lastCpu = cpu;
  }, 10).unref();
  // The database side: how long a request waited for a pooled connection, and each statement's
  // time from Sequelize's beforeQuery to its afterQuery (sent, run, answered, parsed).
  const { Sequelize } = require(require.resolve('sequelize', { paths: [path.join(__dirname, '..', 'server')] }));
  Sequelize.addHook('afterInit', (sequelize) => {
    const manager = sequelize.connectionManager;
    const get = manager.getConnection.bind(manager);
    const countShape = (sql) => {
      const shape = String(sql ?? '')
        .replace(/'[^']*'/g, '?')
        .replace(/\b\d+\b/g, 'N')
        .slice(0, 160);
      sqlShapes.set(shape, (sqlShapes.get(shape) ?? 0) + 1);
    };
    const wrapped = new WeakSet();
    manager.getConnection = async (...args) => {
      const start = performance.now();
      const conn = await get(...args);
      if (t0) bucket(start).poolWaitMs.push(performance.now() - start);
      // Statements sent through mysql2 directly (platform/db read-rows, write-row), which
      // Sequelize's hooks never see: counted with the rest (they pass namedPlaceholders).
      if (process.env.BENCH_TRACE_SQL && !wrapped.has(conn)) {
        wrapped.add(conn);
        const query = conn.query.bind(conn);
        conn.query = (options, ...rest) => {
          if (t0 && typeof options === 'object' && options.namedPlaceholders !== undefined) countShape(options.sql);
          return query(options, ...rest);
        };
      }
      return conn;
    };
    const started = new WeakMap();
    sequelize.addHook('beforeQuery', (_options, query) => {
      started.set(query, performance.now());
    });
    sequelize.addHook('afterQuery', (_options, query) => {
      const at = started.get(query);
      if (process.env.BENCH_TRACE_SQL && t0) countShape(query.sql);
      if (at !== undefined && t0) bucket(at).queryMs.push(performance.now() - at);
    });
  });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (t0 && e.startTime > t0) bucket(e.startTime).gcMs += e.duration;
  }).observe({ entryTypes: ['gc'] });
  const write = () => {
    const q = (xs, p) => (xs.length ? xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : 0);
    const rows = [...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([k, b]) => ({
        atMs: k * BUCKET,
        started: b.started,
        inFlightMax: b.inFlightMax,
        serverP50: +q(b.serverMs, 0.5).toFixed(1),
        serverP99: +q(b.serverMs, 0.99).toFixed(1),
        serverMax: +q(b.serverMs, 1).toFixed(1),
        loopMaxMs: +b.loopMaxMs.toFixed(1),
        queries: b.queryMs.length,
        queryP50: +q(b.queryMs, 0.5).toFixed(1),
        queryP99: +q(b.queryMs, 0.99).toFixed(1),
        poolWaitP99: +q(b.poolWaitMs, 0.99).toFixed(1),
        poolWaitMax: +q(b.poolWaitMs, 1).toFixed(1),
        gcMs: +b.gcMs.toFixed(1),
        cpuMs: +b.cpuMs.toFixed(1),
      }));
    const all = [...buckets.values()].flatMap((b) => b.serverMs);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, `server-${process.pid}.json`),
      JSON.stringify(
        {
          requests: all.length,
          serverP50: q(all, 0.5),
          serverP99: q(all, 0.99),
          loopDelayP99Ms: loop.percentile(99) / 1e6,
          loopDelayMaxMs: loop.max / 1e6,
          sqlShapes: Object.fromEntries([...sqlShapes].sort((a, b) => b[1] - a[1])),
          rows,
        },
        null,
        1,
      ),
    );
  };
  // Written before the server's own graceful stop (main.ts' SIGTERM handler) runs.
  process.prependListener('SIGTERM', write);
}
