/**
 * Server-rendered HTML for the console: a tagged template that escapes every interpolated value unless it
 * is already HTML (`Html`), and the page layout. No scripts or styles from elsewhere: the machine the
 * console runs on may have no internet.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Trusted HTML (built by `h` or by code that escaped it). */
export const raw = (value: string) => new Html(value);

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return esc(String(value));
}

/** `h\`<p>${text}</p>\``: values are escaped, arrays joined, Html kept as is. */
export function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;

export interface NavState {
  user?: string;
  active?: string;
  openReview?: number;
  flash?: { kind: 'ok' | 'error' | 'info'; text: string | Html };
}

const NAV: [string, string, string][] = [
  ['try', 'Try it', 'ପରୀକ୍ଷା'],
  ['review', 'Review queue', 'ସମୀକ୍ଷା'],
  ['coverage', 'Coverage', 'ଉଦାହରଣ'],
  ['eval', 'Evaluation', 'ମୂଲ୍ୟାଙ୍କନ'],
  ['retrain', 'Retrain', 'ପୁନଃ ପ୍ରଶିକ୍ଷଣ'],
  ['checks', 'Checks', 'ଯାଞ୍ଚ'],
];

const STYLE = `
:root { --green: #075e54; --green2: #128c7e; --bg: #f4f6f7; --line: #dde3e6; --warn: #b26a00; --err: #b3261e; --ok: #1b7f3b; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, "Noto Sans Oriya", "Noto Sans", "Lohit Odia", "Segoe UI", sans-serif; background: var(--bg); color: #1d2327; }
header.top { background: var(--green); color: #fff; display: flex; align-items: center; gap: 18px; padding: 0 20px; min-height: 52px; flex-wrap: wrap; }
header.top .brand { font-weight: 700; white-space: nowrap; }
header.top nav { display: flex; gap: 2px; flex: 1; flex-wrap: wrap; }
header.top nav a { color: #e8f5f3; text-decoration: none; padding: 15px 12px; border-bottom: 3px solid transparent; white-space: nowrap; }
header.top nav a small { opacity: .75; font-size: 12px; margin-left: 3px; }
header.top nav a.active, header.top nav a:hover { color: #fff; border-bottom-color: #fff; }
header.top .badge { background: #fff; color: var(--green); border-radius: 10px; padding: 0 7px; font-size: 12px; font-weight: 700; margin-left: 4px; }
header.top form { margin: 0; } header.top .user { opacity: .85; font-size: 13px; }
header.top button.link { background: none; border: 1px solid #fff6; color: #fff; border-radius: 6px; padding: 4px 10px; cursor: pointer; }
main { max-width: 1240px; margin: 0 auto; padding: 20px; }
h1 { font-size: 22px; margin: 4px 0 14px; } h1 small { color: #5b6b73; font-weight: 400; font-size: 15px; margin-left: 8px; }
h2 { font-size: 17px; margin: 22px 0 10px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin-bottom: 16px; }
.muted { color: #5b6b73; } .small { font-size: 13px; }
.flash { padding: 10px 14px; border-radius: 8px; margin-bottom: 14px; border: 1px solid; }
.flash.ok { background: #e7f5ec; border-color: #a7d8b7; } .flash.error { background: #fdecea; border-color: #f2b8b5; } .flash.info { background: #e8f1fb; border-color: #b6d0ef; }
textarea, input[type=text], input[type=password], input[type=search], select { font: inherit; padding: 8px 10px; border: 1px solid #b9c4c9; border-radius: 6px; background: #fff; }
textarea { width: 100%; min-height: 80px; resize: vertical; }
button, .button { font: inherit; background: var(--green2); color: #fff; border: none; border-radius: 6px; padding: 8px 14px; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #e3e9ec; color: #1d2327; }
button.danger { background: #fbe3e1; color: var(--err); }
button:disabled { opacity: .5; cursor: default; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef2f4; font-weight: 600; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.thin { background: #fde2df; color: var(--err); font-weight: 600; }
td.low { background: #fff2d6; color: var(--warn); }
.bar { background: #e3e9ec; border-radius: 4px; height: 14px; width: 220px; display: inline-block; vertical-align: middle; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--green2); }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; background: #e3e9ec; }
.pill.service { background: #d7f0e5; } .pill.none, .pill.error { background: #fde2df; } .pill.unsure, .pill.ambiguous, .pill.warning { background: #fff2d6; } .pill.builtin { background: #e1ecfa; }
.row { display: flex; gap: 16px; flex-wrap: wrap; align-items: flex-start; } .row > .grow { flex: 1; min-width: 280px; }
.kpis { display: flex; gap: 12px; flex-wrap: wrap; }
.kpi { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; min-width: 150px; }
.kpi b { display: block; font-size: 24px; } .kpi .delta { font-size: 13px; }
.up { color: var(--ok); } .down { color: var(--err); }
.actions { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; } .actions form { margin: 0; }
.group-text { font-size: 16px; } .odia { font-family: "Noto Sans Oriya", "Lohit Odia", system-ui, sans-serif; }
#queue .actions { flex-wrap: nowrap; white-space: nowrap; } #queue td { white-space: normal; } #queue td.small { white-space: nowrap; }
pre.log { background: #1d2327; color: #d7e0e4; padding: 12px; border-radius: 8px; max-height: 360px; overflow: auto; font-size: 13px; white-space: pre-wrap; }
.progress { height: 10px; background: #e3e9ec; border-radius: 5px; overflow: hidden; } .progress > span { display: block; height: 100%; background: var(--green2); transition: width .5s; }
svg text { font-family: system-ui, "Noto Sans Oriya", sans-serif; }
.login { max-width: 380px; margin: 8vh auto; } .login label { display: block; margin: 12px 0 4px; font-weight: 600; } .login input { width: 100%; }
`;

export function page(title: string, body: Html, nav: NavState = {}): string {
  const links = NAV.map(
    ([id, en, or]) =>
      h`<a href="/console/${id}" class="${nav.active === id ? 'active' : ''}">${en}<small class="odia">${or}</small>${
        id === 'review' && nav.openReview ? h`<span class="badge">${nav.openReview}</span>` : ''
      }</a>`,
  );
  const header = nav.user
    ? h`<header class="top"><span class="brand">Odisha Seva · Console</span><nav>${links}</nav>
        <span class="user">${nav.user}</span>
        <form method="post" action="/console/logout"><button class="link" type="submit">Log out</button></form></header>`
    : h`<header class="top"><span class="brand">Odisha Seva · Console</span></header>`;
  const flash = nav.flash ? h`<div class="flash ${nav.flash.kind}" role="status">${nav.flash.text}</div>` : '';
  return h`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Odisha Seva console</title><style>${raw(STYLE)}</style></head>
<body>${header}<main>${flash}${body}</main></body></html>`.value;
}
