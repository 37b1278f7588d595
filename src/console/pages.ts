/**
 * The console's pages, as functions of their data. Routes (index.ts) gather the data and check access.
 */
import type { Catalog } from '../catalog/types.js';
import type { Understanding } from '../core.js';
import { BUILTIN_INTENTS } from '../core.js';
import type { EvalReport } from '../nlu/evaluate.js';
import type { UtteranceGroup } from '../store/repository.js';
import { barChart, heatMap } from './charts.js';
import { confusion } from './evaluation.js';
import { h, Html, pct } from './html.js';
import { CHECKS, MINIMUMS, type LintCheck, type LintReport } from './lint.js';
import type { RetrainStatus } from './retrain.js';

export const VARIANT_LABELS: Record<string, string> = {
  en: 'English',
  or: 'Odia (ଓଡ଼ିଆ)',
  'or-Latn': 'Odia in Latin letters',
  mixed: 'Code-mixed',
  other: 'Other / unknown',
};

const REASONS: Record<string, string> = {
  none: 'not understood',
  unsure: 'unsure',
  corrected: 'citizen corrected',
};

export function intentName(catalog: Catalog, id: string | null | undefined): Html {
  if (!id) return h`<span class="muted">—</span>`;
  const s = catalog.service(id);
  if (s) return h`<code>${id}</code> <span>${s.name.en}</span> · <span class="odia">${s.name.or}</span>`;
  if (id === 'none') return h`<code>none</code> <span class="muted">(out of scope)</span>`;
  return h`<code>${id}</code> <span class="muted">(conversation)</span>`;
}

