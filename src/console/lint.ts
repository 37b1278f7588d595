/**
 * Corpus lint: the checks linguists run before training (`npm run corpus:lint`, CI, and the console's
 * Checks page). Errors stop CI; warnings are advice. Every finding names the file and line it is about.
 *
 * The corpus is read leniently here, file by file, so that one broken file does not hide the findings in
 * the others (`loadCorpus` stops at the first invalid corpus, which is right for training, not for lint).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { CatalogError, loadCatalog } from '../catalog/load.js';
import { whatsappLimits } from '../config.js';
import { BUILTIN_INTENTS } from '../core.js';
import { checkCatalogTranslations, loadLocales, LocaleError, type Translator } from '../i18n/index.js';
import { CORPUS_VARIANTS, corpusFiles, type CorpusVariant } from '../nlu/corpus.js';
import { normalize, phoneticKey } from '../nlu/normalize.js';

export type Severity = 'error' | 'warning';

export type LintCheck =
  | 'yaml'
  | 'catalog'
  | 'locales'
  | 'duplicate'
  | 'near-duplicate'
  | 'repeated'
  | 'minimum'
  | 'minimum-mixed'
  | 'script'
  | 'odia-name'
  | 'length';

/** What each check means, in the words shown to linguists. */
export const CHECKS: Record<LintCheck, { severity: Severity | 'both'; title: string }> = {
  yaml: { severity: 'error', title: 'YAML syntax and corpus format' },
  catalog: { severity: 'error', title: 'Catalog validity (intents/catalog, fields, documents)' },
  locales: { severity: 'error', title: 'Missing prompts or messages (locales/)' },
  duplicate: { severity: 'error', title: 'Same example under two intents' },
  'near-duplicate': { severity: 'warning', title: 'Near-identical examples under different intents' },
  repeated: { severity: 'warning', title: 'Example repeated under the same intent' },
  minimum: { severity: 'error', title: 'Too few examples (en / or / or-Latn)' },
  'minimum-mixed': { severity: 'warning', title: 'Few code-mixed examples' },
  script: { severity: 'warning', title: 'Wrong script for the variant' },
  'odia-name': { severity: 'both', title: 'Odia names' },
  length: { severity: 'warning', title: 'Titles longer than WhatsApp shows' },
};

export interface LintIssue {
  severity: Severity;
  check: LintCheck;
  message: string;
  file?: string;
  line?: number;
  intent?: string;
}

export interface LintReport {
  errors: number;
  warnings: number;
  issues: LintIssue[];
  stats: { files: number; examples: number; intents: number; services: number; ms: number };
}

/** Minimum examples per variant: popular services (catalog `popular: true`) and all others. */
export const MINIMUMS = {
  popular: { en: 15, or: 15, 'or-Latn': 15, mixed: 5 },
  other: { en: 8, or: 8, 'or-Latn': 8, mixed: 3 },
} as const satisfies Record<string, Record<CorpusVariant, number>>;

/**
 * Latin words an Odia-script example may keep: acronyms and scheme names citizens write in Latin letters
 * even in Odia text. Any all-capitals word of 2-6 letters counts as an acronym too.
 */
export const LATIN_ALLOWED_IN_ODIA = new Set(
  [
    'sc', 'st', 'obc', 'sebc', 'ews', 'dl', 'll', 'rc', 'pin', 'kalia', 'bsky', 'pm', 'kisan', 'pmay', 'pmjay', 'bpl', 'apl',
    'aadhaar', 'otp', 'id', 'pan', 'gst', 'tds', 'ndc', 'noc', 'rto', 'ifsc', 'upi', 'atm', 'sms', 'kyc', 'ekyc', 'e', 'pds',
    'nfsa', 'sfss', 'mgnregs', 'nrega', 'shg', 'anm', 'asha', 'icds', 'phc', 'chc', 'ot', 'icu', 'mla', 'mp', 'ias', 'ossc',
    'osssc', 'opsc', 'chse', 'bse', 'hsc', 'cbse', 'ug', 'pg', 'iti', 'bpharm', 'mbbs', 'ssc', 'neet', 'jee', 'ojee', 'iit',
    'vat', 'gps', 'cctv', 'tv', 'lpg', 'cng', 'suv', 'ac', 'dc', 'dm', 'sdm', 'bdo', 'ri', 'dsp', 'sp', 'ips', 'fir', 'gd',
    'mv', 'hsrp', 'puc', 'tcc', 'ncl', 'msme', 'udyam', 'ocac', 'odisha', 'one', 'madhu', 'babu', 'mo', 'sarkar', 'biju',
    'mamata', 'subhadra', 'kyc', 'sbi', 'uco', 'sc/st', 'ok', 'wifi', 'whatsapp', 'online', 'offline', 'app', 'sir',
  ].map((w) => w.toLowerCase()),
);

