/**
 * The whole bot on WhatsApp: `createApp` with the four WHATSAPP_* variables pointing at a fake Graph API on
 * loopback, driven only by signed webhooks as Meta sends them. A citizen browses with lists, applies with
 * buttons, answers with text, confirms and gets a reference — in English and in Odia.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { FakeGraphApi } from '../fakes/graph-api.js';
import { buttonReply, contact, listReply, postWebhook, text, webhook } from '../fakes/meta-signing.js';
import { startTestApp, type RunningApp } from '../helpers/app.js';

const SECRET = 'e2e-app-secret';

describe('the bot over WhatsApp', () => {
  let graph: FakeGraphApi;
  let running: RunningApp;
  let app: App;
  let clock = Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    graph = await FakeGraphApi.start();
    running = await startTestApp({
      WHATSAPP_VERIFY_TOKEN: 'verify-me', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_ACCESS_TOKEN: graph.token,
      WHATSAPP_PHONE_NUMBER_ID: graph.phoneNumberId, WHATSAPP_API_URL: graph.apiUrl,
    });
    app = running.app;
  });
  afterAll(async () => {
    await running?.close();
    await graph?.close();
  });

  /** Send one webhook message and wait for the bot's answer to it (all payloads sent to that citizen since). */
  async function say(waId: string, message: Record<string, unknown>) {
    const before = graph.sentTo(waId).length;
    const res = await postWebhook(running.url('/webhooks/whatsapp'), webhook({ contacts: [contact(waId)], messages: [message] }), SECRET);
    expect(res.status).toBe(200);
    const until = Date.now() + 10_000;
    let settled = -1;
    // Replies of one turn go out together; wait until some arrived and nothing more came for a moment.
    while (Date.now() < until) {
      const n = graph.sentTo(waId).length;
      if (n > before && n === settled) break;
      settled = n;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(graph.violations).toEqual([]);
    return graph.sentTo(waId).slice(before).map((s) => s.payload);
  }
  const bodyText = (payloads: Record<string, any>[]) => payloads.map((p) => p.text?.body ?? p.interactive?.body?.text ?? '').join('\n');
  const rows = (payloads: Record<string, any>[]) => payloads.flatMap((p) => (p.interactive?.type === 'list' ? p.interactive.action.sections.flatMap((s: any) => s.rows) : []));
  const buttons = (payloads: Record<string, any>[]) => payloads.flatMap((p) => (p.interactive?.type === 'button' ? p.interactive.action.buttons.map((b: any) => b.reply) : []));

  /** Browse with list taps until a row with `id` is offered (following "More…" rows), then tap it. */
  async function tapRow(waId: string, payloads: Record<string, any>[], id: string) {
    let current = payloads;
    for (let i = 0; i < 6; i++) {
      const all = rows(current);
      const row = all.find((r) => r.id === id);
      if (row) return say(waId, listReply(waId, row.id, row.title, ++clock));
      const more = all.at(-1)!;
      current = await say(waId, listReply(waId, more.id, more.title, ++clock));
    }
    throw new Error(`no row ${id}`);
  }

  it.each([
    ['en', '919437000001', 'menu', 'Cuttack', /Reference number: \*(OD-HFW-\d{4}-[A-Z0-9]+)\*/],
    ['or', '919437000002', 'ମେନୁ', 'କଟକ', /ରେଫରେନ୍ସ ନମ୍ବର: \*(OD-HFW-\d{4}-[A-Z0-9]+)\*/],
  ])('a citizen applies end to end in %s with lists, buttons and text', async (_lang, waId, menuWord, district, referencePattern) => {
    const menu = await say(waId, text(waId, menuWord, ++clock));
    expect(rows(menu).length).toBeGreaterThan(0);
    const services = await tapRow(waId, menu, 'dept:hfw:0');
    const card = await tapRow(waId, services, 'svc:hfw.free_medicine_diagnostics');
    const apply = buttons(card).find((b) => b.id === 'apply:hfw.free_medicine_diagnostics');
    expect(apply).toBeDefined();
    const question = await say(waId, buttonReply(waId, apply.id, apply.title, ++clock));
    expect(rows(question).some((r) => r.id.startsWith('opt:district:'))).toBe(true);
    const summary = await say(waId, text(waId, district, ++clock));
    const confirm = buttons(summary).find((b) => b.id === 'confirm');
    expect(confirm).toBeDefined();
    const done = await say(waId, buttonReply(waId, confirm.id, confirm.title, ++clock));
    const reference = referencePattern.exec(bodyText(done))?.[1];
    expect(reference, bodyText(done)).toBeDefined();
    const status = await say(waId, text(waId, `status ${reference}`, ++clock));
    expect(bodyText(status)).toContain(reference!);
    // Everything the citizen was sent was accepted by the Graph API and recorded as sent.
    expect((await app.store.outboundOf(`whatsapp:${waId}`)).every((m) => m.status === 'sent')).toBe(true);
  });
});