function ago(date: Date, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - date.getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

// --- login ----------------------------------------------------------------------------------------------

export function loginPage(opts: { next: string; error?: string; operatorEnabled: boolean }): Html {
  return h`<div class="card login">
  <h1>Console login <small class="odia">ଲଗଇନ</small></h1>
  ${opts.error ? h`<div class="flash error" role="alert">${opts.error}</div>` : ''}
  <form method="post" action="/console/login">
    <input type="hidden" name="next" value="${opts.next}">
    <label for="username">Username</label>
    <input id="username" name="username" type="text" autocomplete="username" placeholder="${opts.operatorEnabled ? 'leave empty for the operator token' : ''}">
    <label for="password">Password ${opts.operatorEnabled ? '(or operator token)' : ''}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <p><button type="submit">Log in</button></p>
  </form>
  <p class="muted small">Linguist accounts: <code>npm run console:add-user -- &lt;name&gt;</code>. The operator token is CONSOLE_TOKEN${
    opts.operatorEnabled ? ' (or data/console-token when it is not set)' : ''
  }.</p>
</div>`;
}

// --- try it ---------------------------------------------------------------------------------------------

export function tryPage(catalog: Catalog, text: string, result?: Understanding, error?: string): Html {
  return h`<h1>Try it <small class="odia">ପରୀକ୍ଷା କରନ୍ତୁ</small></h1>
<form method="post" action="/console/try" class="card">
  <label for="text" class="muted">Type or paste what a citizen wrote (English, ଓଡ଼ିଆ, or Odia in Latin letters)</label>
  <textarea id="text" name="text" autofocus required>${text}</textarea>
  <p><button type="submit">Understand</button></p>
</form>
${error ? h`<div class="flash error">${error}</div>` : ''}
${result ? understanding(catalog, result) : ''}`;
}

function decisionText(catalog: Catalog, d: Understanding['decision']): Html {
  switch (d.kind) {
    case 'service':
      return h`<span class="pill service">service</span> ${intentName(catalog, d.serviceId)} <span class="muted">(${d.confidence.toFixed(3)})</span> — the bot opens this service`;
    case 'unsure':
      return h`<span class="pill unsure">unsure</span> ${intentName(catalog, d.serviceId)} <span class="muted">(${d.confidence.toFixed(3)})</span> — the bot asks "did you mean…?"`;
    case 'ambiguous':
      return h`<span class="pill ambiguous">ambiguous</span> the bot offers a choice: ${d.serviceIds.map((id, i) => h`${i ? ', ' : ''}<code>${id}</code>`)}`;
    case 'builtin':
      return h`<span class="pill builtin">conversation</span> <code>${d.intent}</code> <span class="muted">(${d.confidence.toFixed(3)})</span>`;
    case 'none':
      return h`<span class="pill none">not understood</span> the bot says it cannot help with this and shows the menu`;
  }
}

function understanding(catalog: Catalog, u: Understanding): Html {
  const rows = u.intents.map(
    (i, n) => h`<tr><td class="num">${n + 1}</td><td>${intentName(catalog, i.id)}</td>
      <td><span class="bar" title="${i.confidence.toFixed(3)}"><span style="width:${(i.confidence * 100).toFixed(1)}%"></span></span></td>
      <td class="num">${i.confidence.toFixed(3)}</td></tr>`,
  );
  const entities = u.entities.length
    ? h`<table><tr><th>type</th><th>value</th><th>from the words</th><th></th></tr>${u.entities.map(
        (e) => h`<tr><td>${e.type}</td><td><code>${e.value}</code></td><td>${e.text}</td><td>${e.invalid ? h`<span class="pill error">${e.invalid}</span>` : ''}</td></tr>`,
      )}</table>`
    : h`<p class="muted">No entities (districts, dates, numbers, names…) found.</p>`;
  return h`<section class="card" id="result">
  <div class="row">
    <div class="grow"><div class="muted small">Normalised text</div><div class="group-text" id="normalized">${u.normalized || '(empty)'}</div></div>
    <div><div class="muted small">Detected language</div><div id="language">${VARIANT_LABELS[u.language] ?? u.language} <code>${u.language}</code></div></div>
  </div>
  <h2>Decision</h2><p id="decision">${decisionText(catalog, u.decision)}</p>
  <h2>Top ${u.intents.length} intents</h2>
  <table id="intents"><tr><th class="num">#</th><th>intent</th><th>confidence</th><th class="num"></th></tr>${rows}</table>
  <h2>Entities</h2>${entities}
</section>`;
}

// --- review queue -----------------------------------------------------------------------------------------

export interface ReviewGroupView extends UtteranceGroup {
  /** An opaque id for the group in pages and forms: the normalised text may hold personal data. */
  id: string;
  masked: string;
}

export function reviewPage(catalog: Catalog, groups: ReviewGroupView[]): Html {
  if (groups.length === 0) {
    return h`<h1>Review queue <small class="odia">ସମୀକ୍ଷା</small></h1>
<div class="card"><p>Nothing to review. Messages the bot did not understand, was unsure about, or that the citizen corrected appear here.</p></div>`;
  }
  const rows = groups.map(
    (g) => h`<tr data-group="${g.id}">
    <td class="group-text">${g.masked}</td>
    <td class="num"><b>${g.count}</b></td>
    <td><span class="pill ${g.reason}">${REASONS[g.reason] ?? g.reason}</span></td>
    <td class="small">${intentName(catalog, g.predicted)}</td>
    <td class="small">${g.language ?? ''}</td>
    <td class="small" title="${g.lastSeen.toISOString()}">${ago(g.lastSeen)}</td>
    <td><div class="actions">
      <a class="button" href="/console/review/assign?group=${g.id}">Assign…</a>
      <form method="post" action="/console/review/out-of-scope"><input type="hidden" name="group" value="${g.id}"><button class="secondary" type="submit" title="Add to the out-of-scope examples (none)">Out of scope</button></form>
      <form method="post" action="/console/review/dismiss"><input type="hidden" name="group" value="${g.id}"><button class="secondary" type="submit" title="Remove from the queue without changing the corpus">Dismiss</button></form>
    </div></td></tr>`,
  );
  return h`<h1>Review queue <small class="odia">ସମୀକ୍ଷା</small><small>${groups.length} open, newest first</small></h1>
<p class="muted">What citizens wrote that the bot did not understand, was unsure about, or that they corrected ("no, not that"). Numbers and names are masked before you see them and before anything is written to the corpus.</p>
<table id="queue"><tr><th>message (masked)</th><th class="num">times</th><th>why</th><th>bot guessed</th><th>lang</th><th>last seen</th><th></th></tr>${rows}</table>`;
}

export interface Candidate {
  id: string;
  source: 'model' | 'search';
  confidence?: number;
}

export function assignPage(
  catalog: Catalog,
  g: ReviewGroupView,
  opts: { q: string; candidates: Candidate[]; variant: string; text: string },
): Html {
  const variants = ['en', 'or', 'or-Latn', 'mixed'].map((v) => h`<option value="${v}" ${v === opts.variant ? raw('selected') : ''}>${VARIANT_LABELS[v]} (${v})</option>`);
  const rows = opts.candidates.map(
    (c) => h`<tr><td>${intentName(catalog, c.id)}</td>
      <td class="small muted">${c.source === 'model' ? h`model guess ${c.confidence !== undefined ? c.confidence.toFixed(3) : ''}` : 'search'}</td>
      <td><button type="submit" name="service" value="${c.id}" form="assign" data-service="${c.id}">Assign</button></td></tr>`,
  );
  return h`<h1>Assign a service <small class="odia">ସେବା ବାଛନ୍ତୁ</small></h1>
<p><a href="/console/review">← back to the queue</a></p>
<div class="card">
  <div class="muted small">Citizen wrote (masked) · ${g.count} time${g.count === 1 ? '' : 's'} · ${REASONS[g.reason] ?? g.reason} · bot guessed ${intentName(catalog, g.predicted)}</div>
  <div class="group-text">${g.masked}</div>
</div>
<form id="assign" method="post" action="/console/review/assign" class="card">
  <input type="hidden" name="group" value="${g.id}">
  <label for="text" class="muted">Example to add to the corpus (edit it if you like: personal data is masked again when saved)</label>
  <input id="text" name="text" type="text" value="${opts.text}" style="width:100%">
  <p><label for="variant" class="muted">Language variant</label>
  <select id="variant" name="variant">${variants}</select>
  <span class="muted small">detected automatically; change it if it is wrong</span></p>
</form>
<form method="get" action="/console/review/assign" class="card">
  <input type="hidden" name="group" value="${g.id}">
  <label for="q" class="muted">Search the ${catalog.services.length} services by id or name, in English or Odia</label>
  <div class="actions"><input id="q" name="q" type="search" value="${opts.q}" placeholder="e.g. income, ଆୟ, rdm.income" style="flex:1"><button type="submit" class="secondary">Search</button></div>
</form>
<table id="candidates"><tr><th>service</th><th></th><th></th></tr>${rows}</table>
${opts.candidates.length === 0 ? h`<p class="muted">No services match "${opts.q}".</p>` : ''}
<div class="actions" style="margin-top:14px">
  <button type="submit" form="assign" name="outOfScope" value="1" class="secondary">Out of scope (none)</button>
</div>`;
}

// --- coverage --------------------------------------------------------------------------------------------

export interface CoverageRow {
  id: string;
  department: string;
  popular: boolean;
  en: string;
  or: string;
  counts: Record<'aliases' | 'en' | 'or' | 'or-Latn' | 'mixed', number>;
}

export function coveragePage(catalog: Catalog, rows: CoverageRow[], opts: { dept: string; thin: boolean; q: string; totalThin: number; error?: string }): Html {
  const depts = catalog.departments.map((d) => h`<option value="${d.code}" ${opts.dept === d.code ? raw('selected') : ''}>${d.name.en}</option>`);
  const body = rows.map((r) => {
    const min = r.popular ? MINIMUMS.popular : MINIMUMS.other;
    const cell = (v: 'en' | 'or' | 'or-Latn' | 'mixed') => {
      const n = r.counts[v];
      const cls = n < min[v] ? (v === 'mixed' ? 'low' : 'thin') : '';
      return h`<td class="num ${cls}" title="minimum ${min[v]}">${n}</td>`;
    };
    const total = r.counts.en + r.counts.or + r.counts['or-Latn'] + r.counts.mixed;
    return h`<tr><td><code>${r.id}</code>${r.popular ? h` <span title="popular">★</span>` : ''}</td><td>${r.en}<br><span class="odia muted">${r.or}</span></td>
      <td class="num">${r.counts.aliases}</td>${cell('en')}${cell('or')}${cell('or-Latn')}${cell('mixed')}<td class="num">${total}</td></tr>`;
  });
  return h`<h1>Coverage <small class="odia">ଉଦାହରଣ ସଂଖ୍ୟା</small><small>${opts.totalThin} of ${catalog.services.length} services below the minimums</small></h1>
<p class="muted">Examples per service and language variant in <code>intents/nlu/</code> as they are on disk now. Minimums: popular services (★) ${MINIMUMS.popular.en} per variant (en, or, or-Latn), others ${MINIMUMS.other.en}; <span style="background:#fde2df;padding:0 4px">red</span> is below, <span style="background:#fff2d6;padding:0 4px">amber</span> is few code-mixed examples.</p>
${opts.error ? h`<div class="flash error">${opts.error}</div>` : ''}
<form method="get" action="/console/coverage" class="card actions">
  <select name="dept"><option value="">All departments</option>${depts}</select>
  <input type="search" name="q" value="${opts.q}" placeholder="filter by id or name">
  <label><input type="checkbox" name="thin" value="1" ${opts.thin ? raw('checked') : ''}> only thin ones</label>
  <button type="submit" class="secondary">Filter</button>
</form>
<table id="coverage"><tr><th>service</th><th>name</th><th class="num">aliases</th><th class="num">en</th><th class="num">or</th><th class="num">or-Latn</th><th class="num">mixed</th><th class="num">total</th></tr>${body}</table>`;
}

// --- evaluation ------------------------------------------------------------------------------------------

function delta(now: number, before: number | undefined, opts: { points?: boolean } = {}): Html {
  if (before === undefined) return h``;
  const d = now - before;
  if (Math.abs(d) < 0.0005) return h`<span class="delta muted">±0</span>`;
  const text = opts.points === false ? d.toFixed(2) : `${(d * 100).toFixed(1)} pt`;
  return h`<span class="delta ${d > 0 ? 'up' : 'down'}">${d > 0 ? '▲ +' : '▼ '}${text}</span>`;
}

export function evalPage(catalog: Catalog, last: EvalReport | undefined, previous: EvalReport | undefined, opts: { all: boolean; modelReady: boolean }): Html {
  const runForm = h`<form method="post" action="/console/eval/run"><button type="submit" ${opts.modelReady ? '' : raw('disabled')}>Run the evaluation now</button>
  <span class="muted small">the held-out set through the model the bot uses now (a few seconds)</span></form>`;
  if (!last) {
    return h`<h1>Evaluation <small class="odia">ମୂଲ୍ୟାଙ୍କନ</small></h1><div class="card"><p>No evaluation yet.</p>${runForm}</div>`;
  }
  const kpi = (label: string, now: number, before: number | undefined, id: string) =>
    h`<div class="kpi" id="${id}"><span class="muted small">${label}</span><b>${pct(now)}</b>${delta(now, before)}</div>`;
  const variants = Object.entries(last.byVariant).map(([v, s]) => {
    const p = previous?.byVariant[v];
    return h`<tr><td>${VARIANT_LABELS[v] ?? v} <code>${v}</code></td><td class="num">${s.items}</td><td class="num">${pct(s.top1)} ${delta(s.top1, p?.top1)}</td><td class="num">${pct(s.top3)} ${delta(s.top3, p?.top3)}</td></tr>`;
  });
  const name = (id: string) => catalog.service(id)?.name.en ?? (id === 'none' ? 'out of scope' : 'conversation');
  const cm = confusion(last);
  const heat = cm.ids.length ? heatMap(cm.ids, cm.ids, cm.count, { titles: (id) => `${id} — ${name(id)}` }) : h`<p class="muted">No confusions.</p>`;
  const before = new Map(previous?.perIntent.map((s) => [s.intent, s.f1]) ?? []);
  const scores = [...last.perIntent].sort((a, b) => a.f1 - b.f1 || a.intent.localeCompare(b.intent));
  const shown = opts.all ? scores : scores.slice(0, 40);
  const bars = barChart(
    shown.map((s) => {
      const b = before.get(s.intent);
      const d = b === undefined ? 0 : s.f1 - b;
      return {
        label: `${s.intent}`,
        value: s.f1,
        title: `${s.intent} — ${name(s.intent)}: F1 ${s.f1.toFixed(2)}, precision ${s.precision.toFixed(2)}, recall ${s.recall.toFixed(2)}, ${s.support} held-out messages`,
        note: Math.abs(d) >= 0.005 ? `${d > 0 ? '▲' : '▼'}${Math.abs(d).toFixed(2)}` : undefined,
      };
    }),
    { label: 'per-service F1' },
  );
  const changed = previous
    ? last.perIntent
        .map((s) => ({ s, d: s.f1 - (before.get(s.intent) ?? s.f1) }))
        .filter((x) => Math.abs(x.d) >= 0.005)
        .sort((a, b) => a.d - b.d)
    : [];
  const errors = last.errors.slice(0, 60).map(
    (e) => h`<tr><td>${e.text}</td><td><code>${e.variant}</code></td><td><code>${e.expected}</code></td><td><code>${e.predicted}</code></td><td class="num">${e.confidence.toFixed(2)}</td></tr>`,
  );
  return h`<h1>Evaluation <small class="odia">ମୂଲ୍ୟାଙ୍କନ</small><small>${last.items} held-out messages · run ${new Date(last.at).toLocaleString('en-IN', { timeZone: 'Asia/Kolkata' })} IST${
    previous ? h` · compared with the run of ${new Date(previous.at).toLocaleString('en-IN', { timeZone: 'Asia/Kolkata' })}` : ''
  }</small></h1>
<div class="card">${runForm}</div>
<div class="kpis">
  ${kpi('Top-1 (all)', last.top1, previous?.top1, 'kpi-top1')}
  ${kpi('Top-3 (all)', last.top3, previous?.top3, 'kpi-top3')}
  ${kpi('Services top-1', last.services.top1, previous?.services.top1, 'kpi-svc-top1')}
  ${kpi('Services top-3', last.services.top3, previous?.services.top3, 'kpi-svc-top3')}
  ${kpi('Out of scope recall', last.outOfScope.recall, previous?.outOfScope.recall, 'kpi-oos-recall')}
  ${kpi('Out of scope precision', last.outOfScope.precision, previous?.outOfScope.precision, 'kpi-oos-precision')}
</div>
<h2>By language variant</h2>
<table id="by-variant"><tr><th>variant</th><th class="num">messages</th><th class="num">top-1</th><th class="num">top-3</th></tr>${variants}</table>
<h2>Most confused services</h2>
<p class="muted small">Rows: the right answer; columns: what the bot answered. Grey diagonal: answered right. Hover for names.</p>
<div class="card" style="overflow-x:auto">${heat}</div>
<h2>F1 per service, weakest first ${opts.all ? '' : h`<small class="muted">(40 of ${scores.length} — <a href="/console/eval?all=1">show all</a>)</small>`}</h2>
<div class="card" style="overflow-x:auto">${bars}</div>
${
  previous
    ? h`<h2>Changed since the previous run</h2>${
        changed.length
          ? h`<table id="changes"><tr><th>intent</th><th class="num">F1 before</th><th class="num">F1 now</th><th class="num">change</th></tr>${changed.map(
              (x) => h`<tr><td>${intentName(catalog, x.s.intent)}</td><td class="num">${(x.s.f1 - x.d).toFixed(2)}</td><td class="num">${x.s.f1.toFixed(2)}</td><td class="num">${delta(x.s.f1, x.s.f1 - x.d, { points: false })}</td></tr>`,
            )}</table>`
          : h`<p class="muted">No service's F1 changed.</p>`
      }`
    : ''
}
<h2>Errors <small class="muted">${last.errors.length} in all${last.errors.length > 60 ? ', first 60' : ''}</small></h2>
<table><tr><th>message</th><th>variant</th><th>expected</th><th>bot answered</th><th class="num">conf.</th></tr>${errors}</table>`;
}

// --- retrain ---------------------------------------------------------------------------------------------

export function retrainPage(status: RetrainStatus, opts: { corpusChanged: boolean | undefined; estimateMs: number }): Html {
  return h`<h1>Retrain <small class="odia">ପୁନଃ ପ୍ରଶିକ୍ଷଣ</small></h1>
<div class="card">
  <p>${
    opts.corpusChanged === undefined
      ? h`<span class="pill error">corpus invalid</span> fix the errors on the <a href="/console/checks">Checks</a> page first.`
      : opts.corpusChanged
        ? h`<span class="pill unsure">corpus changed</span> the corpus has edits the saved model does not know yet.`
        : h`<span class="pill service">up to date</span> a model for the corpus as it is now exists.`
  }</p>
  <p class="muted">Training runs in a separate process (about ${Math.round(opts.estimateMs / 1000)} s) so the bot keeps answering; then the new model is swapped in without dropping any conversation.</p>
  <form method="post" action="/console/retrain/start"><button id="start" type="submit" ${status.running ? raw('disabled') : ''}>Retrain now</button></form>
</div>
<div class="card" id="status" data-state="${status.state}">
  <p><b id="state">${status.state}</b> <span id="elapsed" class="muted">${status.elapsedMs ? `${(status.elapsedMs / 1000).toFixed(0)} s` : ''}</span></p>
  <div class="progress"><span id="bar" style="width:${status.state === 'done' ? 100 : Math.min(95, (status.elapsedMs / opts.estimateMs) * 100).toFixed(0)}%"></span></div>
  <pre class="log" id="log">${status.lines.join('\n') || 'No retraining since the bot started.'}</pre>
</div>
<script>
(() => {
  const estimate = ${raw(String(opts.estimateMs))};
  const stateEl = document.getElementById('state'), elapsed = document.getElementById('elapsed'), bar = document.getElementById('bar'),
    log = document.getElementById('log'), box = document.getElementById('status'), start = document.getElementById('start');
  async function poll() {
    try {
      const res = await fetch('/console/api/retrain', { headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const s = await res.json();
      stateEl.textContent = s.state; box.dataset.state = s.state;
      elapsed.textContent = s.elapsedMs ? Math.round(s.elapsedMs / 1000) + ' s' : '';
      bar.style.width = (s.state === 'done' ? 100 : Math.min(95, s.elapsedMs / estimate * 100)) + '%';
      if (s.lines.length) { log.textContent = s.lines.join('\\n'); log.scrollTop = log.scrollHeight; }
      start.disabled = s.running;
      if (s.running) setTimeout(poll, 1000);
    } catch { setTimeout(poll, 3000); }
  }
  if (box.dataset.state === 'training' || box.dataset.state === 'reloading') poll();
})();
</script>`;
}

// --- checks ----------------------------------------------------------------------------------------------

export function checksPage(report: LintReport): Html {
  const sections = (['error', 'warning'] as const).map((severity) => {
    const issues = report.issues.filter((i) => i.severity === severity);
    if (issues.length === 0) return h``;
    const byCheck = (Object.keys(CHECKS) as LintCheck[])
      .map((check) => ({ check, items: issues.filter((i) => i.check === check) }))
      .filter((g) => g.items.length > 0);
    return h`<h2>${severity === 'error' ? h`<span class="pill error">ERRORS</span> must be fixed` : h`<span class="pill warning">WARNINGS</span> worth fixing`} (${issues.length})</h2>
    ${byCheck.map(
      (g) => h`<h3 class="small">${CHECKS[g.check].title} <code>${g.check}</code> · ${g.items.length}</h3>
      <table class="${severity}s"><tr><th style="width:28%">where</th><th>finding</th></tr>${g.items.slice(0, 200).map(
        (i) => h`<tr><td class="small"><code>${i.file ?? ''}${i.line ? `:${i.line}` : ''}</code></td><td>${i.message}</td></tr>`,
      )}</table>${g.items.length > 200 ? h`<p class="muted small">… and ${g.items.length - 200} more: run <code>npm run corpus:lint -- --all</code></p>` : ''}`,
    )}`;
  });
  return h`<h1>Checks <small class="odia">ଯାଞ୍ଚ</small><small>${report.stats.examples} examples, ${report.stats.intents} intents, ${(report.stats.ms / 1000).toFixed(1)} s</small></h1>
<div class="card"><p id="verdict">${
    report.errors > 0
      ? h`<span class="pill error">FAIL</span> ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warnings — training and CI will fail until the errors are fixed.`
      : h`<span class="pill service">OK</span> no errors, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}.`
  } The same checks run in CI: <code>npm run corpus:lint</code>.</p></div>
${sections}`;
}

export function builtinIds(): string[] {
  return [...BUILTIN_INTENTS, 'none'];
}

function raw(s: string): Html {
  return new Html(s);
}
