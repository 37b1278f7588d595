/**
 * Writing an example into the corpus (intents/nlu/*.yaml) from the console, so that `git diff` shows
 * exactly the new line: the file is edited through the `yaml` Document API (comments, quoting and order kept),
 * the result is checked to differ from the original by inserted lines only, and written atomically.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, Pair, parseDocument, Scalar, stringify, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { BUILTIN_INTENTS } from '../core.js';
import { CORPUS_VARIANTS, corpusFiles, loadLexicon, type CorpusVariant } from '../nlu/corpus.js';
import { detectLanguage } from '../nlu/language.js';
import { normalize } from '../nlu/normalize.js';
import { maskPersonalData, toExample } from './mask.js';

const KEY_ORDER = ['aliases', ...CORPUS_VARIANTS] as const;

export interface ExistingExample {
  intent: string;
  variant: string;
  text: string;
  file: string;
  line?: number;
}

export type AddResult =
  | { status: 'added'; intent: string; variant: CorpusVariant; text: string; file: string; line: number }
  | { status: 'exists'; intent: string; text: string; existing: ExistingExample }
  | { status: 'conflict'; intent: string; text: string; existing: ExistingExample }
  | { status: 'empty'; intent: string; text: string };

export class CorpusWriteError extends Error {
  override name = 'CorpusWriteError';
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The corpus file that holds an intent, if any. */
export function findIntentFile(intentsDir: string, intent: string): string | undefined {
  const key = new RegExp(`^["']?${escapeRegExp(intent)}["']?:\\s*(#.*)?$`, 'm');
  return corpusFiles(intentsDir).find((f) => key.test(readFileSync(f, 'utf8')));
}

/** Where a new entry for an intent goes: its department's file, or _builtin.yaml for built-ins and none. */
export function defaultFile(intentsDir: string, intent: string): string {
  const builtin = intent === 'none' || (BUILTIN_INTENTS as readonly string[]).includes(intent);
  return join(intentsDir, 'nlu', builtin ? '_builtin.yaml' : `${intent.split('.')[0]}.yaml`);
}

/** Every corpus example whose normalised text equals this one's (the same example, as lint sees it). */
export function findExamples(intentsDir: string, text: string): ExistingExample[] {
  const wanted = normalize(text) || text.trim();
  const found: ExistingExample[] = [];
  for (const file of corpusFiles(intentsDir)) {
    const source = readFileSync(file, 'utf8');
    // Cheap prefilter: most files cannot contain it at all.
    const probe = wanted.split(' ').sort((a, b) => b.length - a.length)[0] ?? '';
    if (probe && !source.toLowerCase().includes(probe)) continue;
    const lc = new LineCounter();
    const doc = parseDocument(source, { lineCounter: lc });
    if (doc.errors.length > 0 || !isMap(doc.contents)) continue;
    for (const pair of doc.contents.items) {
      const intent = String(isScalar(pair.key) ? pair.key.value : pair.key);
      if (!isMap(pair.value)) continue;
      for (const vp of pair.value.items) {
        const variant = String(isScalar(vp.key) ? vp.key.value : vp.key);
        if (!isSeq(vp.value)) continue;
        for (const item of vp.value.items) {
          if (!isScalar(item)) continue;
          const t = String(item.value);
          if ((normalize(t) || t.trim()) === wanted) found.push({ intent, variant, text: t, file, line: item.range ? lc.linePos(item.range[0]).line : undefined });
        }
      }
    }
  }
  return found;
}

/** The language variant to file an example under (en, or, or-Latn, mixed). */
export function variantOf(intentsDir: string, text: string): CorpusVariant {
  const lexicon = loadLexicon(intentsDir);
  // Detect on the text without its masked parts: a placeholder in Latin letters would make Odia look mixed.
  const detected = detectLanguage(normalize(maskPersonalData(text, '')), {
    odiaLatin: new Set(lexicon.languageOdiaLatin),
    english: new Set(lexicon.languageEnglish),
  });
  if (detected === 'other') return /[\u0B00-\u0B7F]/.test(text) ? 'or' : 'en';
  return detected;
}

/** Lines of `after` that were inserted into `before`, or undefined when anything else changed. */
export function insertedLines(before: string, after: string): number[] | undefined {
  const a = before.split('\n');
  const b = after.split('\n');
  const inserted: number[] = [];
  let i = 0;
  for (let j = 0; j < b.length; j++) {
    if (i < a.length && a[i] === b[j]) i += 1;
    else inserted.push(j);
  }
  return i === a.length ? inserted : undefined;
}

