/**
 * The whole app over real HTTP on loopback: health, the simulator page and its JSON API (the channel a
 * newcomer tries first), de-duplication and the browse menu in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { startTestApp, type RunningApp } from './helpers/app.js';

describe('the server', () => {
  let running: RunningApp;
  let app: App;
  const url = (path: string) => running.url(path);
  const say = async (body: Record<string, unknown>) => {
    const res = await fetch(url('/api/simulator/message'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { duplicate?: boolean; replies: { kind: string; text: string; buttons?: { id: string; title: string }[]; sections?: { rows: { id: string; title: string }[] }[] }[]; error?: string } };
  };

  beforeAll(async () => {
    running = await startTestApp();
    app = running.app;
  });
  afterAll(async () => running?.close());

  it('reports healthy once catalog, model and database are ready', async () => {
    const res = await fetch(url('/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', catalog: true, model: true, database: true });
  });

  it('serves the simulator page', async () => {
    const res = await fetch(url('/'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/api/simulator/message');
  });

  it('answers a free-text request with the service card, in the language it was written in', async () => {
    const en = await say({ userId: 'http-en', text: 'need income certificate for my daughter scholarship' });
    expect(en.status).toBe(200);
    const card = en.body.replies.find((r) => r.text.includes('Income certificate'));
    expect(card?.buttons?.map((b) => b.id)).toContain('apply:rdm.income_certificate');
    const or = await say({ userId: 'http-or', text: 'ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର' });
    expect(or.body.replies.map((r) => r.text).join('\n')).toContain('ଆୟ ପ୍ରମାଣପତ୍ର');
    expect(or.body.replies[0]!.text).toContain('ନମସ୍କାର');
  });

  it('processes a resent message id once', async () => {
    const first = await say({ userId: 'http-dup', messageId: 'sim-1', text: 'menu' });
    const again = await say({ userId: 'http-dup', messageId: 'sim-1', text: 'menu' });
    expect(first.body.duplicate).toBe(false);
    expect(first.body.replies.length).toBeGreaterThan(0);
    expect(again.body).toMatchObject({ duplicate: true, replies: [] });
    expect(await app.store.countMessages('simulator:http-dup', 'in')).toBe(1);
  });

  it('browses departments and services in English and Odia with lists that fit WhatsApp', async () => {
    for (const [user, lang] of [['http-menu-en', 'lang:en'], ['http-menu-or', 'lang:or']] as const) {
      await say({ userId: user, text: '1234' }); // cannot tell the language: the bot asks
      const chosen = await say({ userId: user, choice: { id: lang, title: lang } });
      expect(chosen.body.replies[0]!.text).toContain(lang === 'lang:or' ? 'ନମସ୍କାର' : 'Namaskar');
      const menu = await say({ userId: user, choice: { id: 'menu', title: 'Menu' } });
      const rows = menu.body.replies[0]!.sections!.flatMap((s) => s.rows);
      expect(rows.length).toBeLessThanOrEqual(10);
      for (const row of rows) expect(row.title.length).toBeLessThanOrEqual(24);
      const dept = await say({ userId: user, choice: { id: rows[0]!.id, title: rows[0]!.title } });
      const services = dept.body.replies[0]!.sections!.flatMap((s) => s.rows);
      expect(services.length).toBeGreaterThan(1);
      const card = await say({ userId: user, choice: { id: services[0]!.id, title: services[0]!.title } });
      expect(card.body.replies[0]!.buttons!.some((b) => b.id.startsWith('apply:'))).toBe(true);
    }
  });

  it('rejects malformed requests with a clear error and keeps going', async () => {
    const res = await fetch(url('/api/simulator/message'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/invalid/i);
    const ok = await say({ userId: 'http-after-bad', text: 'hello' });
    expect(ok.status).toBe(200);
  });
});
