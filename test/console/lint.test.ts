/**
 * Corpus lint: the real corpus passes, fast; planted problems in a copy are found with file and line,
 * with errors and warnings told apart; the CLI's exit code follows the errors only.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, type YAMLSeq } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, lintCorpus, strayLatinWords, type LintReport } from '../../src/console/lint.js';

const cli = (env: Record<string, string>, args: string[] = []) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/console/cli/corpus-lint.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

/** Add examples to lists of one entry through the Document API, keeping the file's style. */
function plant(path: string, additions: [intent: string, variant: string, text: string][], replace: [intent: string, variant: string, items: string[]][] = []) {
  const doc = parseDocument(readFileSync(path, 'utf8'));
  for (const [intent, variant, text] of additions) {
    const seq = doc.getIn([intent, variant], true) as YAMLSeq;
    seq.add(doc.createNode(text));
  }
  for (const [intent, variant, items] of replace) doc.setIn([intent, variant], doc.createNode(items));
  writeFileSync(path, doc.toString({ lineWidth: 0 }));
}

describe('corpus lint', () => {
  it('passes on the real corpus with no errors, in well under 10 s', () => {
    const report = lintCorpus({ intentsDir: 'intents', localesDir: 'locales' });
    const errors = report.issues.filter((i) => i.severity === 'error');
    expect(errors, formatReport(report, { quiet: true })).toEqual([]);
    expect(report.stats.examples).toBeGreaterThan(15_000);
    expect(report.stats.services).toBe(429);
    expect(report.stats.ms).toBeLessThan(10_000);
  });

  it('allows acronyms and scheme names in Odia script, but not other Latin words', () => {
    expect(strayLatinWords('ମୋତେ SC ପ୍ରମାଣପତ୍ର ଦରକାର')).toEqual([]);
    expect(strayLatinWords('KALIA ଟଙ୍କା ଆସିନି, bsky କାର୍ଡ଼ ଓ DL')).toEqual([]);
    expect(strayLatinWords('ମୋତେ income certificate ଦରକାର')).toEqual(['income', 'certificate']);
  });

  describe('on a copy with planted problems', () => {
    let dir: string;
    let intentsDir: string;
    let localesDir: string;
    let report: LintReport;
    const find = (check: string, text: string) => report.issues.filter((i) => i.check === check && i.message.includes(text));

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'lint-test-'));
      intentsDir = join(dir, 'intents');
      cpSync('intents', intentsDir, { recursive: true });
      plant(
        join(intentsDir, 'nlu', 'rdm.yaml'),
        [
          // The same example under two services (rdm.sc_certificate has it in en).
          ['rdm.st_certificate', 'en', "need SC certificate for my son's scholarship"],
          // Near-identical: differs only in spelling and word order from an existing one.
          ['rdm.st_certificate', 'en', 'apply new sc certifcate'],
          // Odia script with an English word that should be transliterated.
          ['rdm.income_certificate', 'or', 'ମୋତେ income ପ୍ରମାଣପତ୍ର ଦରକାର ଜରୁରୀ'],
          // Odia in Latin letters with Odia script in it.
          ['rdm.income_certificate', 'or-Latn', 'mo pain ଆୟ praman patra darkar achhi'],
        ],
        // Too few Odia examples for a popular service.
        [['rdm.obc_certificate', 'or', ['ଓବିସି ପ୍ରମାଣପତ୍ର ଦରକାର', 'ଓବିସି ସାର୍ଟିଫିକେଟ କେମିତି ମିଳିବ']]],
      );
      // A file with a YAML error on line 3.
      writeFileSync(join(intentsDir, 'nlu', 'zzz.yaml'), 'rdm.caste_x:\n  en:\n    - "unclosed\n  or: [\n');
      // An "Odia" name that is not in Odia script, and a button title longer than WhatsApp shows.
      const catalog = join(intentsDir, 'catalog', 'rdm.yaml');
      writeFileSync(catalog, readFileSync(catalog, 'utf8').replace('      or: "ଆୟ ପ୍ରମାଣପତ୍ର"', '      or: "Aay praman patra"'));
      localesDir = join(dir, 'locales');
      cpSync('locales', localesDir, { recursive: true });
      const ftl = join(localesDir, 'en', 'main.ftl');
      writeFileSync(ftl, readFileSync(ftl, 'utf8').replace(/^btn-apply = .*$/m, 'btn-apply = Apply for this service now'));
      report = lintCorpus({ intentsDir, localesDir, relativeTo: dir });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('finds the duplicate as an error, naming both places', () => {
      const [dup] = find('duplicate', "need SC certificate for my son's scholarship");
      expect(dup).toMatchObject({ severity: 'error', file: join('intents', 'nlu', 'rdm.yaml'), intent: 'rdm.st_certificate' });
      expect(dup!.line).toBeGreaterThan(1);
      expect(dup!.message).toContain('rdm.sc_certificate');
      expect(readFileSync(join(intentsDir, 'nlu', 'rdm.yaml'), 'utf8').split('\n')[dup!.line! - 1]).toContain("need SC certificate for my son's scholarship");
    });

    it('warns about near-identical examples across services', () => {
      const near = find('near-duplicate', 'apply new sc certifcate');
      expect(near.length).toBeGreaterThan(0);
      expect(near[0]!.severity).toBe('warning');
    });

    it('warns about Latin words in Odia script and Odia script in or-Latn', () => {
      const [latin] = find('script', 'ମୋତେ income ପ୍ରମାଣପତ୍ର');
      expect(latin).toMatchObject({ severity: 'warning', intent: 'rdm.income_certificate' });
      expect(latin!.message).toContain('(income)');
      const [odia] = find('script', 'mo pain ଆୟ praman patra');
      expect(odia).toMatchObject({ severity: 'warning' });
    });

    it('reports a service below the minimum as an error', () => {
      const [thin] = find('minimum', 'rdm.obc_certificate');
      expect(thin).toMatchObject({ severity: 'error' });
      expect(thin!.message).toContain('or has 2 of 15');
    });

    it('reports YAML errors with file and line', () => {
      const yaml = report.issues.filter((i) => i.check === 'yaml' && i.file === join('intents', 'nlu', 'zzz.yaml'));
      expect(yaml.length).toBeGreaterThan(0);
      expect(yaml[0]!.severity).toBe('error');
      expect(yaml[0]!.line).toBeGreaterThanOrEqual(3);
    });

    it('warns about Odia names without Odia script and overlong button titles', () => {
      const [name] = report.issues.filter((i) => i.check === 'odia-name');
      expect(name).toMatchObject({ severity: 'warning', file: join('intents', 'catalog', 'rdm.yaml') });
      expect(name!.message).toContain('rdm.income_certificate');
      const [button] = report.issues.filter((i) => i.check === 'length' && i.message.includes('btn-apply'));
      expect(button).toMatchObject({ severity: 'warning', file: join('locales', 'en', 'main.ftl') });
      expect(button!.line).toBeGreaterThan(0);
      expect(button!.message).toContain('WhatsApp shows 20');
    });

    it('prints a readable report with errors and warnings labelled', () => {
      const text = formatReport(report);
      expect(text).toMatch(/ERRORS \(\d+\) — must be fixed; lint fails/);
      expect(text).toMatch(/WARNINGS \(\d+\) — worth fixing; lint still passes/);
      expect(text).toMatch(/intents\/nlu\/rdm\.yaml:\d+: "need SC certificate/);
      expect(text).toMatch(/^FAIL: \d+ errors?, \d+ warnings?$/m);
    });

    it('the CLI exits 1 on errors, 0 on warnings only, and prints JSON with --json', () => {
      const bad = cli({ INTENTS_DIR: intentsDir, LOCALES_DIR: localesDir }, ['--json']);
      expect(bad.status, bad.stderr).toBe(1);
      const json = JSON.parse(bad.stdout) as LintReport;
      expect(json.errors).toBeGreaterThan(0);
      expect(json.issues.some((i) => i.check === 'duplicate')).toBe(true);
      // Warnings only: undo the errors, keep the warnings.
      rmSync(join(intentsDir, 'nlu', 'zzz.yaml'));
      const path = join(intentsDir, 'nlu', 'rdm.yaml');
      const doc = parseDocument(readFileSync(path, 'utf8'));
      const st = doc.getIn(['rdm.st_certificate', 'en'], true) as YAMLSeq;
      st.items = st.items.filter((n) => String((n as { value?: unknown }).value) !== "need SC certificate for my son's scholarship");
      doc.setIn(['rdm.obc_certificate', 'or'], parseDocument(readFileSync(join('intents', 'nlu', 'rdm.yaml'), 'utf8')).getIn(['rdm.obc_certificate', 'or'], true));
      writeFileSync(path, doc.toString({ lineWidth: 0 }));
      const ok = cli({ INTENTS_DIR: intentsDir, LOCALES_DIR: localesDir });
      expect(ok.status, ok.stdout).toBe(0);
      expect(ok.stdout).toMatch(/WARNINGS/);
      expect(ok.stdout).toMatch(/^OK: 0 errors, \d+ warnings$/m);
    }, 30_000);
  });
});