/** The quoting style the file already uses for examples (double quotes in ours). */
function exampleStyle(doc: Document): Scalar.Type {
  let style: Scalar.Type | undefined;
  const root = doc.contents;
  if (isMap(root)) {
    outer: for (const pair of root.items) {
      if (!isMap(pair.value)) continue;
      for (const vp of pair.value.items) {
        if (!isSeq(vp.value)) continue;
        const item = vp.value.items.at(-1);
        if (isScalar(item) && item.type) {
          style = item.type;
          break outer;
        }
      }
    }
  }
  return style && style !== 'BLOCK_FOLDED' && style !== 'BLOCK_LITERAL' ? style : 'QUOTE_DOUBLE';
}

function scalar(doc: Document, value: string, style: Scalar.Type): Scalar {
  const node = doc.createNode(value) as Scalar;
  node.type = style;
  return node;
}

/** Add `text` under intent/variant in the document; returns how many lines that should add. */
function insert(doc: Document, intent: string, variant: CorpusVariant, text: string): number {
  const style = exampleStyle(doc);
  let root = doc.contents;
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) {
    root = new YAMLMap();
    doc.contents = root;
  }
  if (!isMap(root)) throw new CorpusWriteError('the corpus file is not a mapping of intent → examples');
  const entry = root.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === intent);
  if (!entry) {
    const seq = new YAMLSeq();
    seq.items.push(scalar(doc, text, style));
    const map = new YAMLMap();
    map.items.push(new Pair(doc.createNode(variant), seq));
    root.items.push(new Pair(doc.createNode(intent), map));
    return 3;
  }
  if (entry.value === null || (isScalar(entry.value) && entry.value.value === null)) entry.value = new YAMLMap();
  const map = entry.value;
  if (!isMap(map)) throw new CorpusWriteError(`${intent} is not a mapping of lists`);
  const listPair = map.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === variant);
  if (listPair && isSeq(listPair.value)) {
    if (listPair.value.flow) throw new CorpusWriteError(`${intent}.${variant} is a [flow, list]: write it one example per line first`);
    const last = listPair.value.items.at(-1);
    listPair.value.items.push(scalar(doc, text, isScalar(last) && last.type && !last.type.startsWith('BLOCK') ? last.type : style));
    return 1;
  }
  const seq = new YAMLSeq();
  seq.items.push(scalar(doc, text, style));
  if (listPair) {
    listPair.value = seq; // an empty `en:` becomes a list
    return 1;
  }
  const rank = (k: string) => KEY_ORDER.indexOf(k as (typeof KEY_ORDER)[number]);
  const at = map.items.findIndex((p) => rank(String(isScalar(p.key) ? p.key.value : p.key)) > rank(variant));
  const pair = new Pair(doc.createNode(variant), seq);
  if (at < 0) map.items.push(pair);
  else map.items.splice(at, 0, pair);
  return 2;
}

