// Preloaded into a bench's server process (`node --require bench/cpu-prof-runs.cjs …`) when
// BENCH_CPU_PROF=<dir>: a V8 CPU profile of each measured run alone, not of the start-up. The
// bench signals SIGUSR2 before and after every run of the server (count-statements.cjs answers
// the same signal): each signal ends the profile being taken, if any, and starts the next, so
// <dir>/server-<pid>-<n>.cpuprofile with n odd is the n-th signal's run (1: the first run).
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_CPU_PROF;
if (dir) {
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  let n = 0;
  let running = false;
  const start = () => {
    session.post('Profiler.start');
    running = true;
  };
  process.on('SIGUSR2', () => {
    const k = n++;
    if (!running) return start();
    session.post('Profiler.stop', (err, result) => {
      if (!err) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `server-${process.pid}-${k}.cpuprofile`), JSON.stringify(result.profile));
      }
      start();
    });
  });
}