/** Messages used as the label of the button that opens a list (WhatsApp: 20 characters). */
export const LIST_BUTTON_MESSAGES = ['choose-button', 'menu-button', 'services-button', 'edit-button'];

const ODIA = /[\u0B00-\u0B7F]/;
const LATIN_WORD = /[A-Za-z][A-Za-z.'’-]*/g;

interface RawService {
  id: string;
  department: string;
  popular: boolean;
  name: { en?: string; or?: string };
  file: string;
  line?: number;
}

interface RawExample {
  intent: string;
  variant: CorpusVariant | 'alias';
  text: string;
  file: string;
  line?: number;
}

export interface LintOptions {
  intentsDir: string;
  localesDir: string;
  /** Paths in findings are shown relative to this (default: the working directory). */
  relativeTo?: string;
}

/** Run every check. Never throws for problems in the data: they become findings. */
export function lintCorpus(opts: LintOptions): LintReport {
  const started = performance.now();
  const issues: LintIssue[] = [];
  const rel = (p: string) => relative(opts.relativeTo ?? process.cwd(), p) || p;
  const add = (issue: LintIssue) => issues.push(issue.file ? { ...issue, file: rel(issue.file) } : issue);

  // --- catalog: strict validation (as start-up does), then a lenient read for the other checks ---------
  try {
    loadCatalog(opts.intentsDir);
  } catch (e) {
    if (!(e instanceof CatalogError)) throw e;
    for (const p of e.problems) add({ severity: 'error', check: 'catalog', ...splitLocation(p) });
  }
  const { services, departments } = readCatalogLeniently(opts.intentsDir, add);
  const serviceIds = new Set(services.map((s) => s.id));
  const known = new Set<string>([...serviceIds, ...BUILTIN_INTENTS, 'none']);

  // --- corpus files --------------------------------------------------------------------------------------
  const files = existsSync(join(opts.intentsDir, 'nlu')) ? corpusFiles(opts.intentsDir) : [];
  if (files.length === 0) add({ severity: 'error', check: 'yaml', message: `no corpus files in ${rel(join(opts.intentsDir, 'nlu'))}` });
  const examples: RawExample[] = [];
  const intentSeen = new Map<string, string>();
  for (const file of files) readCorpusFile(file, known, intentSeen, examples, add, rel);
  for (const name of ['_synonyms.yaml', '_groups.yaml', '_markers.yaml', '_lexicon.yaml']) {
    const path = join(opts.intentsDir, 'nlu', name);
    if (existsSync(path)) yamlErrors(path, readFileSync(path, 'utf8'), add);
  }

  checkDuplicates(examples, add);
  checkMinimums(services, examples, add);
  checkScripts(examples, add);

  // --- names and texts ------------------------------------------------------------------------------------
  for (const s of services) checkName(`service ${s.id}`, s.name, s.file, s.line, add, true);
  for (const d of departments) checkName(`department ${d.code}`, d.name, d.file, d.line, add, true);
  for (const n of readNamedEntries(opts.intentsDir)) checkName(n.what, n.name, n.file, n.line, add, false);
  checkLocales(opts, add);

  const errors = issues.filter((i) => i.severity === 'error').length;
  return {
    errors,
    warnings: issues.length - errors,
    issues,
    stats: {
      files: files.length,
      examples: examples.length,
      intents: intentSeen.size,
      services: services.length,
      ms: Math.round(performance.now() - started),
    },
  };
}

/** "path:12:3: message" or "path: message" → file, line, message. */
function splitLocation(problem: string): Pick<LintIssue, 'file' | 'line' | 'message'> {
  const m = /^([^\s:]+\.(?:ya?ml|ftl))(?::(\d+)(?::\d+)?)?: (.*)$/s.exec(problem);
  if (!m) return { message: problem };
  return { file: m[1], line: m[2] ? Number(m[2]) : undefined, message: m[3]! };
}

function yamlErrors(path: string, text: string, add: (i: LintIssue) => void): ReturnType<typeof parseDocument> | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length === 0) return doc;
  for (const err of doc.errors) {
    const line = lineCounter.linePos(err.pos[0]).line;
    add({ severity: 'error', check: 'yaml', file: path, line, message: `YAML: ${err.message.split('\n')[0]}` });
  }
  return undefined;
}

