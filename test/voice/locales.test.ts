import { readFileSync } from 'node:fs';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { VOICE_FAILURES } from '../../src/voice/index.js';

function load(lang: 'en' | 'or'): { bundle: FluentBundle; ids: string[] } {
  const resource = new FluentResource(readFileSync(`locales/${lang}/voice.ftl`, 'utf8'));
  const bundle = new FluentBundle(lang === 'or' ? 'or-IN' : 'en-IN', { useIsolating: false });
  expect(bundle.addResource(resource)).toEqual([]);
  return { bundle, ids: resource.body.flatMap((m) => ('id' in m ? [m.id] : [])) };
}

describe('voice reply texts', () => {
  const en = load('en');
  const or = load('or');

  it('has the same message ids in English and Odia, one per failure reason plus the echo', () => {
    const expected = ['voice-heard', ...VOICE_FAILURES.map((r) => `voice-failed-${r}`)].sort();
    expect([...en.ids].sort()).toEqual(expected);
    expect([...or.ids].sort()).toEqual(expected);
  });

  it('formats every message without errors; failures need no arguments, the echo shows the transcript', () => {
    for (const { bundle } of [en, or]) {
      for (const reason of VOICE_FAILURES) {
        const errors: Error[] = [];
        const text = bundle.formatPattern(bundle.getMessage(`voice-failed-${reason}`)!.value!, null, errors);
        expect(errors).toEqual([]);
        expect(text.length).toBeGreaterThan(20);
      }
    }
    expect(en.bundle.formatPattern(en.bundle.getMessage('voice-heard')!.value!, { text: 'birth certificate' })).toBe('🎤 I heard: “birth certificate”');
    expect(or.bundle.formatPattern(or.bundle.getMessage('voice-heard')!.value!, { text: 'ଜନ୍ମ ପ୍ରମାଣପତ୍ର' })).toBe('🎤 ମୁଁ ଶୁଣିଲି: “ଜନ୍ମ ପ୍ରମାଣପତ୍ର”');
  });

  it('writes the Odia texts in Odia script', () => {
    for (const id of or.ids) {
      const text = or.bundle.formatPattern(or.bundle.getMessage(id)!.value!, { text: 'x' });
      expect(/[\u0B00-\u0B7F]/.test(text), id).toBe(true);
    }
  });
});
