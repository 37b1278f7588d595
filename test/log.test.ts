import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

function capture() {
  const lines: string[] = [];
  const dest = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger('debug', dest) };
}

describe('logging', () => {
  it('never writes Aadhaar numbers, phone numbers or tokens', () => {
    const { lines, log } = capture();
    log.info({ text: 'my aadhaar is 4991 1866 5246 and phone +91 98765 43210', from: '919876543210' }, 'citizen said 499118665246');
    log.info({ headers: { authorization: 'Bearer EAAG-secret-token' }, accessToken: 'EAAG-secret' }, 'calling graph api');
    log.error({ err: new Error('failed for 9876543210') }, 'send failed');
    // pid, time and stack-frame line numbers are digits the process chose, not data the citizen gave.
    const out = lines
      .map((line) => {
        const { pid: _pid, time: _time, hostname: _host, ...record } = JSON.parse(line) as Record<string, unknown>;
        return JSON.stringify(record).replace(/\\n\s+at [^"]*?(?=\\n|")/g, '');
      })
      .join('\n');
    expect(out).toContain('failed for');
    expect(out).not.toMatch(/4991|5246|98765|43210|9876543210|EAAG/);
    expect(out).toContain('[aadhaar]');
    expect(out).toContain('send failed');
  });
});
