import { afterEach, describe, expect, it } from 'vitest';
import type { VoiceOutput } from '../../src/voice/types.js';
import { text, webhook } from '../fakes/meta-signing.js';
import { postgresDatabase, sqliteDatabase, type TestDatabase } from '../helpers/databases.js';
import { CITIZEN, eventually, startHarness, type Harness } from './harness.js';

const harnesses: Harness[] = [];
async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(options);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.stop().catch(() => undefined);
});

const now = () => Math.floor(Date.now() / 1000);
const say = (h: Harness, body: string, from = CITIZEN) => h.post(webhook({ messages: [text(from, body, now())] }));
const rowsOf = (h: Harness, waId = CITIZEN) => h.store.outboundOf(`whatsapp:${waId}`);
const bodies = (h: Harness) => h.graph.sent.map((s) => s.payload.text?.body ?? s.type);

const backends: [string, () => Promise<TestDatabase>][] = [
  ['SQLite', async () => sqliteDatabase()],
  ['PostgreSQL', postgresDatabase],
];

describe('outbox sender', () => {
  it('retries throughput (130429) and maintenance (131057) errors with backoff', async () => {
    const h = await harness();
    h.graph.failNext(130429, 131057);
    await say(h, 'hi');
    await h.graph.waitForSent(1);
    await eventually(async () => expect((await rowsOf(h))[0]).toMatchObject({ status: 'sent', attempts: 3 }));
    expect(h.graph.attempts).toHaveLength(3);
  });

  it('after 131056 waits about the pair spacing before the retry and between later messages', async () => {
    const h = await harness({ retry: { pairSpacingMs: 150 } });
    h.graph.failNext(131056);
    const started = Date.now();
    await say(h, 'two');
    await h.graph.waitForSent(2);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(bodies(h)).toEqual(['first reply', 'second reply']);
    await eventually(async () => expect((await rowsOf(h)).map((r) => r.status)).toEqual(['sent', 'sent']));
  });

  it('records 131047, 131026 and 131009 without retrying', async () => {
    const h = await harness();
    for (const code of [131047, 131026, 131009]) {
      h.graph.failNext(code);
      await say(h, `code ${code}`);
      await h.channel.idle();
    }
    expect(h.graph.sent).toEqual([]);
    expect(h.graph.attempts).toHaveLength(3);
    expect((await rowsOf(h)).map((r) => [r.status, r.errorCode])).toEqual([
      ['failed', 131047],
      ['failed', 131026],
      ['failed', 131009],
    ]);
    await say(h, 'still works');
    await h.graph.waitForSent(1);
  });

  it('raises one operator alert when the token is rejected (190)', async () => {
    const h = await harness();
    h.graph.failNext(190, 190);
    await say(h, 'a');
    await h.channel.idle();
    await say(h, 'b');
    await h.channel.idle();
    const alerts = h.logs.filter((l) => l.level >= 50 && /operator alert/.test(l.msg));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.level).toBe(60);
    expect((await rowsOf(h)).map((r) => [r.status, r.errorCode])).toEqual([
      ['failed', 190],
      ['failed', 190],
    ]);
  });

  it('gives up after the maximum attempts and records the last error', async () => {
    const h = await harness({ retry: { maxAttempts: 3 } });
    h.graph.failNext({ http: 500 }, { http: 500 }, { http: 500 });
    await say(h, 'doomed');
    await eventually(async () => expect((await rowsOf(h))[0]).toMatchObject({ status: 'failed', attempts: 3 }));
    expect(h.graph.sent).toEqual([]);
  });

  it('continues a split reply where it stopped instead of repeating parts', async () => {
    const h = await harness();
    h.graph.failNext('ok', { http: 500 });
    await say(h, 'long');
    await eventually(async () => expect((await rowsOf(h))[0]?.status).toBe('sent'));
    const parts = h.graph.sent.map((s) => s.payload.text.body as string);
    expect(parts.length).toBeGreaterThan(1);
    expect(new Set(parts).size).toBe(parts.length);
    expect(parts[0]).toMatch(/^Paragraph 0\./);
    expect((await rowsOf(h))[0]!.channelMessageId).toBe(h.graph.sent.at(-1)!.id);
  });

  it('sends audio replies as uploaded voice notes, or their text without a voice', async () => {
    const speech: VoiceOutput = {
      synthesize: async (text, language) => (language === 'en' ? { audio: Buffer.from(`OggS:${text}`), mimeType: 'audio/ogg; codecs=opus' } : undefined),
    };
    const h = await harness({ voiceOutput: speech });
    await say(h, 'speak');
    const [voice] = await h.graph.waitForSent(1);
    expect(voice!.payload).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CITIZEN,
      type: 'audio',
      audio: { id: h.graph.uploads[0]!.id, voice: true },
    });
    expect(h.graph.uploads[0]).toMatchObject({ type: 'audio/ogg' });
    expect(h.graph.uploads[0]!.bytes.toString()).toBe('OggS:spoken reply');

    const mute = await harness();
    await say(mute, 'speak');
    const [plain] = await mute.graph.waitForSent(1);
    expect(plain!.payload.text.body).toBe('spoken reply');
  });
});

describe.each(backends)('outbox sender on %s', (_name, make) => {
  it('retries after a 500 from the Graph API; the reply arrives exactly once', async () => {
    const h = await harness({ db: await make() });
    h.graph.failNext({ http: 500 });
    await say(h, 'hello');
    await h.graph.waitForSent(1);
    await h.channel.idle();
    expect(h.graph.attempts).toHaveLength(2);
    expect(bodies(h)).toEqual(['echo: hello']);
    const [row] = await rowsOf(h);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, channelMessageId: h.graph.sent[0]!.id });
  });

  it('keeps a citizen’s replies in order while one waits for a retry', async () => {
    const h = await harness({ db: await make() });
    h.graph.failNext({ http: 503 });
    await say(h, 'two');
    await h.graph.waitForSent(2);
    expect(bodies(h)).toEqual(['first reply', 'second reply']);
  });

  it('after a restart sends the replies a crash left unsent, each exactly once', async () => {
    const other = '919861000000';
    const first = await harness({ start: false, db: await make() });
    await say(first, 'pending reply');
    await say(first, 'interrupted reply', other);
    await first.channel.idle();
    const [interrupted] = await rowsOf(first, other);
    expect(await first.store.claimOutbound(interrupted!.id)).toBe(true); // the crash hit mid-send
    expect(first.graph.sent).toEqual([]);
    await first.stop({ keepDb: true, keepGraph: true });
    harnesses.splice(harnesses.indexOf(first), 1);

    const second = await harness({ graph: first.graph, db: first.db });
    await second.graph.waitForSent(2);
    await second.channel.idle();
    expect(second.graph.sentTo(CITIZEN).map((s) => s.payload.text.body)).toEqual(['echo: pending reply']);
    expect(second.graph.sentTo(other).map((s) => s.payload.text.body)).toEqual(['echo: interrupted reply']);
    expect((await rowsOf(second)).map((r) => r.status)).toEqual(['sent']);
    expect((await rowsOf(second, other)).map((r) => r.status)).toEqual(['sent']);
  });
});
