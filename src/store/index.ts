/** The store's public face: open one from the configuration. */
import type { Config } from '../config.js';
import { openPostgres, openSqlite } from './db.js';
import { Store } from './repository.js';

export { Store } from './repository.js';
export type * from './repository.js';

export async function openStore(database: Config['database']): Promise<Store> {
  const conn = database.kind === 'sqlite' ? openSqlite(database.path) : await openPostgres(database.url);
  return new Store(conn);
}
