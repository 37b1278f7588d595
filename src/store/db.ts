/**
 * Open the database named by the configuration (SQLite file or PostgreSQL), run the committed migrations,
 * and hand the repository one way to run work, optionally in a transaction, on either backend.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePg } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import pLimit from 'p-limit';
import * as pgSchema from './schema/pg.js';
import * as sqliteSchema from './schema/sqlite.js';

/**
 * The repository is written once against this type. The SQLite tables have the same shape and drizzle
 * builds dialect-specific SQL from the table objects at run time, so the SQLite handle is used through it too.
 */
export type Db = PostgresJsDatabase<typeof pgSchema>;
export type Tables = typeof pgSchema;

export interface Connection {
  kind: 'sqlite' | 'postgres';
  tables: Tables;
  /** Run `work`; with `transaction`, all of it commits or none of it does. */
  run<T>(work: (db: Db) => Promise<T>, options?: { transaction?: boolean }): Promise<T>;
  close(): Promise<void>;
}

const migrationsRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export function openSqlite(path: string): Connection {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const client = new Database(path);
  client.pragma('journal_mode = WAL');
  client.pragma('busy_timeout = 5000');
  const db = drizzleSqlite(client, { schema: sqliteSchema });
  migrateSqlite(db, { migrationsFolder: resolve(migrationsRoot, 'sqlite') });
  // better-sqlite3 is synchronous and has one connection: work is serialised, and transactions are
  // opened by hand because drizzle's SQLite transaction cannot span awaits.
  const exclusive = pLimit(1);
  const asDb = db as unknown as Db;
  return {
    kind: 'sqlite',
    tables: sqliteSchema as unknown as Tables,
    run: (work, options) =>
      exclusive(async () => {
        if (!options?.transaction) return work(asDb);
        db.run(sql`BEGIN IMMEDIATE`);
        try {
          const result = await work(asDb);
          db.run(sql`COMMIT`);
          return result;
        } catch (error) {
          db.run(sql`ROLLBACK`);
          throw error;
        }
      }),
    close: async () => {
      await exclusive(async () => client.close());
    },
  };
}

export async function openPostgres(url: string): Promise<Connection> {
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzlePg(client, { schema: pgSchema });
  await migratePg(db, { migrationsFolder: resolve(migrationsRoot, 'pg') });
  return {
    kind: 'postgres',
    tables: pgSchema,
    run: (work, options) => (options?.transaction ? db.transaction((tx) => work(tx as unknown as Db)) : work(db)),
    close: () => client.end({ timeout: 5 }),
  };
}
