/**
 * Real databases for tests: a SQLite file in a temp dir, and a fresh PostgreSQL database on the local server
 * (127.0.0.1:5432, trust auth), created per test file and dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { Config } from '../../src/config.js';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  database: Config['database'];
  url: string;
  drop(): Promise<void>;
}

export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'bot-test-'));
  const path = join(dir, 'bot.db');
  return { database: { kind: 'sqlite', path }, url: `file:${path}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const name = `bot_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    database: { kind: 'postgres', url },
    url,
    drop: async () => {
      const a = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
