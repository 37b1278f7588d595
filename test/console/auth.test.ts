/** Console credentials: scrypt password hashes, and the operator token when CONSOLE_TOKEN is not set. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, LoginThrottle, resolveOperatorToken, verifyPassword } from '../../src/console/auth.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';

describe('passwords', () => {
  it('are stored as salted scrypt hashes and verified', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b); // a fresh salt each time
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', 'plain-text')).toBe(false);
  });

  it('throttles repeated failures per client', () => {
    const t = new LoginThrottle(3, 60_000);
    for (let i = 0; i < 3; i++) t.fail('1.2.3.4', 1000);
    expect(t.blocked('1.2.3.4', 2000)).toBe(true);
    expect(t.blocked('5.6.7.8', 2000)).toBe(false);
    expect(t.blocked('1.2.3.4', 62_000)).toBe(false);
  });
});

describe('the operator token without CONSOLE_TOKEN', () => {
  let dir: string;
  let lines: string[];
  const log = () =>
    createLogger(
      'info',
      new Writable({
        write(chunk, _e, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-token-'));
    lines = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated once into a private file next to the database, and never logged', () => {
    const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'bot.db')}` });
    const first = resolveOperatorToken(config, log());
    expect(first.source).toBe('generated');
    expect(first.token!.length).toBeGreaterThanOrEqual(24);
    const file = join(dir, 'console-token');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = resolveOperatorToken(config, log());
    expect(again).toMatchObject({ source: 'file', token: first.token });
    expect(lines.length).toBe(2);
    expect(lines.join('')).toContain(file);
    expect(lines.join('')).not.toContain(first.token);
  });

  it('comes from CONSOLE_TOKEN when set, without a file', () => {
    const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'bot.db')}`, CONSOLE_TOKEN: 'from-the-environment' });
    expect(resolveOperatorToken(config, log())).toEqual({ token: 'from-the-environment', source: 'env' });
    expect(lines).toEqual([]);
  });
});
