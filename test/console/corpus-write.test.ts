/**
 * Masking personal data and writing examples into corpus files with a one-line diff.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addExample, insertAsText, insertedLines, variantOf } from '../../src/console/corpus-write.js';
import { maskPersonalData, toExample } from '../../src/console/mask.js';
import { loadCorpus } from '../../src/nlu/corpus.js';

describe('masking personal data', () => {
  it.each([
    ['my aadhaar 1234 5678 9012 is not linked', 'my aadhaar XXXX is not linked'],
    ['call 9876543210 or +91-98765 43210', 'call XXXX or XXXX'],
    ['application no ୧୨୩୪୫୬୭ status', 'application no XXXX status'],
    ['born 12/05/1990 need birth certificate', 'born XXXX need birth certificate'],
    ['mail me at ram.s@example.com', 'mail me at XXXX'],
    ['pm kisan 2000 not came, 6000 per year', 'pm kisan 2000 not came, 6000 per year'],
    ['my name is Ramesh Kumar Sahoo i need income certificate', 'my name is XXXX i need income certificate'],
    ['My name is: Sita. Need ration card', 'My name is: XXXX. Need ration card'],
    ['mo naa Rabi Sahu, pension darkar', 'mo naa XXXX, pension darkar'],
    ['ମୋ ନାମ ରମେଶ ସାହୁ ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର', 'ମୋ ନାମ XXXX ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର'],
    ['my name is wrong in ration card', 'my name is wrong in ration card'],
    ['mo naa re jami achi', 'mo naa re jami achi'],
    ['ମୋ ନାମରେ ଜମି ଅଛି', 'ମୋ ନାମରେ ଜମି ଅଛି'],
  ])('%s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it('makes one line of a message', () => {
    expect(toExample('need\nincome\tcertificate  ')).toBe('need income certificate');
  });
});

describe('insertedLines', () => {
  it('finds pure insertions and rejects anything else', () => {
    expect(insertedLines('a\nb\nc\n', 'a\nb\nx\nc\n')).toEqual([2]);
    expect(insertedLines('a\nb\n', 'a\nB\n')).toBeUndefined();
    expect(insertedLines('a\nb\n', 'a\n')).toBeUndefined();
  });
});

describe('writing examples', () => {
  let dir: string;
  let intentsDir: string;
  const file = (name: string) => join(intentsDir, 'nlu', name);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-write-'));
    intentsDir = join(dir, 'intents');
    mkdirSync(join(intentsDir, 'nlu'), { recursive: true });
    cpSync(join('intents', 'nlu', '_lexicon.yaml'), file('_lexicon.yaml'));
    writeFileSync(
      file('rdm.yaml'),
      [
        '# Training corpus: a small one',
        '',
        'rdm.income_certificate:',
        '  aliases:',
        '    - "income certificate"',
        '  en:',
        '    - "need income certificate"   # a comment stays',
        '    - "income cert for scholarship"',
        '  or-Latn:',
        '    - "aay praman patra darkar"',
        'rdm.sc_certificate:',
        '  en:',
        '    - "need sc certificate"',
        '',
      ].join('\n'),
    );
    writeFileSync(file('_builtin.yaml'), '# built-ins\ngreet:\n  en:\n    - "hello"\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends to an existing list: one new line, same quoting, comments kept', async () => {
    const before = readFileSync(file('rdm.yaml'), 'utf8');
    const result = await addExample(intentsDir, 'rdm.income_certificate', 'my name is Ramesh, income certificate for college 9876543210', 'en');
    expect(result).toMatchObject({ status: 'added', variant: 'en', line: 9, text: 'my name is XXXX, income certificate for college XXXX' });
    const after = readFileSync(file('rdm.yaml'), 'utf8');
    expect(insertedLines(before, after)).toEqual([8]);
    expect(after.split('\n')[8]).toBe('    - "my name is XXXX, income certificate for college XXXX"');
    expect(after).toContain('"need income certificate"   # a comment stays');
  });

  it('adds a missing variant list in the usual order (two lines)', async () => {
    const before = readFileSync(file('rdm.yaml'), 'utf8');
    const result = await addExample(intentsDir, 'rdm.income_certificate', 'ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର');
    expect(result).toMatchObject({ status: 'added', variant: 'or' });
    const after = readFileSync(file('rdm.yaml'), 'utf8');
    const added = insertedLines(before, after)!;
    expect(added.map((i) => after.split('\n')[i])).toEqual(['  or:', '    - "ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର"']);
    expect(after.indexOf('  or:')).toBeLessThan(after.indexOf('  or-Latn:'));
    expect(after.indexOf('  or:')).toBeGreaterThan(after.indexOf('income cert for scholarship'));
    // Still a valid corpus with the example where it belongs.
    const corpus = loadCorpus(intentsDir);
    expect(corpus.examples).toContainEqual(expect.objectContaining({ intent: 'rdm.income_certificate', variant: 'or', text: 'ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର' }));
  });

  it('adds a new entry for an intent not in the corpus yet (none → _builtin.yaml)', async () => {
    const before = readFileSync(file('_builtin.yaml'), 'utf8');
    const result = await addExample(intentsDir, 'none', 'who won the cricket match yesterday');
    expect(result).toMatchObject({ status: 'added', variant: 'en', file: file('_builtin.yaml') });
    const after = readFileSync(file('_builtin.yaml'), 'utf8');
    expect(insertedLines(before, after)!.map((i) => after.split('\n')[i])).toEqual(['none:', '  en:', '    - "who won the cricket match yesterday"']);
  });

  it('refuses examples that are already in the corpus, here or under another intent', async () => {
    const before = readFileSync(file('rdm.yaml'), 'utf8');
    expect(await addExample(intentsDir, 'rdm.income_certificate', 'Income Certificate!')).toMatchObject({ status: 'exists' });
    expect(await addExample(intentsDir, 'rdm.income_certificate', 'need SC certificate')).toMatchObject({ status: 'conflict', existing: { intent: 'rdm.sc_certificate', line: 13 } });
    expect(readFileSync(file('rdm.yaml'), 'utf8')).toBe(before);
  });

  it('inserts as text after a last item with a trailing comment, in the file\'s quoting', () => {
    const source = "a.b:\n  en:\n    - 'one'\n    - 'two'  # last\n  mixed:\n    - 'x'\n";
    expect(insertAsText(source, 'a.b', 'en', "it's three", 'QUOTE_SINGLE')).toBe("a.b:\n  en:\n    - 'one'\n    - 'two'  # last\n    - 'it''s three'\n  mixed:\n    - 'x'\n");
    expect(insertAsText(source, 'a.b', 'or', 'ଚାରି', 'QUOTE_DOUBLE')).toBe("a.b:\n  en:\n    - 'one'\n    - 'two'  # last\n  or:\n    - \"ଚାରି\"\n  mixed:\n    - 'x'\n");
  });

  it('keeps two concurrent writes', async () => {
    await Promise.all([
      addExample(intentsDir, 'rdm.sc_certificate', 'sc certificate for job', 'en'),
      addExample(intentsDir, 'rdm.sc_certificate', 'sc certificate for college', 'en'),
    ]);
    const after = readFileSync(file('rdm.yaml'), 'utf8');
    expect(after).toContain('"sc certificate for job"');
    expect(after).toContain('"sc certificate for college"');
  });

  it('detects the variant of what is left after masking', () => {
    expect(variantOf('intents', 'ମୋ ନାମ ରମେଶ, ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର')).toBe('or');
    expect(variantOf('intents', 'mo pain aay praman patra darkar')).toBe('or-Latn');
    expect(variantOf('intents', 'I need an income certificate')).toBe('en');
  });
});
