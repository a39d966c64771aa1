// Preloaded into a bench's server process (`node --require bench/count-statements.cjs …`): counts
// the SQL statements every Sequelize instance runs (readRows' direct reads too), and on SIGUSR2 writes the count so far to
// $BENCH_STATEMENTS_FILE (the bench reads it before and after a run: statements per request).
const fs = require('node:fs');
const path = require('node:path');

const { Sequelize } = require(require.resolve('sequelize', { paths: [path.join(__dirname, '..', 'server')] }));
let statements = 0;
Sequelize.addHook('afterInit', (sequelize) => {
  sequelize.addHook('beforeQuery', () => {
    statements++;
  });
  // And the reads readRows sends straight through mysql2 on a connection taken for 'read'
  // (Sequelize's hooks never see them): the statements with named placeholders set.
  const manager = sequelize.connectionManager;
  const get = manager.getConnection.bind(manager);
  const wrapped = new WeakSet();
  manager.getConnection = async (options) => {
    const conn = await get(options);
    if (options?.type === 'read' && conn && typeof conn.query === 'function' && !wrapped.has(conn)) {
      wrapped.add(conn);
      const query = conn.query.bind(conn);
      conn.query = (sql, ...rest) => {
        if (sql && typeof sql === 'object' && sql.namedPlaceholders !== undefined) statements++;
        return query(sql, ...rest);
      };
    }
    return conn;
  };
});
process.on('SIGUSR2', () => {
  if (process.env.BENCH_STATEMENTS_FILE) fs.writeFileSync(process.env.BENCH_STATEMENTS_FILE, String(statements));
});
