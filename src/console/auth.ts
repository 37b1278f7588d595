/**
 * Who may use the console: the operator (token from CONSOLE_TOKEN) and linguists with accounts in
 * `console_users` (passwords hashed with scrypt and a random salt). A login becomes a signed, HttpOnly,
 * SameSite=Strict session cookie that names the user and expires; a linguist's session ends when their
 * password changes.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (salt and hash base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Compare secrets in constant time whatever their lengths. */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** A short fingerprint of a secret, stored in sessions so that changing it ends them. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(`console-session-tag:${secret}`).digest('base64url').slice(0, 12);
}

export interface OperatorToken {
  /** Undefined when none could be set up: only linguist accounts can log in. */
  token?: string;
  /** Where it came from, for the start-up line. */
  source: 'env' | 'file' | 'generated' | 'none';
  file?: string;
}

/** Where a generated token is kept: next to the SQLite database, or ./data for PostgreSQL. */
export function tokenFile(config: Config): string {
  const dir = config.database.kind === 'sqlite' && config.database.path !== ':memory:' ? dirname(config.database.path) : 'data';
  return join(dir, 'console-token');
}

/**
 * The operator token. CONSOLE_TOKEN wins. Without it, a random token is generated once and written to a
 * file readable only by the bot's user (data/console-token): the log says where to find it, never what it
 * is, because logs travel further than the data directory.
 */
export function resolveOperatorToken(config: Config, log: Logger): OperatorToken {
  const fromEnv = config.env.CONSOLE_TOKEN;
  if (fromEnv) return { token: fromEnv, source: 'env' };
  const file = tokenFile(config);
  try {
    if (existsSync(file)) {
      const token = readFileSync(file, 'utf8').trim();
      if (token.length >= 16) {
        log.info({ file }, `console: CONSOLE_TOKEN not set; the operator token is in ${file}`);
        return { token, source: 'file', file };
      }
    }
    const token = randomBytes(24).toString('base64url');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    log.info({ file }, `console: CONSOLE_TOKEN not set; generated an operator token, find it in ${file}`);
    return { token, source: 'generated', file };
  } catch (err) {
    log.warn({ err, file }, 'console: CONSOLE_TOKEN not set and no token file could be written; only linguist accounts can log in');
    return { source: 'none' };
  }
}

/** Failed logins per client: a few attempts, then a pause. */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();
  constructor(
    private readonly max = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  blocked(client: string, now = Date.now()): boolean {
    const f = this.failures.get(client);
    if (!f || f.until < now) return false;
    return f.count >= this.max;
  }

  fail(client: string, now = Date.now()): void {
    const f = this.failures.get(client);
    if (!f || f.until < now) this.failures.set(client, { count: 1, until: now + this.windowMs });
    else f.count += 1;
    if (this.failures.size > 10_000) this.failures.clear();
  }

  succeed(client: string): void {
    this.failures.delete(client);
  }
}
