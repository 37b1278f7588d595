/** The evaluation sets measure understanding only while none of their messages is trained on. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { loadCorpus } from '../../src/nlu/corpus.js';
import { loadHeldout } from '../../src/nlu/evaluate.js';
import { normalize } from '../../src/nlu/normalize.js';

const catalog = loadCatalog('intents');
const corpus = loadCorpus('intents');
const trained = new Set(corpus.examples.map((e) => normalize(e.text)));
const sets = readdirSync('test/eval').filter((f) => f.endsWith('.yaml'));

describe.each(sets)('evaluation set %s', (file) => {
  const items = loadHeldout(`test/eval/${file}`);

  it('names only real services, built-in intents or none', () => {
    const known = new Set([...corpus.examples.map((e) => e.intent), ...catalog.services.map((s) => s.id)]);
    expect(items.filter((i) => !known.has(i.intent)).map((i) => i.intent)).toEqual([]);
  });

  // Formulaic one- and two-word messages ("thank you", "namaskar") are bound to be written the same by anyone.
  it('shares no message of three words or more with the training corpus', () => {
    const shared = items.map((i) => normalize(i.text)).filter((text) => text.split(' ').length >= 3 && trained.has(text));
    expect(shared).toEqual([]);
  });
});
