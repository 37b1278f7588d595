import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Entity } from '../../src/core.js';
import { loadLexicon } from '../../src/nlu/corpus.js';
import { EntityExtractor, verhoeffValid, withVerhoeffDigit } from '../../src/nlu/entities.js';
import { normalize } from '../../src/nlu/normalize.js';

const catalog = loadCatalog('intents');
const extractor = new EntityExtractor(loadLexicon('intents'), catalog.districts, catalog.blocks);
const today = new Date('2026-11-26T10:00:00Z');
const find = (text: string, type: Entity['type']) => extractor.extract(normalize(text), today).find((e) => e.type === type);

describe('entities', () => {
  it('finds districts in every spelling and script, fuzzily', () => {
    expect(find('we live in cuttack', 'district')?.value).toBe(find('ame katak re rahuchu', 'district')?.value);
    expect(find('ମୁଁ କଟକରେ ରହେ', 'district')?.value).toBe(find('Cuttack', 'district')?.value);
    expect(find('balasore', 'district')?.value).toBe(find('baleswar', 'district')?.value);
    expect(find('mayurbhanj', 'district')?.value).toBe(find('mayurbhanja', 'district')?.value);
    expect(find('i need a certificate', 'district')).toBeUndefined();
  });

  it('reads dates written with digits, month names (English and Odia) and relative words', () => {
    expect(find('born on 15/08/2020', 'date')?.value).toBe('2020-08-15');
    expect(find('15 Aug 2020', 'date')?.value).toBe('2020-08-15');
    expect(find('୧୫ ଅଗଷ୍ଟ ୨୦୨୦', 'date')?.value).toBe('2020-08-15');
    expect(find('yesterday', 'date')?.value).toBe('2026-11-25');
    expect(find('31/02/2020', 'date')?.invalid).toBeDefined();
  });

  it('accepts Aadhaar numbers only with a valid Verhoeff check digit', () => {
    const valid = withVerhoeffDigit('49911866524');
    expect(verhoeffValid(valid)).toBe(true);
    expect(find(`my aadhaar ${valid.slice(0, 4)} ${valid.slice(4, 8)} ${valid.slice(8)}`, 'aadhaar')).toMatchObject({ value: valid, invalid: undefined });
    const wrong = `${valid.slice(0, 11)}${(Number(valid[11]) + 1) % 10}`;
    expect(find(wrong, 'aadhaar')?.invalid).toBe('checksum');
  });

  it('reads Indian mobile numbers with or without +91', () => {
    expect(find('call me on +91 98765 43210', 'mobile')?.value).toBe('9876543210');
    expect(find('9437012345', 'mobile')?.value).toBe('9437012345');
    expect(find('1234567890', 'mobile')).toBeUndefined();
  });

  it('accepts Odisha PIN codes and flags others', () => {
    expect(find('pin 751001', 'pin')).toMatchObject({ value: '751001', invalid: undefined });
    expect(find('pin 560001', 'pin')?.invalid).toBe('not_odisha');
  });

  it('reads numbers written in words, in English and Odia', () => {
    expect(extractor.number('two lakh fifty thousand')?.value).toBe(250000);
    expect(extractor.number('ତିନି')?.value).toBe(3);
  });

  it('reads yes and no, names and reference numbers', () => {
    expect(extractor.yesNo('haan')).toBe('yes');
    expect(extractor.yesNo('ନା')).toBe('no');
    expect(extractor.name('my name is sushree das')).toBe('Sushree Das');
    expect(extractor.name('ମୋ ନାମ ସୁଶ୍ରୀ ଦାସ')).toBe('ସୁଶ୍ରୀ ଦାସ');
    expect(extractor.name('12345')).toBeUndefined();
    expect(find('status od-rdm-2026-4k7q2m please', 'reference')?.value).toBe('OD-RDM-2026-4K7Q2M');
  });
});
