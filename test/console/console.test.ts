/**
 * The console over real HTTP against the whole app: access control, Try it, the review queue writing into
 * a copy of the corpus, coverage, checks and the evaluation.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/console/auth.js';
import { groupId } from '../../src/console/index.js';
import { startConsoleApp, TOKEN, type ConsoleHarness } from './harness.js';

/** Lines added and removed between the repository's file and the copy's, as git counts them. */
function diffCounts(original: string, copy: string): { added: string[]; removed: string[] } {
  let out = '';
  try {
    out = execFileSync('git', ['diff', '--no-index', '--no-color', '-U0', original, copy], { encoding: 'utf8' });
  } catch (e) {
    out = (e as { stdout: string }).stdout; // exit code 1 means "differs"
  }
  const lines = out.split('\n');
  return {
    added: lines.filter((l) => l.startsWith('+') && !l.startsWith('+++')).map((l) => l.slice(1)),
    removed: lines.filter((l) => l.startsWith('-') && !l.startsWith('---')).map((l) => l.slice(1)),
  };
}

describe('the console', () => {
  let h: ConsoleHarness;
  let cookie: string;
  const get = (path: string, auth = true) => fetch(h.url(path), { headers: auth ? { cookie } : {}, redirect: 'manual' });
  const post = (path: string, form: Record<string, string>, auth = true) =>
    fetch(h.url(path), { method: 'POST', body: new URLSearchParams(form), headers: auth ? { cookie } : {}, redirect: 'manual' });

  beforeAll(async () => {
    h = await startConsoleApp();
    cookie = await h.login();
  });
  afterAll(async () => h?.close());

  describe('access', () => {
    it('redirects pages to the login and refuses API calls and form posts without a session', async () => {
      for (const path of ['/console', '/console/try', '/console/review', '/console/coverage', '/console/eval', '/console/retrain', '/console/checks']) {
        const res = await get(path, false);
        expect(res.status, path).toBe(302);
        expect(res.headers.get('location'), path).toMatch(/^\/console\/login/);
      }
      expect((await get('/console/api/retrain', false)).status).toBe(401);
      const api = await fetch(h.url('/console/api/understand'), { method: 'POST', body: JSON.stringify({ text: 'income certificate' }), headers: { 'content-type': 'application/json' } });
      expect(api.status).toBe(401);
      expect((await post('/console/review/dismiss', { group: 'x' }, false)).status).toBe(401);
      expect((await post('/console/retrain/start', {}, false)).status).toBe(401);
    });

    it('refuses a wrong token, a forged cookie and an expired-looking one', async () => {
      const res = await post('/console/login', { username: '', password: 'not-the-token', next: '/console/try' }, false);
      expect(res.status).toBe(401);
      expect(res.headers.getSetCookie()).toEqual([]);
      const forged = await fetch(h.url('/console/try'), { headers: { cookie: 'console_session=operator%7C9999999999999%7Cabc.def' }, redirect: 'manual' });
      expect(forged.status).toBe(302);
    });

    it('sets a signed HttpOnly SameSite=Strict cookie for the console only', async () => {
      const res = await post('/console/login', { username: '', password: TOKEN, next: '/console/review' }, false);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/console/review');
      const set = res.headers.getSetCookie()[0]!;
      expect(set).toMatch(/HttpOnly/);
      expect(set).toMatch(/SameSite=Strict/);
      expect(set).toMatch(/Path=\/console/);
      expect(set).not.toContain(TOKEN);
    });

    it('lets a linguist log in with a hashed account, and ends the session when the password changes', async () => {
      await h.app.store.upsertConsoleUser('asha', await hashPassword('correct horse battery'));
      const stored = await h.app.store.consoleUser('asha');
      expect(stored!.passwordHash).toMatch(/^scrypt\$/);
      expect(stored!.passwordHash).not.toContain('correct horse');
      await expect(h.login('asha', 'wrong password!!')).rejects.toThrow(/401/);
      const session = await h.login('asha', 'correct horse battery');
      const page = await fetch(h.url('/console/try'), { headers: { cookie: session }, redirect: 'manual' });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('asha');
      await h.app.store.upsertConsoleUser('asha', await hashPassword('a new long password'));
      const after = await fetch(h.url('/console/try'), { headers: { cookie: session }, redirect: 'manual' });
      expect(after.status).toBe(302);
    });

    it('refuses a form post from another site', async () => {
      const res = await fetch(h.url('/console/review/dismiss'), {
        method: 'POST',
        body: new URLSearchParams({ group: 'x' }),
        headers: { cookie, origin: 'http://evil.example' },
        redirect: 'manual',
      });
      expect(res.status).toBe(403);
    });
  });

  describe('Try it', () => {
    it('returns the right service with confidences for a clear request (JSON)', async () => {
      const res = await fetch(h.url('/console/api/understand'), {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'need income certificate for my daughter scholarship, we live in Puri' }),
      });
      expect(res.status).toBe(200);
      const u = (await res.json()) as { language: string; intents: { id: string; confidence: number; name?: { en: string } }[]; decision: { kind: string }; entities: { type: string; value: string }[]; normalized: string };
      expect(u.intents[0]!.id).toBe('rdm.income_certificate');
      expect(u.intents[0]!.name?.en).toBe('Income certificate');
      expect(u.intents.length).toBe(5);
      expect(u.intents[0]!.confidence).toBeGreaterThan(u.intents[1]!.confidence);
      expect(u.language).toBe('en');
      expect(u.normalized).toBe('need income certificate for my daughter scholarship we live in puri');
      expect(u.entities).toContainEqual(expect.objectContaining({ type: 'district', value: 'puri' }));
    });

    it('renders the page: normalised text, language, top 5 with bars, decision, entities', async () => {
      const res = await post('/console/try', { text: 'ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର' });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('id="result"');
      expect(html).toMatch(/id="language">Odia[^<]*<code>or<\/code>/);
      const rows = html.split('id="intents"')[1]!;
      expect(rows.indexOf('rdm.income_certificate')).toBeGreaterThan(-1);
      expect((rows.match(/class="bar"/g) ?? []).length).toBe(5);
      expect(html).toContain('id="decision"');
    });

    it('escapes what was typed', async () => {
      const html = await (await post('/console/try', { text: '<script>alert(1)</script> income certificate' })).text();
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });
  });

  describe('review queue', () => {
    const original = (f: string) => join('intents', 'nlu', f);
    const copy = (f: string) => join(h.intentsDir, 'nlu', f);

    it('groups and counts open utterances, newest first, with personal data masked', async () => {
      const store = h.app.store;
      const t0 = new Date(Date.now() - 60_000);
      await store.recordUtterance('c1', { text: 'xyz older message', normalized: 'xyz older message', language: 'en', predicted: null, confidence: null, reason: 'none' }, t0);
      for (const [i, citizen] of ['c2', 'c3', 'c4'].entries()) {
        await store.recordUtterance(
          citizen,
          { text: 'my name is Ramesh Sahu, phone 9876543210, income proof chahiye for college', normalized: 'my name is ramesh sahu phone 9876543210 income proof chahiye for college', language: 'en', predicted: 'rdm.income_certificate', confidence: 0.31, reason: 'unsure' },
          new Date(t0.getTime() + 1000 * (i + 1)),
        );
      }
      const html = await (await get('/console/review')).text();
      const newest = html.indexOf('my name is XXXX, phone XXXX, income proof chahiye for college');
      expect(newest).toBeGreaterThan(-1);
      expect(html.indexOf('xyz older message')).toBeGreaterThan(newest);
      expect(html).not.toContain('9876543210');
      expect(html).not.toContain('Ramesh');
      expect(html).toMatch(/income proof chahiye for college<\/td>\s*<td class="num"><b>3<\/b>/);
    });

    it('searches the services by name in English and Odia', async () => {
      const key = groupId('my name is ramesh sahu phone 9876543210 income proof chahiye for college');
      const en = await (await get(`/console/review/assign?group=${key}&q=${encodeURIComponent('income certificate')}`)).text();
      expect(en).toContain('data-service="rdm.income_certificate"');
      const or = await (await get(`/console/review/assign?group=${key}&q=${encodeURIComponent('ଆୟ ପ୍ରମାଣପତ୍ର')}`)).text();
      expect(or).toContain('data-service="rdm.income_certificate"');
      const json = (await (await get('/console/api/services?q=driving')).json()) as { id: string }[];
      expect(json.map((s) => s.id)).toContain('trn.driving_licence');
      // Without a search, the model's guesses are offered first.
      const guesses = await (await get(`/console/review/assign?group=${key}`)).text();
      expect(guesses).not.toContain('9876543210');
      expect(guesses).toContain('model guess');
    });

    it('assigning writes exactly one new, masked line into the right corpus file and resolves the group', async () => {
      const group = groupId('my name is ramesh sahu phone 9876543210 income proof chahiye for college');
      const before = readFileSync(copy('rdm.yaml'), 'utf8');
      const res = await post('/console/review/assign', { group, service: 'rdm.income_certificate', text: 'my name is Ramesh Sahu, phone 9876543210, income proof chahiye for college', variant: 'en' });
      expect(res.status).toBe(303);
      const { added, removed } = diffCounts(original('rdm.yaml'), copy('rdm.yaml'));
      expect(removed).toEqual([]);
      expect(added).toEqual(['    - "my name is XXXX, phone XXXX, income proof chahiye for college"']);
      const after = readFileSync(copy('rdm.yaml'), 'utf8');
      expect(after.length).toBeGreaterThan(before.length);
      // Under rdm.income_certificate's en list, not elsewhere.
      const entry = after.slice(after.indexOf('\nrdm.income_certificate:'));
      const en = entry.slice(entry.indexOf('\n  en:'), entry.indexOf('\n  or:'));
      expect(en).toContain('income proof chahiye for college');
      // The repository's own corpus is untouched.
      expect(diffCounts(original('rdm.yaml'), original('rdm.yaml')).added).toEqual([]);
      const page = await (await get('/console/review')).text();
      const queue = page.slice(page.indexOf('<h1>'));
      expect(queue).not.toContain('income proof chahiye for college');
      expect(page).toContain('to <code>rdm.income_certificate</code> (en) at <code>intents/nlu/rdm.yaml:');
    });

    it('detects the variant when not given, and files out-of-scope messages under none', async () => {
      await h.app.store.recordUtterance(null, { text: 'ଆଜି କ୍ରିକେଟ ମ୍ୟାଚ କେତେ ବେଳେ ଆରମ୍ଭ ହେବ', normalized: 'ଆଜି କ୍ରିକେଟ ମ୍ୟାଚ କେତେ ବେଳେ ଆରମ୍ଭ ହେବ', language: 'or', predicted: 'none', confidence: null, reason: 'none' });
      const res = await post('/console/review/out-of-scope', { group: groupId('ଆଜି କ୍ରିକେଟ ମ୍ୟାଚ କେତେ ବେଳେ ଆରମ୍ଭ ହେବ') });
      expect(res.status).toBe(303);
      const { added, removed } = diffCounts(original('_builtin.yaml'), copy('_builtin.yaml'));
      expect(removed).toEqual([]);
      expect(added).toEqual(['    - "ଆଜି କ୍ରିକେଟ ମ୍ୟାଚ କେତେ ବେଳେ ଆରମ୍ଭ ହେବ"']);
      const text = readFileSync(copy('_builtin.yaml'), 'utf8');
      const none = text.slice(text.indexOf('\nnone:'));
      const or = none.slice(none.indexOf('\n  or:'), none.indexOf('\n  or-Latn:'));
      expect(or).toContain('ଆଜି କ୍ରିକେଟ ମ୍ୟାଚ କେତେ ବେଳେ ଆରମ୍ଭ ହେବ');
    });

    it('refuses an example that belongs to another service, and dismisses without writing', async () => {
      await h.app.store.recordUtterance(null, { text: 'income certificate', normalized: 'income certificate', language: 'en', predicted: 'rdm.income_certificate', confidence: 0.4, reason: 'corrected' });
      const before = readFileSync(copy('trn.yaml'), 'utf8');
      await post('/console/review/assign', { group: groupId('income certificate'), service: 'trn.driving_licence', text: 'income certificate', variant: 'en' });
      expect(readFileSync(copy('trn.yaml'), 'utf8')).toBe(before);
      const page = await (await get('/console/review')).text();
      expect(page).toContain('is already an example of <code>rdm.income_certificate</code>');
      expect(page).toContain(`data-group="${groupId('income certificate')}"`); // still open
      await post('/console/review/dismiss', { group: groupId('income certificate') });
      expect(await (await get('/console/review')).text()).not.toContain(`data-group="${groupId('income certificate')}"`);
      expect(readFileSync(copy('trn.yaml'), 'utf8')).toBe(before);
    });
  });

  describe('coverage and checks', () => {
    it('shows services × variants with counts, thin ones highlighted', async () => {
      const html = await (await get('/console/coverage?dept=rdm')).text();
      expect(html).toContain('<code>rdm.income_certificate</code>');
      expect(html).not.toContain('<code>trn.driving_licence</code>');
      expect(html).toMatch(/below the minimums/);
      const thin = await (await get('/console/coverage?thin=1')).text();
      const rows = (thin.match(/<tr><td><code>/g) ?? []).length;
      expect(thin).toContain(`${rows} of 429 services below the minimums`);
    });

    it('runs the corpus checks on the copy', async () => {
      const html = await (await get('/console/checks')).text();
      expect(html).toContain('id="verdict"');
      expect(html).toMatch(/<span class="pill service">OK<\/span> no errors/);
    });
  });

  describe('evaluation', () => {
    it('runs the held-out evaluation with the current model and shows accuracy, heat map, F1 bars and the change', async () => {
      expect((await get('/console/eval')).status).toBe(200);
      const first = await post('/console/eval/run', {});
      expect(first.status).toBe(303);
      const last = join(h.reportsDir, 'console-eval-last.json');
      expect(existsSync(last)).toBe(true);
      const report = JSON.parse(readFileSync(last, 'utf8')) as { top1: number; items: number; byVariant: Record<string, unknown> };
      expect(report.items).toBeGreaterThan(1000);
      expect(report.top1).toBeGreaterThan(0.8);
      expect(Object.keys(report.byVariant)).toEqual(expect.arrayContaining(['en', 'or', 'or-Latn']));
      let html = await (await get('/console/eval')).text();
      expect(html).toContain('id="kpi-top1"');
      expect(html).toContain(`${(report.top1 * 100).toFixed(1)}%`);
      expect(html).toContain('id="by-variant"');
      expect(html).toContain('aria-label="confusion heat map"');
      expect(html).toContain('aria-label="per-service F1"');
      expect(html).not.toContain('compared with the run of');
      await post('/console/eval/run', {});
      expect(existsSync(join(h.reportsDir, 'console-eval-previous.json'))).toBe(true);
      html = await (await get('/console/eval')).text();
      expect(html).toContain('compared with the run of');
      expect(html).toContain('Changed since the previous run');
    }, 60_000);
  });
});
