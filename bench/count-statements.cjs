// Preloaded into a bench's server process (`node --require bench/count-statements.cjs …`): counts
// the SQL statements every Sequelize instance runs, and on SIGUSR2 writes the count so far to
// $BENCH_STATEMENTS_FILE (the bench reads it before and after a run: statements per request).
const fs = require('node:fs');
const path = require('node:path');

const { Sequelize } = require(require.resolve('sequelize', { paths: [path.join(__dirname, '..', 'server')] }));
let statements = 0;
Sequelize.addHook('afterInit', (sequelize) => {
  sequelize.addHook('beforeQuery', () => {
    statements++;
  });
});
process.on('SIGUSR2', () => {
  if (process.env.BENCH_STATEMENTS_FILE) fs.writeFileSync(process.env.BENCH_STATEMENTS_FILE, String(statements));
});
