import pg from 'pg';
import type { Driver, Queryable, Row } from './driver.ts';
import type { Sql } from './sql.ts';

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  maxConnections?: number;
}

type Client = Pick<pg.PoolClient, 'query'>;

function queryable(client: Client): Queryable {
  return {
    dialect: 'postgres',
    all: async (query: Sql) => {
      const { text, values } = query.render((i) => `$${i}`);
      return (await client.query(text, values)).rows as Row[];
    },
    run: async (query: Sql) => {
      const { text, values } = query.render((i) => `$${i}`);
      return (await client.query(text, values)).rowCount ?? 0;
    },
    exec: async (script: string) => {
      await client.query(script);
    },
  };
}

/** A pool of connections to one PostgreSQL database, given by its URL. */
export function openPostgresDriver(url: string, options: PostgresOptions = {}): Driver {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // A connection that breaks while idle (the server restarted) is dropped by the pool and the next
  // query opens a new one; without a listener the error would end the process.
  pool.on('error', () => undefined);
  const direct = queryable(pool);
  return {
    ...direct,
    transaction: async (work) => {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        // A connection that could not roll back is closed rather than given to the next caller.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
