/**
 * The linguists' console at /console, served by the bot's own server: try the understanding, work through
 * the review queue (writing examples into intents/nlu/), see coverage, run the evaluation, retrain, and
 * run the corpus checks. Everything is server-rendered HTML; the only script is the retrain progress poll.
 *
 * Access: the operator token (CONSOLE_TOKEN) or a linguist account (console_users, scrypt-hashed), then a
 * signed HttpOnly SameSite=Strict session cookie. Pages redirect to the login; API calls and form posts get
 * 401 without a session.
 */
import { existsSync } from 'node:fs';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { createHash, randomBytes } from 'node:crypto';
import type { Catalog } from '../catalog/types.js';
import type { Config } from '../config.js';
import { BUILTIN_INTENTS } from '../core.js';
import type { Logger } from '../log.js';
import { CorpusError, loadCorpus, type CorpusVariant } from '../nlu/corpus.js';
import type { NluService } from '../nlu/index.js';
import { modelPath } from '../nlu/model.js';
import { normalize, phoneticKey } from '../nlu/normalize.js';
import type { Store } from '../store/repository.js';
import { fingerprint, LoginThrottle, resolveOperatorToken, sameSecret, verifyPassword } from './auth.js';
import { addExample, variantOf, type AddResult } from './corpus-write.js';
import { loadReports, runEvaluation } from './evaluation.js';
import { h, page, type Html, type NavState } from './html.js';
import { lintCorpus, MINIMUMS } from './lint.js';
import { maskPersonalData, toExample } from './mask.js';
import {
  assignPage,
  checksPage,
  coveragePage,
  evalPage,
  loginPage,
  retrainPage,
  reviewPage,
  tryPage,
  type Candidate,
  type CoverageRow,
  type ReviewGroupView,
} from './pages.js';
import { RetrainJob, trainCommand, type TrainCommand } from './retrain.js';

export interface ConsoleDeps {
  config: Config;
  log: Logger;
  store: Store;
  catalog: Catalog;
  /** The model in use (undefined while the bot is starting). */
  nlu: () => NluService | undefined;
  /** Load the saved model for the current corpus and swap it in (App.reloadModel). */
  reloadModel: () => Promise<{ trained: boolean; ms: number; path: string }>;
  /** Overrides for tests. */
  reportsDir?: string;
  heldoutPath?: string;
  trainCommand?: () => TrainCommand;
  sessionHours?: number;
}

type Env = { Variables: { user: string } };

const COOKIE = 'console_session';
const OPERATOR = 'operator';
const VARIANTS: readonly CorpusVariant[] = ['en', 'or', 'or-Latn', 'mixed'];

/** The id of a review group in pages and forms (its normalised text may hold personal data). */
export function groupId(normalized: string): string {
  return createHash('sha256').update(`review-group:${normalized}`).digest('base64url').slice(0, 16);
}

/** Services (and conversational intents) matching a search, by id or name in either language. */
export function searchServices(catalog: Catalog, q: string, limit = 30): string[] {
  const query = normalize(q);
  if (!query) return [];
  const words = query.split(' ');
  const sound = phoneticKey(q).split(' ').filter(Boolean);
  const scored: { id: string; score: number }[] = [];
  const consider = (id: string, names: string[]) => {
    const hay = normalize([id, ...names].join(' '));
    const hayKey = ` ${phoneticKey([id.replace(/[._]/g, ' '), ...names].join(' '))} `;
    let score = 0;
    if (id === q.trim()) score += 100;
    if (words.every((w) => hay.includes(w))) score += 10 + (hay.startsWith(query) ? 5 : 0);
    else if (sound.length && sound.every((w) => hayKey.includes(` ${w}`))) score += 5;
    if (score > 0) scored.push({ id, score: score - hay.length / 1000 });
  };
  for (const s of catalog.services) consider(s.id, [s.name.en, s.name.or]);
  for (const id of [...BUILTIN_INTENTS, 'none']) consider(id, id === 'none' ? ['out of scope'] : []);
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.id);
}