/** The example as one YAML line in the given quoting style. */
function quoted(text: string, style: Scalar.Type): string {
  const line = stringify(text, { defaultStringType: style === 'PLAIN' ? 'PLAIN' : style === 'QUOTE_SINGLE' ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', lineWidth: 0 }).trimEnd();
  return line.includes('\n') ? JSON.stringify(text) : line;
}

function contains(source: string, intent: string, variant: string, text: string): boolean {
  const doc = parseDocument(source);
  if (doc.errors.length > 0) return false;
  const list = doc.getIn([intent, variant]);
  return Array.isArray((list as { toJSON?: () => unknown })?.toJSON?.()) && ((list as YAMLSeq).toJSON() as unknown[]).map(String).includes(text);
}

/**
 * Insert the example's lines into the text itself, at the positions the parsed document gives: after the
 * last item of the list, as a new list before the next variant, or as a new entry at the end of the file.
 */
export function insertAsText(source: string, intent: string, variant: CorpusVariant, text: string, style: Scalar.Type): string {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc });
  const lines = source.split('\n');
  const lineOf = (offset: number) => lc.linePos(offset).line - 1; // 0-based
  const indentOf = (i: number) => /^\s*/.exec(lines[i] ?? '')![0].length;
  // Indentation the file uses: intent keys, variant keys, list items.
  let keyIndent = 2;
  let itemIndent = 4;
  const root = doc.contents;
  if (isMap(root)) {
    outer: for (const pair of root.items) {
      if (!isMap(pair.value)) continue;
      for (const vp of pair.value.items) {
        const first = isSeq(vp.value) ? vp.value.items[0] : undefined;
        if (isScalar(vp.key) && vp.key.range && isScalar(first) && first.range) {
          keyIndent = indentOf(lineOf(vp.key.range[0]));
          itemIndent = indentOf(lineOf(first.range[0]));
          break outer;
        }
      }
    }
  }
  const item = `${' '.repeat(itemIndent)}- ${quoted(text, style)}`;
  const insertAt = (index: number, newLines: string[]) => [...lines.slice(0, index), ...newLines, ...lines.slice(index)].join('\n');
  const entry = isMap(root) ? root.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === intent) : undefined;
  if (!entry) {
    // At the end of the file, before its trailing newline.
    const end = lines.length > 0 && lines.at(-1) === '' ? lines.length - 1 : lines.length;
    return insertAt(end, [`${intent}:`, `${' '.repeat(keyIndent)}${variant}:`, item]);
  }
  if (!isMap(entry.value)) throw new CorpusWriteError(`${intent} is not a mapping of lists`);
  const listPair = entry.value.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === variant);
  if (listPair && isSeq(listPair.value) && listPair.value.items.length > 0) {
    const last = listPair.value.items.at(-1) as Scalar;
    if (!last.range) throw new CorpusWriteError('cannot place the example');
    const at = lineOf(last.range[1] > last.range[0] ? last.range[1] - 1 : last.range[0]);
    const dash = /^(\s*)-\s/.exec(lines[lineOf(last.range[0])] ?? '');
    const own = dash ? `${dash[1]}- ${quoted(text, style)}` : item;
    return insertAt(at + 1, [own]);
  }
  if (listPair) throw new CorpusWriteError(`${intent}.${variant} is empty: add the first example by hand`);
  const rank = (k: string) => KEY_ORDER.indexOf(k as (typeof KEY_ORDER)[number]);
  const next = entry.value.items.find((p) => rank(String(isScalar(p.key) ? p.key.value : p.key)) > rank(variant));
  const newLines = [`${' '.repeat(keyIndent)}${variant}:`, item];
  if (next && isScalar(next.key) && next.key.range) return insertAt(lineOf(next.key.range[0]), newLines);
  // After the entry's last list.
  const lastPair = entry.value.items.at(-1);
  const lastNode = lastPair && isSeq(lastPair.value) ? lastPair.value.items.at(-1) : undefined;
  if (!isScalar(lastNode) || !lastNode.range) throw new CorpusWriteError('cannot place the example');
  return insertAt(lineOf(lastNode.range[1] - 1) + 1, newLines);
}

let queue: Promise<unknown> = Promise.resolve();

/** Serialise writes: two linguists assigning at once must not lose each other's line. */
function exclusive<T>(work: () => T): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Mask the text and write it as an example of `intent` (a service id, a built-in, or none) under
 * `variant` (detected when omitted). Refuses an example that is already in the corpus.
 */
export function addExample(intentsDir: string, intent: string, rawText: string, variant?: CorpusVariant): Promise<AddResult> {
  return exclusive(() => {
    const text = toExample(rawText);
    if (!normalize(text) && !text.trim()) return { status: 'empty' as const, intent, text };
    const existing = findExamples(intentsDir, text);
    const same = existing.find((e) => e.intent === intent);
    if (same) return { status: 'exists' as const, intent, text, existing: same };
    if (existing[0]) return { status: 'conflict' as const, intent, text, existing: existing[0] };
    const v = variant ?? variantOf(intentsDir, text);
    const file = findIntentFile(intentsDir, intent) ?? defaultFile(intentsDir, intent);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : `# Training corpus: ${basename(file, '.yaml')} services\n`;
    const doc = parseDocument(before);
    if (doc.errors.length > 0) throw new CorpusWriteError(`${file} has YAML errors (run corpus:lint): ${doc.errors[0]!.message.split('\n')[0]}`);
    const style = exampleStyle(doc);
    const expected = insert(doc, intent, v, text);
    let after = doc.toString({ lineWidth: 0 });
    if (!before.endsWith('\n')) after = after.replace(/\n$/, '');
    let added = insertedLines(before, after);
    if (!added || added.length !== expected) {
      // The library would re-format something else (spacing before a comment, a blank line…): insert the
      // same lines as text at the place the parsed document points to instead.
      after = insertAsText(before, intent, v, text, style);
      added = insertedLines(before, after);
    }
    if (!added || added.length !== expected || !contains(after, intent, v, text)) {
      throw new CorpusWriteError(`writing ${file} would change more than the new example; nothing was written (fix the file's formatting by hand)`);
    }
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, after);
    renameSync(tmp, file);
    return { status: 'added' as const, intent, variant: v, text, file, line: added.at(-1)! + 1 };
  });
}
