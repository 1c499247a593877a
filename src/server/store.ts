/**
 * The store of the running server, opened once per process and shared by the proposal service
 * (rate limits, in-flight submits) and the readers' signals: SQLite in PINKAS_DATA_DIR, or
 * PostgreSQL at PINKAS_DATABASE_URL (src/lib/store/open.ts).
 */
import { openStore } from '../lib/store/open.ts';
import type { Store } from '../lib/store/types.ts';

let store: Promise<Store> | undefined;

export function serverStore(): Promise<Store> {
  store ??= openStore(process.env);
  store.catch(() => (store = undefined));
  return store;
}