function lineOf(node: YamlNode | null | undefined, lc: LineCounter): number | undefined {
  return node?.range ? lc.linePos(node.range[0]).line : undefined;
}

function readCorpusFile(
  file: string,
  known: ReadonlySet<string>,
  intentSeen: Map<string, string>,
  examples: RawExample[],
  add: (i: LintIssue) => void,
  rel: (p: string) => string,
): void {
  const text = readFileSync(file, 'utf8');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) add({ severity: 'error', check: 'yaml', file, line: lc.linePos(err.pos[0]).line, message: `YAML: ${err.message.split('\n')[0]}` });
    return;
  }
  const root = doc.contents;
  if (root === null || root === undefined) return;
  if (!isMap(root)) {
    add({ severity: 'error', check: 'yaml', file, line: lineOf(root, lc), message: 'expected a mapping of intent → examples' });
    return;
  }
  for (const pair of root.items) {
    const keyNode = pair.key as YamlNode | null;
    const intent = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const line = lineOf(keyNode, lc);
    if (!known.has(intent)) add({ severity: 'error', check: 'yaml', file, line, intent, message: `${intent}: unknown intent (not a service id in intents/catalog, a built-in or none)` });
    const before = intentSeen.get(intent);
    if (before) add({ severity: 'error', check: 'yaml', file, line, intent, message: `${intent}: appears twice in the corpus (also at ${before})` });
    else intentSeen.set(intent, `${rel(file)}:${line ?? '?'}`);
    const value = pair.value as YamlNode | null;
    if (value === null || (isScalar(value) && value.value === null)) continue;
    if (!isMap(value)) {
      add({ severity: 'error', check: 'yaml', file, line, intent, message: `${intent}: expected aliases/en/or/or-Latn/mixed lists` });
      continue;
    }
    for (const vp of value.items) {
      const vKey = vp.key as YamlNode | null;
      const variant = isScalar(vKey) ? String(vKey.value) : String(vKey);
      const vLine = lineOf(vKey, lc);
      if (variant !== 'aliases' && !(CORPUS_VARIANTS as readonly string[]).includes(variant)) {
        add({ severity: 'error', check: 'yaml', file, line: vLine, intent, message: `${intent}: unknown list "${variant}" (use aliases, ${CORPUS_VARIANTS.join(', ')})` });
        continue;
      }
      const list = vp.value as YamlNode | null;
      if (list === null || (isScalar(list) && list.value === null)) continue;
      if (!isSeq(list)) {
        add({ severity: 'error', check: 'yaml', file, line: vLine, intent, message: `${intent}.${variant}: expected a list of examples` });
        continue;
      }
      for (const item of list.items) {
        const node = item as YamlNode;
        if (!isScalar(node) || node.value === null || typeof node.value === 'object') {
          add({ severity: 'error', check: 'yaml', file, line: lineOf(node, lc), intent, message: `${intent}.${variant}: each example must be one line of text` });
          continue;
        }
        examples.push({ intent, variant: variant === 'aliases' ? 'alias' : (variant as CorpusVariant), text: String(node.value), file, line: lineOf(node, lc) });
      }
    }
  }
}

const where = (e: RawExample) => `${e.file}:${e.line ?? '?'}`;

/** Filler words that do not change what a message asks for. */
const FILLERS = new Set(['sir', 'sar', 'madam', 'mam', 'pls', 'please', 'plz', 'ji', 'aagyan', 'agyan', 'ajna', 'the', 'a', 'an', 'to', 'for', 'of', 'is']);

/** Keys too short to compare by sound: "OC" and "ok", "TCC" and "thx" sound alike but are not the same. */
const comparable = (words: string[]) => words.length >= 2 || (words[0]?.length ?? 0) >= 6;

