import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metaJson, signatureOf, status, text, buttonReply, listReply, audio, image, reaction, webhook, contact, wamid, webhookEntries } from '../fakes/meta-signing.js';
import { APP_SECRET, CITIZEN, eventually, startHarness, VERIFY_TOKEN, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.stop());

const now = () => Math.floor(Date.now() / 1000);
const bodies = (waId = CITIZEN) => h.graph.sentTo(waId).map((s) => s.payload.text?.body ?? s.payload.interactive?.type ?? s.type);

describe('GET /webhooks/whatsapp (verification)', () => {
  it('echoes the challenge as plain text when mode and token match', async () => {
    const res = await fetch(`${h.webhookUrl}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${VERIFY_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('1158201444');
  });

  it('answers 403 on a wrong token or mode', async () => {
    for (const query of [
      'hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong',
      `hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=${VERIFY_TOKEN}`,
      'hub.challenge=1',
    ]) {
      expect((await fetch(`${h.webhookUrl}?${query}`)).status).toBe(403);
    }
  });
});

describe('POST /webhooks/whatsapp', () => {
  it('a text conversation: 200 at once, marked read with typing, then the reply', async () => {
    const first = text(CITIZEN, 'hello', now());
    const res = await h.post(webhook({ contacts: [contact(CITIZEN)], messages: [first] }));
    expect(res.status).toBe(200);
    await h.graph.waitForSent(1);
    expect(h.graph.reads).toEqual([{ messageId: first.id, typing: true }]);
    await h.post(webhook({ contacts: [contact(CITIZEN)], messages: [text(CITIZEN, 'menu', now())] }));
    await h.graph.waitForSent(2);
    expect(bodies()).toEqual(['echo: hello', 'button']);
    const buttons = h.graph.sent[1]!.payload;
    expect(buttons.to).toBe(CITIZEN);
    expect(buttons.interactive.action.buttons.map((b: any) => b.reply)).toEqual([
      { id: 'lang:or', title: 'ଓଡ଼ିଆ' },
      { id: 'lang:en', title: 'English' },
    ]);
    expect(h.graph.violations).toEqual([]);
    await eventually(async () => {
      const rows = await h.store.outboundOf(`whatsapp:${CITIZEN}`);
      expect(rows.map((r) => [r.status, r.channelMessageId])).toEqual(h.graph.sent.map((s) => ['sent', s.id]));
    });
  });

  it('a button tap and a list choice reach the dialog as choices', async () => {
    await h.post(webhook({ messages: [buttonReply(CITIZEN, 'lang:or', 'ଓଡ଼ିଆ', now())] }));
    await h.graph.waitForSent(1);
    await h.post(webhook({ messages: [text(CITIZEN, 'services', now())] }));
    const lists = (await h.graph.waitForSent(3)).slice(1);
    expect(lists.map((l) => l.payload.interactive.type)).toEqual(['list', 'list']);
    await h.post(webhook({ messages: [listReply(CITIZEN, 'svc:rev_3', 'ରାଜସ୍ୱ ସେବା', now())] }));
    await h.graph.waitForSent(4);
    expect(bodies()).toEqual(['chose lang:or (ଓଡ଼ିଆ)', 'list', 'list', 'chose svc:rev_3 (ରାଜସ୍ୱ ସେବା)']);
    expect(h.graph.violations).toEqual([]);
  });

  it('a redelivered message gets no second reply (also when redelivered at once)', async () => {
    const message = text(CITIZEN, 'once', now());
    const payload = webhook({ messages: [message] });
    const [a, b] = await Promise.all([h.post(payload), h.post(payload)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await h.graph.waitForSent(1);
    await h.channel.idle();
    expect((await h.post(payload)).status).toBe(200);
    await h.channel.idle();
    expect(bodies()).toEqual(['echo: once']);
    expect(h.graph.reads).toHaveLength(1);
    expect(await h.store.countMessages(`whatsapp:${CITIZEN}`, 'in')).toBe(1);
  });

  it('records a message before acknowledging it, so a crash after the 200 cannot lose it', async () => {
    await h.stop();
    h = await startHarness({ orderingWindowMs: 1_000 });
    const message = text(CITIZEN, 'kept', now());
    expect((await h.post(webhook({ messages: [message] }))).status).toBe(200);
    // Still waiting in the ordering window: nothing answered yet, but the store already holds it for `recover`.
    expect(h.graph.sent).toHaveLength(0);
    const unanswered = await h.store.unprocessedInbound('whatsapp');
    expect(unanswered.map((m) => [m.citizenId, m.channelMessageId])).toEqual([[`whatsapp:${CITIZEN}`, message.id]]);
    await h.graph.waitForSent(1);
    await h.channel.idle();
    expect(bodies()).toEqual(['echo: kept']);
    expect(await h.store.unprocessedInbound('whatsapp')).toEqual([]);
  });

  it('handles out-of-order messages in timestamp order, citizens independently', async () => {
    const other = '919861000000';
    const t = now();
    const payload = webhookEntries(
      [{ messages: [text(CITIZEN, 'third', t + 2), text(other, 'other-2', t + 1)] }],
      [{ messages: [text(CITIZEN, 'first', t), text(other, 'other-1', t)] }, { messages: [text(CITIZEN, 'second', t + 1)] }],
    );
    expect((await h.post(payload)).status).toBe(200);
    await h.graph.waitForSent(5);
    expect(bodies()).toEqual(['echo: first', 'echo: second', 'echo: third']);
    expect(bodies(other)).toEqual(['echo: other-1', 'echo: other-2']);
  });

  it('orders a citizen’s messages that arrive in separate webhooks within the ordering window', async () => {
    const t = now();
    await Promise.all([h.post(webhook({ messages: [text(CITIZEN, 'later', t + 5)] })), h.post(webhook({ messages: [text(CITIZEN, 'earlier', t)] }))]);
    await h.graph.waitForSent(2);
    expect(bodies()).toEqual(['echo: earlier', 'echo: later']);
  });

  it('rejects a missing or wrong signature with 401 and processes nothing', async () => {
    const payload = webhook({ messages: [text(CITIZEN, 'forged', now())] });
    expect((await h.post(payload, { signature: null })).status).toBe(401);
    expect((await h.post(payload, { signature: 'sha256=' + '0'.repeat(64) })).status).toBe(401);
    expect((await h.post(payload, { signature: 'garbage' })).status).toBe(401);
    // Signed over the UTF-8 bytes of an Odia body but sent escaped (as Meta sends): not the same bytes.
    const odia = webhook({ messages: [text(CITIZEN, 'ଓଡ଼ିଆ', now())] });
    expect((await h.post(odia, { signature: signatureOf(JSON.stringify(odia), APP_SECRET) })).status).toBe(401);
    await h.channel.idle();
    expect(h.graph.sent).toEqual([]);
    expect(await h.store.countMessages(`whatsapp:${CITIZEN}`, 'in')).toBe(0);
  });

  it('accepts an Odia webhook with \\uXXXX escapes, verified over the raw bytes', async () => {
    const payload = webhook({ contacts: [contact(CITIZEN, 'ସୁଭଶ୍ରୀ')], messages: [text(CITIZEN, 'ମୋତେ ଜନ୍ମ ପ୍ରମାଣପତ୍ର ଦରକାର', now())] });
    const body = metaJson(payload, { escapeSlashes: true });
    expect(body).toMatch(/\\u0b2e\\u0b4b/);
    expect(/[^ -~\s]/.test(body)).toBe(false);
    expect((await h.post(payload, { body })).status).toBe(200);
    await h.graph.waitForSent(1);
    expect(bodies()).toEqual(['echo: ମୋତେ ଜନ୍ମ ପ୍ରମାଣପତ୍ର ଦରକାର']);
  });

  it('rejects bodies over 3 MB with 413', async () => {
    const payload = webhook({ messages: [text(CITIZEN, 'x'.repeat(3 * 1024 * 1024), now())] });
    expect((await h.post(payload)).status).toBe(413);
    // Without a Content-Length (chunked), the cap holds while reading.
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 60) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(h.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=' + '0'.repeat(64) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('stores delivery statuses on the outbox row, in any order, including failures', async () => {
    await h.post(webhook({ messages: [text(CITIZEN, 'two', now())] }));
    const [first, second] = await h.graph.waitForSent(2);
    const t = now();
    await h.post(webhook({ statuses: [status(first!.id, 'read', t + 2, CITIZEN), status(first!.id, 'delivered', t + 1, CITIZEN)] }));
    await h.post(webhook({ statuses: [status(second!.id, 'failed', t + 3, CITIZEN, 131026)] }));
    await h.post(webhook({ statuses: [status(first!.id, 'sent', t, CITIZEN), status('wamid.UNKNOWN', 'delivered', t, CITIZEN)] }));
    await eventually(async () => {
      const rows = await h.store.outboundOf(`whatsapp:${CITIZEN}`);
      expect(rows.map((r) => [r.status, r.errorCode])).toEqual([
        ['read', null],
        ['failed', 131026],
      ]);
    });
  });

  it('ignores reactions; answers locations, media and unsupported messages via the dialog', async () => {
    const t = now();
    const payload = webhook({
      messages: [
        reaction(CITIZEN, 'wamid.X', t),
        image(CITIZEN, '2754859441498128', t + 1),
        { from: CITIZEN, id: wamid(), timestamp: String(t + 2), type: 'location', location: { latitude: 20.2961, longitude: 85.8245 } },
        { from: CITIZEN, id: wamid(), timestamp: String(t + 3), type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] },
      ],
    });
    expect((await h.post(payload)).status).toBe(200);
    await h.graph.waitForSent(3);
    await h.channel.idle();
    expect(bodies()).toEqual(['got image 2754859441498128', 'at 20.2961,85.8245', 'unsupported unsupported']);
  });

  it('downloads a voice note for the pipeline, checking the hash and the size cap', async () => {
    const bytes = Buffer.from('OggS fake opus voice note');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const good = h.graph.addMedia(bytes, 'audio/ogg; codecs=opus');
    const t = now();
    await h.post(webhook({ messages: [audio(CITIZEN, good, sha, t)] }));
    await h.graph.waitForSent(1);
    const tampered = h.graph.addMedia(bytes, 'audio/ogg; codecs=opus');
    await h.post(webhook({ messages: [audio(CITIZEN, tampered, 'ef'.repeat(32), t + 1)] }));
    await h.graph.waitForSent(2);
    const huge = h.graph.addMedia(bytes, 'audio/ogg; codecs=opus', { declaredSize: String(20 * 1024 * 1024) });
    await h.post(webhook({ messages: [audio(CITIZEN, huge, sha, t + 2)] }));
    await h.graph.waitForSent(3);
    expect(bodies()).toEqual([`echo: heard ${bytes.length} bytes OggS`, 'voice failed: corrupt', 'voice failed: too_large']);
  });

  it('keeps phone numbers and message text out of the logs', async () => {
    await h.post(webhook({ contacts: [contact(CITIZEN)], messages: [text(CITIZEN, 'my secret words', now())] }));
    await h.graph.waitForSent(1);
    await h.channel.idle();
    const logged = JSON.stringify(h.logs.filter((l) => l.level >= 30));
    expect(logged).not.toContain(CITIZEN);
    expect(logged).not.toContain('secret words');
    expect(logged).not.toContain(h.graph.token);
  });
});

describe('before the pipeline exists', () => {
  it('refuses events with 503 (Meta delivers them again) and still verifies', async () => {
    const { createWhatsAppChannel } = await import('../../src/channels/whatsapp/index.js');
    const { createLogger } = await import('../../src/log.js');
    // eslint-disable-next-line prefer-const -- set after the channel is created, read lazily by it
    let ready: import('../../src/pipeline.js').Pipeline | undefined;
    const channel = createWhatsAppChannel({
      config: { verifyToken: VERIFY_TOKEN, appSecret: APP_SECRET, accessToken: 't', phoneNumberId: 'p', apiUrl: h.graph.apiUrl },
      store: h.store,
      pipeline: () => ready,
      log: createLogger('silent'),
    });
    const body = metaJson(webhook({ messages: [text(CITIZEN, 'early', now())] }));
    const post = () =>
      channel.app.request('/webhooks/whatsapp', { method: 'POST', body, headers: { 'x-hub-signature-256': signatureOf(body, APP_SECRET) } });
    expect((await post()).status).toBe(503);
    expect((await channel.app.request(`/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=7&hub.verify_token=${VERIFY_TOKEN}`)).status).toBe(200);
    ready = h.pipeline;
    expect((await post()).status).toBe(200);
    await channel.stop();
  });
});
