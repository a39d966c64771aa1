#!/usr/bin/env node
// The load generator of `measure` (bench/lib.ts), run as a child process so that the measured
// server's event loop serves requests only: in the same process autocannon's own work would sit
// in every request's latency and in the server's CPU. Reads its settings from the JSON file
// named by argv[2] ({ url, connections, duration, headers?, paths? }); with `paths`, request i
// goes to paths[i mod n]. Prints autocannon's result as JSON on stdout.
import fs from 'node:fs';
import autocannon from 'autocannon';

const settings = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const paths = settings.paths;
let turn = 0;
const run = autocannon(
  {
    url: settings.url,
    connections: settings.connections,
    duration: settings.duration,
    headers: settings.headers,
    ...(paths?.length
      ? { requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[turn++ % paths.length] }) }] }
      : {}),
  },
  (err, result) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    process.stdout.write(JSON.stringify(result));
  },
);
run.on('error', (err) => console.error(err));
