/**
 * The training corpus in intents/nlu/: one YAML file per department (service id → aliases and examples per
 * language variant), _builtin.yaml for conversational intents and out-of-scope messages, and _lexicon.yaml.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { readYaml } from '../catalog/load.js';
import type { EntityLexicon } from './entities.js';

export const CORPUS_VARIANTS = ['en', 'or', 'or-Latn', 'mixed'] as const;
export type CorpusVariant = (typeof CORPUS_VARIANTS)[number];

export interface Example {
  intent: string;
  text: string;
  /** 'alias' for names and synonyms of the service. */
  variant: CorpusVariant | 'alias';
  file: string;
}

export interface Corpus {
  examples: Example[];
  /** intents/nlu/_synonyms.yaml: canonical word → variants. */
  synonyms: Record<string, string[]>;
  /** intents/nlu/_groups.yaml: groups of near-neighbour services. */
  groups: Record<string, { generic: string[]; services: Record<string, string[]> }>;
  /** intents/nlu/_markers.yaml: service → words one of which its requests always contain. */
  markers: Record<string, string[]>;
  /** Intents present in the corpus, in file order. */
  intents: string[];
  lexicon: Lexicon;
  /** Hash of every corpus file: the trained model is keyed by it. */
  hash: string;
}

export interface Lexicon extends EntityLexicon {
  /** Built-in intent → whole messages that are that command. */
  commands: Record<string, string[]>;
  languageOdiaLatin: string[];
  languageEnglish: string[];
}

const entrySchema = z
  .object({
    aliases: z.array(z.coerce.string()).optional(),
    en: z.array(z.coerce.string()).optional(),
    or: z.array(z.coerce.string()).optional(),
    'or-Latn': z.array(z.coerce.string()).optional(),
    mixed: z.array(z.coerce.string()).optional(),
  })
  .strict();

const words = z.array(z.coerce.string());
const synonymsSchema = z.record(z.string(), words);
const markersSchema = z.record(z.string(), words.min(1));
const groupsSchema = z.record(z.string(), z.object({ generic: words.min(1), services: z.record(z.string(), words) }).strict());
const lexiconSchema = z.object({
  language: z.object({ 'or-Latn': words, en: words }),
  affirm: words,
  deny: words,
  months: z.record(z.string(), words),
  relative_days: z.record(z.string(), words),
  numbers: z.record(z.string(), words),
  multipliers: z.record(z.string(), words),
  name_prefixes: words,
  gender: z.record(z.string(), words),
  caste: z.record(z.string(), words),
  correction: words,
  case_suffixes: words,
  commands: z.record(z.string(), words).default({}),
});

export class CorpusError extends Error {
  constructor(readonly problems: string[]) {
    super(`Corpus is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CorpusError';
  }
}

export function corpusFiles(intentsDir: string): string[] {
  const dir = join(intentsDir, 'nlu');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && (!f.startsWith('_') || f === '_builtin.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

export function loadLexicon(intentsDir: string): Lexicon {
  const problems: string[] = [];
  const path = join(intentsDir, 'nlu', '_lexicon.yaml');
  const parsed = lexiconSchema.safeParse(readYaml(path, problems));
  if (!parsed.success) {
    throw new CorpusError([...problems, ...parsed.error.issues.map((i) => `${path}: ${i.path.join('.')}: ${i.message}`)]);
  }
  const l = parsed.data;
  const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());
  const lowerMap = (m: Record<string, string[]>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, lower(v)]));
  return {
    languageOdiaLatin: lower(l.language['or-Latn']),
    languageEnglish: lower(l.language.en),
    affirm: lower(l.affirm),
    deny: lower(l.deny),
    months: lowerMap(l.months),
    relativeDays: lowerMap(l.relative_days),
    numbers: lowerMap(l.numbers),
    multipliers: lowerMap(l.multipliers),
    namePrefixes: lower(l.name_prefixes),
    gender: lowerMap(l.gender),
    caste: lowerMap(l.caste),
    correction: lower(l.correction),
    caseSuffixes: lower(l.case_suffixes),
    commands: lowerMap(l.commands),
  };
}

/** Load the corpus. `knownIntents` (service ids and built-ins) guards against typos in intent names. */
export function loadCorpus(intentsDir: string, knownIntents?: ReadonlySet<string>): Corpus {
  const problems: string[] = [];
  const examples: Example[] = [];
  const intents: string[] = [];
  const hash = createHash('sha256');
  for (const path of corpusFiles(intentsDir)) {
    hash.update(basename(path)).update(readFileSync(path));
    const raw = readYaml(path, problems);
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'object') {
      problems.push(`${path}: expected a mapping of intent → examples`);
      continue;
    }
    for (const [intent, value] of Object.entries(raw)) {
      const parsed = entrySchema.safeParse(value);
      if (!parsed.success) {
        problems.push(`${path}: ${intent}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        continue;
      }
      if (knownIntents && !knownIntents.has(intent)) problems.push(`${path}: ${intent}: unknown intent (not a service id or built-in)`);
      if (intents.includes(intent)) problems.push(`${path}: ${intent}: appears twice in the corpus`);
      intents.push(intent);
      for (const text of parsed.data.aliases ?? []) examples.push({ intent, text, variant: 'alias', file: path });
      for (const variant of CORPUS_VARIANTS) {
        for (const text of parsed.data[variant] ?? []) examples.push({ intent, text, variant, file: path });
      }
    }
  }
  const optional = (name: string) => {
    const path = join(intentsDir, 'nlu', name);
    if (!existsSync(path)) return undefined;
    hash.update(readFileSync(path));
    return readYaml(path, problems);
  };
  hash.update(readFileSync(join(intentsDir, 'nlu', '_lexicon.yaml')));
  const synonyms = synonymsSchema.safeParse(optional('_synonyms.yaml') ?? {});
  if (!synonyms.success) problems.push(`_synonyms.yaml: ${synonyms.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const groups = groupsSchema.safeParse(optional('_groups.yaml') ?? {});
  if (!groups.success) problems.push(`_groups.yaml: ${groups.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  else if (knownIntents) {
    for (const [name, g] of Object.entries(groups.data)) {
      for (const id of Object.keys(g.services)) if (!knownIntents.has(id)) problems.push(`_groups.yaml: ${name}: unknown service ${id}`);
    }
  }
  const markers = markersSchema.safeParse(optional('_markers.yaml') ?? {});
  if (!markers.success) problems.push(`_markers.yaml: ${markers.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  else if (knownIntents) {
    for (const id of Object.keys(markers.data)) if (!knownIntents.has(id)) problems.push(`_markers.yaml: unknown service ${id}`);
  }
  if (problems.length > 0) throw new CorpusError(problems);
  return {
    examples,
    intents,
    synonyms: synonyms.data ?? {},
    groups: groups.data ?? {},
    markers: markers.data ?? {},
    lexicon: loadLexicon(intentsDir),
    hash: hash.digest('hex').slice(0, 16),
  };
}
