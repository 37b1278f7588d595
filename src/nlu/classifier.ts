/**
 * The intent classifier: an ensemble of NLP.js (bag of words) and a nearest-neighbour model over character
 * n-grams, both reading the phonetic key, so one model serves Odia script, English, romanised Odia and mixes.
 * It ranks every intent; turning ranks into decisions is `decide`'s job.
 */
import type { ScoredIntent } from '../core.js';
import type { Example } from './corpus.js';
import { NlpJsModel } from './nlpjs.js';
import { phoneticKey } from './normalize.js';
import { SimilarityModel, type SimilarityModelJson } from './similarity.js';

export interface ClassifierJson {
  version: 2;
  similarity: SimilarityModelJson;
  nlpjs: string;
  /** Share of the similarity model in the blend (the rest is NLP.js). */
  blend: number;
}

export const DEFAULT_BLEND = 0.65;

export class IntentClassifier {
  private constructor(
    private readonly similarity: SimilarityModel,
    private readonly nlpjs: NlpJsModel,
    private readonly blend: number,
  ) {}

  static async train(examples: Example[], blend = DEFAULT_BLEND): Promise<IntentClassifier> {
    const keyed = examples.map((e) => ({ key: phoneticKey(e.text), intent: e.intent })).filter((e) => e.key.length > 0);
    const similarity = SimilarityModel.train(keyed);
    const nlpjs = await NlpJsModel.train(keyed);
    return new IntentClassifier(similarity, nlpjs, blend);
  }

  static fromJSON(json: ClassifierJson): IntentClassifier {
    return new IntentClassifier(SimilarityModel.fromJSON(json.similarity), NlpJsModel.fromJSON(json.nlpjs), json.blend);
  }

  toJSON(): ClassifierJson {
    return { version: 2, similarity: this.similarity.toJSON(), nlpjs: this.nlpjs.toJSON(), blend: this.blend };
  }

  /** Intents ranked for a text, best first, with blended scores in 0..1. */
  async rank(text: string, limit = 5): Promise<(ScoredIntent & { similarity: number })[]> {
    const key = phoneticKey(text);
    if (!key) return [];
    const neighbours = this.similarity.rank(key, 20);
    const nlp = await this.nlpjs.rank(key);
    const nlpScore = new Map(nlp.map((c) => [c.intent, c.score]));
    const candidates = new Set([...neighbours.map((n) => n.intent), ...nlp.slice(0, 10).map((c) => c.intent)]);
    candidates.delete('None');
    const simScore = new Map(neighbours.map((n) => [n.intent, n.similarity]));
    return [...candidates]
      .map((intent) => {
        const similarity = simScore.get(intent) ?? 0;
        const confidence = this.blend * similarity + (1 - this.blend) * (nlpScore.get(intent) ?? 0);
        return { id: intent, confidence, similarity };
      })
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, limit);
  }
}
