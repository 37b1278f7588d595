import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog } from '../src/catalog/load.js';
import { Views } from '../src/dialog/views.js';
import { checkCatalogTranslations, loadLocales, LocaleError } from '../src/i18n/index.js';

const csvIds = readFileSync('test/fixtures/services.csv', 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[0]!);

describe('the service catalog', () => {
  const catalog = loadCatalog('intents');
  const i18n = loadLocales('locales');

  it('has exactly the 429 service ids of the shared CSV', () => {
    expect(csvIds).toHaveLength(429);
    expect(catalog.services.map((s) => s.id).sort()).toEqual([...csvIds].sort());
  });

  it('gives every service and department an Odia name, and every field a question in both languages', () => {
    for (const d of catalog.departments) expect(d.name.or.trim(), d.code).not.toBe('');
    for (const s of catalog.services) {
      expect(s.name.or.trim(), s.id).not.toBe('');
      expect(s.fields.length, s.id).toBeGreaterThan(0);
    }
    expect(() => checkCatalogTranslations(catalog, loadLocales('locales'))).not.toThrow();
  });

  it('gives no two services of a department the same list title, in either language', () => {
    const clashes: string[] = [];
    for (const lang of ['en', 'or'] as const) {
      for (const d of catalog.departments) {
        const seen = new Map<string, string>();
        for (const s of d.services) {
          const title = new Views(catalog, i18n, lang).serviceRow(s).title;
          const other = seen.get(title);
          if (other) clashes.push(`${lang} "${title}": ${other} and ${s.id}`);
          seen.set(title, s.id);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has the 30 districts of Odisha with Odia names', () => {
    expect(catalog.districts).toHaveLength(30);
    for (const d of catalog.districts) expect(d.name.or).toMatch(/[\u0B00-\u0B7F]/);
  });
});

describe('catalog validation stops start-up with an error naming the file and the entry', () => {
  let dir: string;
  const copy = () => {
    dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    cpSync('intents', dir, { recursive: true });
    return dir;
  };
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const problemsOf = (d: string): string => {
    try {
      loadCatalog(d);
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogError);
      return (error as Error).message;
    }
    throw new Error('expected the catalog to be rejected');
  };

  it('rejects a duplicate service id', () => {
    const d = copy();
    const path = join(d, 'catalog', 'rdm.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('id: rdm.st_certificate', 'id: rdm.sc_certificate'));
    const message = problemsOf(d);
    expect(message).toContain('rdm.sc_certificate');
    expect(message).toMatch(/duplicate/i);
  });

  it('rejects an unknown field', () => {
    const d = copy();
    const path = join(d, 'catalog', 'rdm.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('fields: [applicant_name, father_name', 'fields: [applicant_name, fathers_nmae'));
    const message = problemsOf(d);
    expect(message).toContain('rdm.yaml');
    expect(message).toContain('fathers_nmae');
  });

  it('rejects a malformed YAML file with its line', () => {
    const d = copy();
    writeFileSync(join(d, 'catalog', 'agr.yaml'), 'department:\n  code: agr\n  name: [unclosed\n');
    const message = problemsOf(d);
    expect(message).toContain('agr.yaml');
    expect(message).toMatch(/line \d+/i);
  });

  it('rejects a service without an Odia name', () => {
    const d = copy();
    const path = join(d, 'catalog', 'rdm.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('or: "ଅନୁସୂଚିତ ଜାତି (SC) ପ୍ରମାଣପତ୍ର"', 'or: ""'));
    expect(problemsOf(d)).toContain('rdm.sc_certificate');
  });

  it('rejects a missing translation of a reply text', () => {
    const d = mkdtempSync(join(tmpdir(), 'locales-'));
    dir = d;
    cpSync('locales', d, { recursive: true });
    const path = join(d, 'or', 'main.ftl');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^btn-menu = .*$/m, ''));
    expect(() => loadLocales(d)).toThrow(LocaleError);
    expect(() => loadLocales(d)).toThrow(/btn-menu/);
  });
});