function checkDuplicates(examples: RawExample[], add: (i: LintIssue) => void): void {
  // Exact: the same text once normalised (case, punctuation, spacing, digits). Texts that normalise to
  // nothing (emoji) are compared as written.
  const exact = new Map<string, RawExample[]>();
  for (const e of examples) {
    const key = normalize(e.text) || e.text.trim();
    const list = exact.get(key);
    if (list) list.push(e);
    else exact.set(key, [e]);
  }
  for (const list of exact.values()) {
    if (list.length < 2) continue;
    const first = list[0]!;
    for (const other of list.slice(1)) {
      if (other.intent === first.intent) {
        // The same text as an alias and as an example of one intent is fine; twice in one list is a slip.
        if (other.variant !== first.variant) continue;
        add({ severity: 'warning', check: 'repeated', file: other.file, line: other.line, intent: other.intent, message: `"${other.text}" is ${other.text === first.text ? 'already an example' : `the same example as "${first.text}"`} of ${other.intent} at ${where(first)}` });
      } else {
        add({
          severity: 'error',
          check: 'duplicate',
          file: other.file,
          line: other.line,
          intent: other.intent,
          message: `"${other.text}" (${other.intent}) is also an example of ${first.intent} at ${where(first)}: keep it under one intent only`,
        });
      }
    }
  }

  // Near-identical: the same sound-alike key (spelling, script, vowel length, word order, fillers), under
  // different intents, when the texts are not already exact duplicates. One pass with two hash keys.
  const near = new Map<string, RawExample[]>();
  const reported = new Set<string>();
  for (const e of examples) {
    const words = phoneticKey(e.text).split(' ').filter(Boolean);
    const content = [...new Set(words.filter((w) => !FILLERS.has(w)))].sort();
    const keys: string[] = [];
    if (comparable(words)) keys.push(`k:${words.join(' ')}`);
    if (comparable(content)) keys.push(`s:${content.join(' ')}`);
    for (const key of keys) {
      const list = near.get(key);
      if (list) list.push(e);
      else near.set(key, [e]);
    }
  }
  for (const list of near.values()) {
    if (list.length < 2) continue;
    const intents = new Set(list.map((e) => e.intent));
    if (intents.size < 2) continue;
    const first = list[0]!;
    for (const other of list.slice(1)) {
      if (other.intent === first.intent) continue;
      const a = normalize(first.text) || first.text.trim();
      const b = normalize(other.text) || other.text.trim();
      if (a === b) continue; // an exact duplicate, reported above
      const pair = `${where(first)}|${where(other)}`;
      if (reported.has(pair)) continue;
      reported.add(pair);
      add({
        severity: 'warning',
        check: 'near-duplicate',
        file: other.file,
        line: other.line,
        intent: other.intent,
        message: `"${other.text}" (${other.intent}) reads almost the same as "${first.text}" (${first.intent}) at ${where(first)}: say what makes each different`,
      });
    }
  }
}

function checkMinimums(services: RawService[], examples: RawExample[], add: (i: LintIssue) => void): void {
  const counts = new Map<string, Record<CorpusVariant, number>>();
  const firstLine = new Map<string, { file: string; line?: number }>();
  for (const e of examples) {
    if (e.variant === 'alias') continue;
    const c = counts.get(e.intent) ?? { en: 0, or: 0, 'or-Latn': 0, mixed: 0 };
    c[e.variant] += 1;
    counts.set(e.intent, c);
    if (!firstLine.has(e.intent)) firstLine.set(e.intent, { file: e.file, line: e.line });
  }
  for (const s of services) {
    const c = counts.get(s.id) ?? { en: 0, or: 0, 'or-Latn': 0, mixed: 0 };
    const min = s.popular ? MINIMUMS.popular : MINIMUMS.other;
    const at = firstLine.get(s.id) ?? { file: s.file, line: s.line };
    const kind = s.popular ? 'popular service' : 'service';
    const short = (['en', 'or', 'or-Latn'] as const).filter((v) => c[v] < min[v]);
    if (short.length > 0) {
      add({
        severity: 'error',
        check: 'minimum',
        ...at,
        intent: s.id,
        message: `${s.id} (${kind}): ${short.map((v) => `${v} has ${c[v]} of ${min[v]}`).join(', ')}${counts.has(s.id) ? '' : ' — no corpus entry at all'}`,
      });
    }
    if (c.mixed < min.mixed) {
      add({ severity: 'warning', check: 'minimum-mixed', ...at, intent: s.id, message: `${s.id} (${kind}): mixed has ${c.mixed} of ${min.mixed}` });
    }
  }
}

