import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/nlu/corpus.js';
import { detectLanguage, detectScript } from '../../src/nlu/language.js';
import { normalize, phoneticKey, skeleton, transliterate } from '../../src/nlu/normalize.js';
import { Canonicalizer } from '../../src/nlu/synonyms.js';

const lexicon = loadLexicon('intents');
const words = { odiaLatin: new Set(lexicon.languageOdiaLatin), english: new Set(lexicon.languageEnglish) };

describe('normalisation', () => {
  it('composes Unicode (NFC), drops zero-width characters and turns Odia digits into ASCII', () => {
    expect(normalize('ଆୟ\u200c ପ୍ରମାଣପତ୍ର')).toBe('ଆୟ ପ୍ରମାଣପତ୍ର');
    expect(normalize('ଜନ୍ମ ତାରିଖ ୧୫/୦୮/୧୯୯୦')).toBe('ଜନ୍ମ ତାରିଖ 15/08/1990');
    expect(normalize('ଡ\u0B3C')).toBe(normalize('ଡ଼'));
  });

  it('splits the danda and punctuation off words and lowercases Latin text', () => {
    expect(normalize('ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର।')).toBe('ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର');
    expect(normalize('Need INCOME Certificate!!! for scholarship??')).toBe('need income certificate for scholarship');
  });

  it('brings Odia script and its romanisations to the same phonetic key or consonant skeleton', () => {
    expect(phoneticKey('ଦରକାର')).toBe(phoneticKey('darakar'));
    expect(skeleton(phoneticKey('ଦରକାର'))).toBe(skeleton(phoneticKey('darkar')));
    expect(skeleton(phoneticKey('dorkar'))).toBe(skeleton(phoneticKey('darkar')));
    expect(phoneticKey('jaati')).toBe(phoneticKey('jati'));
    expect(transliterate('ଜମି')).toMatch(/^jami/);
  });

  it('rewrites synonyms in any script to one canonical word', () => {
    const canon = new Canonicalizer({ certificate: ['praman patra', 'ପ୍ରମାଣପତ୍ର', 'certifcate'], caste: ['jati', 'ଜାତି'] });
    expect(canon.key('jati praman patra')).toBe(canon.key('caste certificate'));
    expect(canon.key('ଜାତି ପ୍ରମାଣପତ୍ର')).toBe(canon.key('caste certificate'));
    expect(canon.key('caste certifcate darkar')).toBe(`${canon.key('caste certificate')} ${phoneticKey('darkar')}`);
  });

  it('splits Odia case endings off words the corpus knows, keeping the word too', () => {
    const vocabulary = Canonicalizer.vocabulary(['ଡ୍ରାଇଭିଂ ଲାଇସେନ୍ସ ନବୀକରଣ', 'ଜମି ପଟ୍ଟା', 'officer time']);
    const canon = new Canonicalizer({ licence: ['ଲାଇସେନ୍ସ'] }, { suffixes: ['ର', 'ରେ', 'କୁ', 'ରୁ'], vocabulary });
    expect(canon.key('ଡ୍ରାଇଭିଂ ଲାଇସେନ୍ସର ମିଆଦ').split(' ')).toContain(canon.key('licence'));
    expect(canon.key('ଜମିରେ').split(' ')).toEqual([phoneticKey('ଜମିରେ'), phoneticKey('ଜମି')]);
    // Not a known stem: left alone. Latin words are never cut ("officer" is not "office" + "r").
    expect(canon.key('ଘରେ')).toBe(phoneticKey('ଘରେ'));
    expect(canon.key('ଜମିରେ officer')).not.toContain('opis ');
    expect(canon.key('officer')).toBe(phoneticKey('officer'));
  });
});

describe('script and language detection', () => {
  it('tells scripts apart', () => {
    expect(detectScript('ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର')).toBe('odia');
    expect(detectScript('income certificate')).toBe('latin');
    expect(detectScript('मुझे आय प्रमाण पत्र चाहिए')).toBe('devanagari');
    expect(detectScript('12345')).toBe('none');
  });

  it('tells English from romanised Odia and code-mixed text', () => {
    expect(detectLanguage('need income certificate for scholarship', words)).toBe('en');
    expect(detectLanguage('mo jhia pain jati praman patra darkar', words)).toBe('or-Latn');
    expect(detectLanguage('mora bapa nka pension kemiti miliba', words)).toBe('or-Latn');
    expect(detectLanguage('ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର', words)).toBe('or');
    expect(detectLanguage('income certificate ପାଇଁ apply କରିବି', words)).toBe('mixed');
    expect(detectLanguage('मुझे आय प्रमाण पत्र चाहिए', words)).toBe('other');
  });
});
