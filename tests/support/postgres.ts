/** The throw-away PostgreSQL cluster of the tests lives in scripts/lib/ (the benchmarks start one too). */
export { findPostgresBin, startPostgres, type PostgresServer } from '../../scripts/lib/postgres.ts';
