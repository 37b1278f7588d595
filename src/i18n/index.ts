/**
 * Reply texts, per language, from Project Fluent files in locales/<lang>/*.ftl.
 * Linguists edit the .ftl files; code only names message ids.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import type { Catalog, Language } from '../catalog/types.js';
import { LANGUAGES } from '../catalog/types.js';

export type MessageArgs = Record<string, FluentVariable>;

export interface Translator {
  /** The text of message `id` in `lang`; throws for an unknown id (a bug, caught by the locale tests). */
  t(lang: Language, id: string, args?: MessageArgs): string;
  has(lang: Language, id: string): boolean;
  /** Every message id of a language, for checks and the console. */
  ids(lang: Language): string[];
}

export class LocaleError extends Error {
  constructor(readonly problems: string[]) {
    super(`Locales are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'LocaleError';
  }
}

export function loadLocales(dir: string): Translator {
  const problems: string[] = [];
  const bundles = new Map<Language, FluentBundle>();
  const ids = new Map<Language, Set<string>>();
  for (const lang of LANGUAGES) {
    const bundle = new FluentBundle(lang === 'or' ? 'or-IN' : 'en-IN', { useIsolating: false });
    const langIds = new Set<string>();
    const langDir = join(dir, lang);
    const files = existsSync(langDir) ? readdirSync(langDir).filter((f) => f.endsWith('.ftl')).sort() : [];
    if (files.length === 0) problems.push(`${langDir}: no .ftl files`);
    for (const file of files) {
      const path = join(langDir, file);
      const resource = new FluentResource(readFileSync(path, 'utf8'));
      for (const err of bundle.addResource(resource)) problems.push(`${path}: ${err.message}`);
      for (const msg of resource.body) if ('id' in msg && !msg.id.startsWith('-')) langIds.add(msg.id);
    }
    bundles.set(lang, bundle);
    ids.set(lang, langIds);
  }
  const [first, ...rest] = LANGUAGES;
  for (const other of rest) {
    for (const id of ids.get(first!)!) if (!ids.get(other)!.has(id)) problems.push(`locales/${other}: missing message ${id}`);
    for (const id of ids.get(other)!) if (!ids.get(first!)!.has(id)) problems.push(`locales/${first}: missing message ${id}`);
  }
  if (problems.length > 0) throw new LocaleError(problems);

  return {
    t(lang, id, args) {
      const bundle = bundles.get(lang)!;
      const message = bundle.getMessage(id);
      if (!message?.value) throw new Error(`Unknown message ${id} (${lang})`);
      const errors: Error[] = [];
      const text = bundle.formatPattern(message.value, args ?? null, errors);
      if (errors.length > 0) throw new Error(`Message ${id} (${lang}): ${errors.map((e) => e.message).join('; ')}`);
      return text;
    },
    has: (lang, id) => ids.get(lang)!.has(id),
    ids: (lang) => [...ids.get(lang)!],
  };
}

/** The catalog's fields and options must each have a label and a question in every language. */
export function checkCatalogTranslations(catalog: Catalog, i18n: Translator): void {
  const problems: string[] = [];
  for (const lang of LANGUAGES) {
    for (const field of catalog.fields.values()) {
      for (const id of [`field-${field.key}`, `ask-${field.key}`]) {
        if (!i18n.has(lang, id)) problems.push(`locales/${lang}: missing ${id} for field ${field.key} (intents/fields.yaml)`);
      }
      for (const option of field.options ?? []) {
        const id = `option-${field.key}-${option}`;
        if (!i18n.has(lang, id)) problems.push(`locales/${lang}: missing ${id} for field ${field.key}`);
      }
    }
  }
  if (problems.length > 0) throw new LocaleError(problems);
}