export function consoleRoutes(deps: ConsoleDeps): Hono<Env> {
  const { config, log, store, catalog } = deps;
  const app = new Hono<Env>();
  const operator = resolveOperatorToken(config, log);
  const secret = operator.token ? createHash('sha256').update(`console-session:${operator.token}`).digest('hex') : randomBytes(32).toString('hex');
  const sessionMs = (deps.sessionHours ?? 12) * 3_600_000;
  const throttle = new LoginThrottle();
  const reportsDir = deps.reportsDir ?? config.env.REPORTS_DIR;
  const heldoutPath = deps.heldoutPath ?? 'test/eval/heldout.yaml';
  const flashes = new Map<string, NonNullable<NavState['flash']>>();
  let evaluating = false;
  let lastTrainingMs = 90_000;

  const corpusUpToDate = (): boolean | undefined => {
    try {
      return existsSync(modelPath(config.modelDir, loadCorpus(config.intentsDir).hash));
    } catch (e) {
      if (e instanceof CorpusError) return undefined;
      throw e;
    }
  };
  const retrain = new RetrainJob({
    command: deps.trainCommand ?? (() => trainCommand({ intentsDir: config.intentsDir, modelDir: config.modelDir, localesDir: config.localesDir })),
    reload: async () => {
      const started = Date.now();
      const result = await deps.reloadModel();
      lastTrainingMs = Math.max(5_000, (retrain.status().elapsedMs || lastTrainingMs) - (Date.now() - started));
      return result;
    },
    upToDate: () => corpusUpToDate() !== false,
    log,
  });

  const clientOf = (c: Context) => {
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };

  const flash = (c: Context<Env>, kind: 'ok' | 'error' | 'info', text: string | Html) => flashes.set(c.get('user'), { kind, text });

  const render = async (c: Context<Env>, title: string, active: string, body: Html, status: 200 | 400 | 404 | 409 | 503 = 200) => {
    const user = c.get('user');
    const pending = flashes.get(user);
    flashes.delete(user);
    const openReview = (await store.openUtteranceGroups(200).catch(() => [])).length;
    return c.html(page(title, body, { user, active, openReview, flash: pending }), status);
  };

  // --- login ------------------------------------------------------------------------------------------------

  const safeNext = (next: unknown) => (typeof next === 'string' && /^\/console(\/[\w\-/?=&%.]*)?$/.test(next) && !next.startsWith('/console/login') ? next : '/console/try');

  app.get('/console/login', (c) => c.html(page('Log in', loginPage({ next: safeNext(c.req.query('next')), operatorEnabled: !!operator.token }))));

  app.post('/console/login', async (c) => {
    const client = clientOf(c);
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const fail = (error: string, status: 401 | 429) => c.html(page('Log in', loginPage({ next, error, operatorEnabled: !!operator.token })), status);
    if (throttle.blocked(client)) return fail('Too many failed attempts. Wait 15 minutes and try again.', 429);
    const username = typeof form.username === 'string' ? form.username.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    let user: string | undefined;
    let tag: string | undefined;
    if (!username || username === OPERATOR) {
      if (operator.token && password && sameSecret(password, operator.token)) {
        user = OPERATOR;
        tag = fingerprint(operator.token);
      }
    } else {
      const account = await store.consoleUser(username);
      if (account && (await verifyPassword(password, account.passwordHash))) {
        user = account.username;
        tag = fingerprint(account.passwordHash);
      }
    }
    if (!user || !tag) {
      throttle.fail(client);
      log.warn({ username: username || OPERATOR, client }, 'console: failed login');
      return fail('Wrong username, password or token.', 401);
    }
    throttle.succeed(client);
    const expires = Date.now() + sessionMs;
    await setSignedCookie(c, COOKIE, [encodeURIComponent(user), expires, tag].join('|'), secret, {
      path: '/console',
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
      maxAge: Math.floor(sessionMs / 1000),
    });
    log.info({ user }, 'console: login');
    return c.redirect(next, 303);
  });

  // --- everything else needs a session ---------------------------------------------------------------------

  app.use('/console/*', async (c, next) => {
    if (c.req.path === '/console/login') return next();
    const user = await sessionUser(c);
    if (!user) {
      const wantsPage = c.req.method === 'GET' && !c.req.path.startsWith('/console/api/');
      if (wantsPage) return c.redirect(`/console/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`, 302);
      return c.json({ error: 'login required' }, 401);
    }
    // Forms are SameSite=Strict already; a cross-site Origin on a state change is refused outright too.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      if (origin && origin !== 'null' && new URL(origin).host !== c.req.header('host')) return c.json({ error: 'cross-site request refused' }, 403);
    }
    c.set('user', user);
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
  });
  app.get('/console', (c) => c.redirect('/console/try', 302));
  app.get('/console/', (c) => c.redirect('/console/try', 302));

  async function sessionUser(c: Context): Promise<string | undefined> {
    const value = await getSignedCookie(c, secret, COOKIE);
    if (!value) return undefined;
    const [encoded, expires, tag] = value.split('|');
    if (!encoded || !expires || !tag || Number(expires) < Date.now()) return undefined;
    const user = decodeURIComponent(encoded);
    if (user === OPERATOR) return operator.token && tag === fingerprint(operator.token) ? user : undefined;
    const account = await store.consoleUser(user);
    return account && tag === fingerprint(account.passwordHash) ? user : undefined;
  }

  app.post('/console/logout', (c) => {
    deleteCookie(c, COOKIE, { path: '/console' });
    return c.redirect('/console/login', 303);
  });

  // --- try it ------------------------------------------------------------------------------------------------

  app.get('/console/try', (c) => render(c, 'Try it', 'try', tryPage(catalog, '')));

  app.post('/console/try', async (c) => {
    const form = await c.req.parseBody();
    const text = typeof form.text === 'string' ? form.text.slice(0, 2000) : '';
    const nlu = deps.nlu();
    if (!nlu) return render(c, 'Try it', 'try', tryPage(catalog, text, undefined, 'The model is still loading. Try again in a minute.'), 503);
    if (!text.trim()) return render(c, 'Try it', 'try', tryPage(catalog, text, undefined, 'Type a message first.'), 400);
    return render(c, 'Try it', 'try', tryPage(catalog, text, await nlu.understand(text)));
  });

  app.post('/console/api/understand', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { text?: unknown } | undefined;
    const text = typeof body?.text === 'string' ? body.text.slice(0, 2000) : '';
    if (!text.trim()) return c.json({ error: 'send {"text": "…"}' }, 400);
    const nlu = deps.nlu();
    if (!nlu) return c.json({ error: 'the model is still loading' }, 503);
    const u = await nlu.understand(text);
    return c.json({
      ...u,
      intents: u.intents.map((i) => ({ ...i, name: catalog.service(i.id)?.name })),
    });
  });

  // --- review queue ---------------------------------------------------------------------------------------------

  const groups = async (): Promise<ReviewGroupView[]> =>
    (await store.openUtteranceGroups(200)).map((g) => ({ ...g, id: groupId(g.normalized), masked: maskPersonalData(g.example) }));
  const findGroup = async (id: string) => (id ? (await groups()).find((g) => g.id === id) : undefined);

  app.get('/console/review', async (c) => render(c, 'Review queue', 'review', reviewPage(catalog, await groups())));

  app.get('/console/review/assign', async (c) => {
    const g = await findGroup(c.req.query('group') ?? '');
    if (!g) {
      flash(c, 'info', 'That message is no longer in the queue.');
      return c.redirect('/console/review', 302);
    }
    const q = (c.req.query('q') ?? '').slice(0, 100);
    const candidates: Candidate[] = [];
    const nlu = deps.nlu();
    if (!q && nlu) {
      const u = await nlu.classify(g.example);
      for (const i of u.intents) candidates.push({ id: i.id, source: 'model', confidence: i.confidence });
    }
    for (const id of searchServices(catalog, q)) if (!candidates.some((x) => x.id === id)) candidates.push({ id, source: 'search' });
    const text = toExample(g.example);
    return render(c, 'Assign', 'review', assignPage(catalog, g, { q, candidates, variant: variantOf(config.intentsDir, text), text }));
  });

  const write = async (c: Context<Env>, key: string, intent: string, text: string, variant: CorpusVariant | undefined) => {
    let result: AddResult;
    try {
      result = await addExample(config.intentsDir, intent, text, variant);
    } catch (err) {
      log.error({ err }, 'console: writing the corpus failed');
      flash(c, 'error', `Nothing was written: ${(err as Error).message}`);
      return;
    }
    const user = c.get('user');
    const rel = (f: string) => f.replace(/^.*?(intents\/nlu\/)/, '$1');
    switch (result.status) {
      case 'added': {
        const resolved = await store.resolveUtterances(key, intent === 'none' ? 'out_of_scope' : 'assigned', intent);
        log.info({ user, intent, variant: result.variant, file: rel(result.file), line: result.line, resolved }, 'console: example added to the corpus');
        flash(
          c,
          'ok',
          h`Added "${result.text}" to <code>${intent}</code> (${result.variant}) at <code>${rel(result.file)}:${result.line}</code>. <a href="/console/retrain">Retrain</a> to use it.`,
        );
        return;
      }
      case 'exists':
        await store.resolveUtterances(key, intent === 'none' ? 'out_of_scope' : 'assigned', intent);
        flash(c, 'info', h`"${result.text}" is already an example of <code>${intent}</code> (${rel(result.existing.file)}:${result.existing.line ?? '?'}); marked as resolved.`);
        return;
      case 'conflict':
        flash(
          c,
          'error',
          h`Not added: "${result.text}" is already an example of <code>${result.existing.intent}</code> at <code>${rel(result.existing.file)}:${result.existing.line ?? '?'}</code>. One example may belong to one intent only: remove it there first if it is wrong.`,
        );
        return;
      case 'empty':
        flash(c, 'error', 'Nothing left to add once personal data is masked.');
        return;
    }
  };

  app.post('/console/review/assign', async (c) => {
    const form = await c.req.parseBody();
    const g = await findGroup(typeof form.group === 'string' ? form.group : '');
    if (!g) {
      flash(c, 'info', 'That message is no longer in the queue.');
      return c.redirect('/console/review', 303);
    }
    const outOfScope = form.outOfScope === '1';
    const intent = outOfScope ? 'none' : typeof form.service === 'string' ? form.service : '';
    if (!outOfScope && !catalog.service(intent) && !(BUILTIN_INTENTS as readonly string[]).includes(intent)) {
      flash(c, 'error', 'Choose a service to assign.');
      return c.redirect(`/console/review/assign?group=${g.id}`, 303);
    }
    const text = typeof form.text === 'string' && form.text.trim() ? form.text : g.example;
    const variant = VARIANTS.includes(form.variant as CorpusVariant) ? (form.variant as CorpusVariant) : undefined;
    await write(c, g.normalized, intent, text, variant);
    return c.redirect('/console/review', 303);
  });

  app.post('/console/review/out-of-scope', async (c) => {
    const form = await c.req.parseBody();
    const g = await findGroup(typeof form.group === 'string' ? form.group : '');
    if (g) await write(c, g.normalized, 'none', g.example, undefined);
    return c.redirect('/console/review', 303);
  });

  app.post('/console/review/dismiss', async (c) => {
    const form = await c.req.parseBody();
    const g = await findGroup(typeof form.group === 'string' ? form.group : '');
    const n = g ? await store.resolveUtterances(g.normalized, 'dismissed') : 0;
    if (n) flash(c, 'ok', `Dismissed (${n} message${n === 1 ? '' : 's'}).`);
    return c.redirect('/console/review', 303);
  });

  app.get('/console/api/services', (c) =>
    c.json(searchServices(catalog, c.req.query('q') ?? '').map((id) => ({ id, name: catalog.service(id)?.name ?? null }))),
  );

  // --- coverage -------------------------------------------------------------------------------------------------

  app.get('/console/coverage', async (c) => {
    const dept = c.req.query('dept') ?? '';
    const thin = c.req.query('thin') === '1';
    const q = (c.req.query('q') ?? '').slice(0, 100);
    let error: string | undefined;
    const counts = new Map<string, CoverageRow['counts']>();
    try {
      for (const e of loadCorpus(config.intentsDir).examples) {
        const row = counts.get(e.intent) ?? { aliases: 0, en: 0, or: 0, 'or-Latn': 0, mixed: 0 };
        row[e.variant === 'alias' ? 'aliases' : e.variant] += 1;
        counts.set(e.intent, row);
      }
    } catch (e) {
      if (!(e instanceof CorpusError)) throw e;
      error = 'The corpus has errors (see Checks); counts are missing for the files that failed.';
    }
    const isThin = (r: CoverageRow) => {
      const min = r.popular ? MINIMUMS.popular : MINIMUMS.other;
      return r.counts.en < min.en || r.counts.or < min.or || r.counts['or-Latn'] < min['or-Latn'];
    };
    const all: CoverageRow[] = catalog.services.map((s) => ({
      id: s.id,
      department: s.department,
      popular: s.popular,
      en: s.name.en,
      or: s.name.or,
      counts: counts.get(s.id) ?? { aliases: 0, en: 0, or: 0, 'or-Latn': 0, mixed: 0 },
    }));
    const matches = q ? new Set(searchServices(catalog, q, 1000)) : undefined;
    const rows = all.filter((r) => (!dept || r.department === dept) && (!thin || isThin(r)) && (!matches || matches.has(r.id)));
    return render(c, 'Coverage', 'coverage', coveragePage(catalog, rows, { dept, thin, q, totalThin: all.filter(isThin).length, error }));
  });

  // --- evaluation -----------------------------------------------------------------------------------------------

  app.get('/console/eval', async (c) => {
    const { last, previous } = loadReports(reportsDir);
    return render(c, 'Evaluation', 'eval', evalPage(catalog, last, previous, { all: c.req.query('all') === '1', modelReady: !!deps.nlu() }));
  });

  app.post('/console/eval/run', async (c) => {
    const nlu = deps.nlu();
    if (!nlu) flash(c, 'error', 'The model is still loading. Try again in a minute.');
    else if (evaluating) flash(c, 'info', 'An evaluation is already running; this page shows its result when it is done.');
    else {
      evaluating = true;
      try {
        const started = Date.now();
        const { last } = await runEvaluation({ nlu, heldoutPath, reportsDir, isService: (id) => catalog.service(id) !== undefined });
        log.info({ user: c.get('user'), top1: last?.top1, ms: Date.now() - started }, 'console: evaluation run');
        flash(c, 'ok', `Evaluated ${last?.items ?? 0} held-out messages in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      } catch (err) {
        log.error({ err }, 'console: evaluation failed');
        flash(c, 'error', `The evaluation failed: ${(err as Error).message}`);
      } finally {
        evaluating = false;
      }
    }
    return c.redirect('/console/eval', 303);
  });

  // --- retrain -------------------------------------------------------------------------------------------------

  app.get('/console/retrain', (c) => render(c, 'Retrain', 'retrain', retrainPage(retrain.status(), { corpusChanged: negate(corpusUpToDate()), estimateMs: lastTrainingMs })));

  app.post('/console/retrain/start', (c) => {
    if (!retrain.start(c.get('user'))) flash(c, 'info', 'Retraining is already running.');
    return c.redirect('/console/retrain', 303);
  });

  app.get('/console/api/retrain', (c) => c.json({ ...retrain.status(), estimateMs: lastTrainingMs }));

  // --- checks ----------------------------------------------------------------------------------------------------

  app.get('/console/checks', (c) => render(c, 'Checks', 'checks', checksPage(lintCorpus({ intentsDir: config.intentsDir, localesDir: config.localesDir }))));

  return app;
}

function negate(x: boolean | undefined): boolean | undefined {
  return x === undefined ? undefined : !x;
}
