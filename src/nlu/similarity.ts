/**
 * A nearest-neighbour text model over sparse TF-IDF vectors of words, word pairs, character n-grams and
 * consonant skeletons of the phonetic key. It complements NLP.js's bag of words: character n-grams match
 * compounds written without spaces (ରାସନକାର୍ଡ) and misspellings, skeletons match romanised Odia spelled
 * many ways (darkar / dorkar / darakar), and the phonetic key puts Odia script and Latin letters side by side.
 */
import { skeleton } from './normalize.js';

export interface FeatureWeights {
  word: number;
  pair: number;
  char: number;
  skeleton: number;
}

export const DEFAULT_WEIGHTS: FeatureWeights = { word: 1, pair: 0.6, char: 0.8, skeleton: 0.5 };

/** Features of a phonetic key, with their raw counts. */
export function features(key: string, weights: FeatureWeights = DEFAULT_WEIGHTS): Map<string, number> {
  const out = new Map<string, number>();
  const add = (f: string, w: number) => out.set(f, (out.get(f) ?? 0) + w);
  const words = key.split(' ').filter(Boolean);
  for (const w of words) add(`w:${w}`, weights.word);
  for (let i = 0; i + 1 < words.length; i++) add(`p:${words[i]}_${words[i + 1]}`, weights.pair);
  for (const w of words) if (w.length >= 3) add(`s:${skeleton(w)}`, weights.skeleton);
  const joined = `_${words.join('_')}_`;
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= joined.length; i++) {
      const gram = joined.slice(i, i + n);
      if (gram.replace(/_/g, '').length < 2) continue;
      add(`c:${gram}`, weights.char / n);
    }
  }
  return out;
}

export interface SimilarityModelJson {
  weights: FeatureWeights;
  idf: Record<string, number>;
  labels: string[];
  /** Per example: label index and its sparse vector as [featureIndex, value] pairs. */
  vectors: { label: number; f: number[]; v: number[] }[];
  featureNames: string[];
}

export interface Neighbour {
  intent: string;
  similarity: number;
}

export class SimilarityModel {
  static K = 3;
  private readonly featureIndex = new Map<string, number>();
  private readonly postings: { example: number; value: number }[][] = [];
  /** The weight of a feature no training example has: the rarest there can be. */
  private readonly unknownIdf: number;

  private constructor(private readonly json: SimilarityModelJson) {
    json.featureNames.forEach((f, i) => this.featureIndex.set(f, i));
    this.unknownIdf = Math.log(json.vectors.length + 1) + 1;
    for (let i = 0; i < json.featureNames.length; i++) this.postings.push([]);
    json.vectors.forEach((vec, example) => {
      vec.f.forEach((fi, k) => this.postings[fi]!.push({ example, value: vec.v[k]! }));
    });
  }

  static train(examples: { key: string; intent: string }[], weights: FeatureWeights = DEFAULT_WEIGHTS): SimilarityModel {
    const labels = [...new Set(examples.map((e) => e.intent))];
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const raw = examples.map((e) => features(e.key, weights));
    const df = new Map<string, number>();
    for (const fs of raw) for (const f of fs.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    const n = examples.length;
    const featureNames = [...df.keys()];
    const idf: Record<string, number> = {};
    for (const [f, d] of df) idf[f] = Math.log((n + 1) / (d + 1)) + 1;
    const index = new Map(featureNames.map((f, i) => [f, i]));
    const vectors = raw.map((fs, i) => {
      const vec = weigh(fs, idf);
      return {
        label: labelIndex.get(examples[i]!.intent)!,
        f: [...vec.keys()].map((k) => index.get(k)!),
        v: [...vec.values()].map((x) => Math.round(x * 1e4) / 1e4),
      };
    });
    return new SimilarityModel({ weights, idf, labels, vectors, featureNames });
  }

  static fromJSON(json: SimilarityModelJson): SimilarityModel {
    return new SimilarityModel(json);
  }

  toJSON(): SimilarityModelJson {
    return this.json;
  }

  /** Per intent, the best cosine similarity of any of its examples to the query, best first. */
  rank(key: string, limit = 10): Neighbour[] {
    const query = weigh(features(key, this.json.weights), this.json.idf, this.unknownIdf);
    const scores = new Float64Array(this.json.vectors.length);
    for (const [f, q] of query) {
      const fi = this.featureIndex.get(f);
      if (fi === undefined) continue;
      for (const p of this.postings[fi]!) scores[p.example]! += q * p.value;
    }
    // Per intent, the mean of its best three neighbours: one lucky example should not outvote many.
    const top = new Map<number, number[]>();
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      if (s <= 0) continue;
      const label = this.json.vectors[i]!.label;
      const list = top.get(label);
      if (!list) top.set(label, [s]);
      else {
        list.push(s);
        list.sort((a, b) => b - a);
        if (list.length > SimilarityModel.K) list.pop();
      }
    }
    const best = new Map<number, number>();
    for (const [label, list] of top) {
      const weights = [0.6, 0.25, 0.15];
      best.set(label, list.reduce((sum, s, i) => sum + s * weights[i]!, 0));
    }
    return [...best.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([label, similarity]) => ({ intent: this.json.labels[label]!, similarity: Math.min(1, similarity) }));
  }
}

/** TF-IDF weights, L2-normalised; features never seen in training are dropped (they cannot match). */
function weigh(fs: Map<string, number>, idf: Record<string, number>, unknownIdf = 0): Map<string, number> {
  const out = new Map<string, number>();
  let norm = 0;
  for (const [f, count] of fs) {
    const w = idf[f];
    const value = (1 + Math.log(1 + count)) * (w ?? unknownIdf);
    // An unknown feature cannot match, but it still makes the query less like any example.
    if (w !== undefined) out.set(f, value);
    norm += value * value;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [f, v] of out) out.set(f, v / norm);
  return out;
}