/** Latin words in an Odia-script text that are not acronyms or known scheme names. */
export function strayLatinWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(LATIN_WORD)) {
    const word = m[0].replace(/[.'’-]+$/, '');
    const bare = word.replace(/[.'’-]/g, '');
    if (bare.length === 0) continue;
    if (/^[A-Z]{1,6}$/.test(bare)) continue; // an acronym as written: SC, OBC, KALIA, DL
    if (LATIN_ALLOWED_IN_ODIA.has(bare.toLowerCase()) || LATIN_ALLOWED_IN_ODIA.has(word.toLowerCase())) continue;
    out.push(word);
  }
  return out;
}

function checkScripts(examples: RawExample[], add: (i: LintIssue) => void): void {
  for (const e of examples) {
    let message: string | undefined;
    if (e.variant === 'or') {
      const stray = strayLatinWords(e.text);
      if (stray.length > 0) message = `or example "${e.text}" has Latin words (${stray.join(', ')}): write them in Odia script, or move the example to mixed`;
    } else if ((e.variant === 'or-Latn' || e.variant === 'en') && ODIA.test(e.text)) {
      message = `${e.variant} example "${e.text}" contains Odia script: transliterate it, or move the example to or or mixed`;
    }
    if (message) add({ severity: 'warning', check: 'script', file: e.file, line: e.line, intent: e.intent, message });
  }
}

function checkName(
  what: string,
  name: { en?: string; or?: string },
  file: string,
  line: number | undefined,
  add: (i: LintIssue) => void,
  isRow: boolean,
): void {
  const or = name.or?.trim() ?? '';
  const en = name.en?.trim() ?? '';
  if (!or) add({ severity: 'error', check: 'odia-name', file, line, message: `${what}: missing Odia name (name.or)` });
  else if (!ODIA.test(or)) add({ severity: 'warning', check: 'odia-name', file, line, message: `${what}: Odia name "${or}" has no Odia script` });
  if (isRow) {
    for (const [lang, text] of [['en', en], ['or', or]] as const) {
      if (text.length > whatsappLimits.rowDescription) {
        add({
          severity: 'warning',
          check: 'length',
          file,
          line,
          message: `${what}: ${lang} name is ${text.length} characters; lists show at most ${whatsappLimits.rowDescription} (the row description), so it will be cut`,
        });
      }
    }
  }
}

/** Lenient read of intents/catalog/*.yaml: ids, popularity and names with their lines. */
function readCatalogLeniently(intentsDir: string, add: (i: LintIssue) => void) {
  const services: RawService[] = [];
  const departments: { code: string; name: { en?: string; or?: string }; file: string; line?: number }[] = [];
  const dir = join(intentsDir, 'catalog');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : [];
  for (const f of files) {
    const file = join(dir, f);
    const lc = new LineCounter();
    const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lc, prettyErrors: false });
    if (doc.errors.length > 0) continue; // reported by the strict catalog load with file and line
    const dept = doc.get('department', true) as YamlNode | undefined;
    const code = String(doc.getIn(['department', 'code']) ?? f.replace(/\.yaml$/, ''));
    departments.push({ code, name: plainName(doc.getIn(['department', 'name'])), file, line: lineOf(dept, lc) });
    const list = doc.get('services', true);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (!isMap(item)) continue;
      const id = item.get('id');
      if (typeof id !== 'string') continue;
      services.push({
        id,
        department: code,
        popular: item.get('popular') === true,
        name: plainName(item.get('name')),
        file,
        line: lineOf(item as YamlNode, lc),
      });
    }
  }
  if (files.length === 0) add({ severity: 'error', check: 'catalog', message: `no catalog files in ${dir}` });
  return { services, departments };
}

/** Documents, districts and blocks: everything else a citizen sees by name. */
function readNamedEntries(intentsDir: string): { what: string; name: { en?: string; or?: string }; file: string; line?: number }[] {
  const out: { what: string; name: { en?: string; or?: string }; file: string; line?: number }[] = [];
  for (const [fileName, what] of [['documents.yaml', 'document'], ['districts.yaml', 'district'], ['blocks.yaml', 'block']] as const) {
    const file = join(intentsDir, fileName);
    if (!existsSync(file)) continue;
    const lc = new LineCounter();
    const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lc, prettyErrors: false });
    if (doc.errors.length > 0 || !isMap(doc.contents)) continue; // the strict catalog load reports these
    for (const pair of doc.contents.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      if (what === 'block') {
        if (!isSeq(pair.value)) continue;
        for (const b of pair.value.items) {
          if (isMap(b)) out.push({ what: `block ${String(b.get('en'))} (${key})`, name: plainName(b), file, line: lineOf(b as YamlNode, lc) });
        }
      } else if (isMap(pair.value)) {
        out.push({ what: `${what} ${key}`, name: plainName(pair.value), file, line: lineOf(pair.key as YamlNode, lc) });
      }
    }
  }
  return out;
}

