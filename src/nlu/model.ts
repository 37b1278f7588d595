/**
 * Model lifecycle: the classifier is trained from intents/ and saved under MODEL_DIR keyed by the corpus
 * hash. Start-up, `classify` and `eval` load it through here; training happens only when the file for the
 * current corpus is missing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/types.js';
import { BUILTIN_INTENTS } from '../core.js';
import { IntentClassifier, type ClassifierJson } from './classifier.js';
import { loadCorpus, type Corpus } from './corpus.js';
import { compileGroups, compileMarkers } from './groups.js';
import { Canonicalizer } from './synonyms.js';
import { NluService } from './index.js';

export interface LoadedModel {
  nlu: NluService;
  corpus: Corpus;
  path: string;
  trained: boolean;
  ms: number;
}

/** Every intent the corpus may name: the catalog's services, the built-ins and 'none'. */
export function knownIntents(catalog: Catalog): Set<string> {
  return new Set<string>([...catalog.services.map((s) => s.id), ...BUILTIN_INTENTS, 'none']);
}

/** Bumped whenever the saved model's shape or training changes, so old files are retrained, not misread. */
const MODEL_FORMAT = 6;

export function modelPath(modelDir: string, corpusHash: string): string {
  return join(modelDir, `intents-v${MODEL_FORMAT}-${corpusHash}.json`);
}

/** The classifier's view of words for this corpus: synonyms, and case endings split off known words. */
export function canonicalizerFor(corpus: Pick<Corpus, 'examples' | 'synonyms' | 'lexicon'>): Canonicalizer {
  return new Canonicalizer(corpus.synonyms, {
    suffixes: corpus.lexicon.caseSuffixes,
    vocabulary: Canonicalizer.vocabulary(corpus.examples.map((e) => e.text)),
  });
}

export async function trainClassifier(corpus: Pick<Corpus, 'examples' | 'synonyms' | 'lexicon'>): Promise<IntentClassifier> {
  return IntentClassifier.train(corpus.examples, canonicalizerFor(corpus));
}

/** Load the model for the current corpus, training (and saving) it first when it is missing or stale. */
export async function loadOrTrain(opts: {
  intentsDir: string;
  modelDir: string;
  catalog: Catalog;
  log?: Logger;
  forceTrain?: boolean;
}): Promise<LoadedModel> {
  const started = performance.now();
  const corpus = loadCorpus(opts.intentsDir, knownIntents(opts.catalog));
  const path = modelPath(opts.modelDir, corpus.hash);
  let classifier: IntentClassifier;
  let trained = false;
  if (!opts.forceTrain && existsSync(path)) {
    classifier = IntentClassifier.fromJSON(JSON.parse(readFileSync(path, 'utf8')) as ClassifierJson, canonicalizerFor(corpus));
  } else {
    opts.log?.info({ examples: corpus.examples.length, intents: corpus.intents.length }, 'training the intent model (corpus changed or no model yet)…');
    classifier = await trainClassifier(corpus);
    saveModel(opts.modelDir, path, classifier);
    trained = true;
  }
  const ms = Math.round(performance.now() - started);
  opts.log?.info({ model: path, trained, ms }, trained ? 'intent model trained and saved' : 'intent model loaded');
  return { nlu: new NluService(classifier, corpus.lexicon, opts.catalog, compileGroups(corpus.groups, classifier.canon), compileMarkers(corpus.markers, classifier.canon)), corpus, path, trained, ms };
}

/** Write atomically, then remove models of older corpora. */
function saveModel(modelDir: string, path: string, classifier: IntentClassifier): void {
  mkdirSync(modelDir, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(classifier.toJSON()));
  renameSync(tmp, path);
  for (const file of readdirSync(modelDir)) {
    const full = join(modelDir, file);
    if (full !== path && /^intents-(v\d+-)?[0-9a-f]+\.json$/.test(file) && statSync(full).isFile()) rmSync(full);
  }
}