function plainName(node: unknown): { en?: string; or?: string } {
  if (!isMap(node)) return {};
  const en = node.get('en');
  const or = node.get('or');
  return { en: en === undefined || en === null ? undefined : String(en), or: or === undefined || or === null ? undefined : String(or) };
}

function checkLocales(opts: LintOptions, add: (i: LintIssue) => void): void {
  let i18n: Translator;
  try {
    i18n = loadLocales(opts.localesDir);
  } catch (e) {
    if (!(e instanceof LocaleError)) throw e;
    for (const p of e.problems) add({ severity: 'error', check: 'locales', ...splitLocation(p) });
    return;
  }
  try {
    checkCatalogTranslations(loadCatalog(opts.intentsDir), i18n);
  } catch (e) {
    if (e instanceof LocaleError) for (const p of e.problems) add({ severity: 'error', check: 'locales', message: p });
    else if (!(e instanceof CatalogError)) throw e; // catalog problems are already reported
  }
  for (const lang of ['en', 'or'] as const) {
    const file = locateMessages(opts.localesDir, lang);
    for (const id of i18n.ids(lang)) {
      if (!id.startsWith('btn-') && !LIST_BUTTON_MESSAGES.includes(id)) continue;
      const limit = id.startsWith('btn-') ? whatsappLimits.buttonTitle : whatsappLimits.listButton;
      let text: string;
      try {
        text = i18n.t(lang, id);
      } catch {
        continue; // needs arguments: its length depends on them
      }
      if (text.length > limit) {
        const at = file(id);
        add({
          severity: 'warning',
          check: 'length',
          ...at,
          message: `${lang} ${id} = "${text}" is ${text.length} characters; WhatsApp shows ${limit}, so it will be cut to "${text.slice(0, limit - 1)}…"`,
        });
      }
    }
  }
}

/** Where a message id is defined (file and line), for findings about locales. */
function locateMessages(localesDir: string, lang: string): (id: string) => { file?: string; line?: number } {
  const dir = join(localesDir, lang);
  const index = new Map<string, { file: string; line: number }>();
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ftl'))) {
      const file = join(dir, f);
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const m = /^([a-zA-Z][\w-]*)\s*=/.exec(text);
          if (m && !index.has(m[1]!)) index.set(m[1]!, { file, line: i + 1 });
        });
    }
  }
  return (id) => index.get(id) ?? {};
}

/** The report for people: errors first, then warnings, grouped by check. */
export function formatReport(report: LintReport, opts: { all?: boolean; quiet?: boolean; limit?: number; color?: boolean } = {}): string {
  const limit = opts.all ? Infinity : (opts.limit ?? 25);
  const c = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  const s = report.stats;
  lines.push(`Corpus lint: ${s.examples} examples of ${s.intents} intents in ${s.files} files; ${s.services} services in the catalog (${(s.ms / 1000).toFixed(1)} s)`);
  for (const severity of ['error', 'warning'] as const) {
    if (severity === 'warning' && opts.quiet) continue;
    const ofSeverity = report.issues.filter((i) => i.severity === severity);
    if (ofSeverity.length === 0) continue;
    lines.push('');
    lines.push(
      severity === 'error'
        ? c('1;31', `ERRORS (${ofSeverity.length}) — must be fixed; lint fails`)
        : c('1;33', `WARNINGS (${ofSeverity.length}) — worth fixing; lint still passes`),
    );
    for (const check of Object.keys(CHECKS) as LintCheck[]) {
      const group = ofSeverity.filter((i) => i.check === check);
      if (group.length === 0) continue;
      lines.push(`  ${severity === 'error' ? c('31', 'ERROR') : c('33', 'WARNING')} ${CHECKS[check].title} [${check}]: ${group.length}`);
      for (const i of group.slice(0, limit)) lines.push(`    ${i.file ? `${i.file}${i.line ? `:${i.line}` : ''}: ` : ''}${i.message}`);
      if (group.length > limit) lines.push(`    … and ${group.length - limit} more (--all shows every one, --json for tools)`);
    }
  }
  lines.push('');
  const verdict = report.errors > 0 ? c('1;31', 'FAIL') : c('1;32', 'OK');
  lines.push(`${verdict}: ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}`);
  return lines.join('\n');
}
