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
  labels: string[];
  /** The training examples (phonetic key and label index); vectors are rebuilt at load, which keeps the file small. */
  examples: { key: string; label: number }[];
}

export interface Neighbour {
  intent: string;
  similarity: number;
}

/** How much each of an intent's best three neighbours counts: one lucky example should not outvote many. */
const NEIGHBOUR_WEIGHTS = [0.6, 0.25, 0.15] as const;
/**
 * Query features found in more than this share of examples are skipped when scoring: they barely tell intents
 * apart (their IDF is near the minimum) and their long posting lists would dominate the time per query.
 */
const MAX_POSTING_SHARE = 0.08;

export class SimilarityModel {
  private readonly featureIndex = new Map<string, number>();
  private readonly idf: Float64Array;
  /** Postings in CSR form: examples of feature f are exampleIds[offsets[f] .. offsets[f+1]). */
  private readonly offsets: Int32Array;
  private readonly exampleIds: Int32Array;
  private readonly values: Float32Array;
  private readonly exampleLabels: Int32Array;
  private readonly unknownIdf: number;
  private readonly maxPostings: number;

  private constructor(private readonly json: SimilarityModelJson) {
    const n = json.examples.length;
    // Two passes that each recompute the features, rather than keeping 20k feature maps alive at once:
    // a little more CPU at load, much less memory.
    const df: number[] = [];
    for (const e of json.examples) {
      for (const f of features(e.key, json.weights).keys()) {
        let fi = this.featureIndex.get(f);
        if (fi === undefined) {
          fi = df.length;
          this.featureIndex.set(f, fi);
          df.push(0);
        }
        df[fi]! += 1;
      }
    }
    this.idf = Float64Array.from(df, (d) => Math.log((n + 1) / (d + 1)) + 1);
    this.unknownIdf = Math.log(n + 1) + 1;
    this.maxPostings = Math.max(50, Math.floor(n * MAX_POSTING_SHARE));
    this.offsets = new Int32Array(df.length + 1);
    for (let f = 0; f < df.length; f++) this.offsets[f + 1] = this.offsets[f]! + df[f]!;
    this.exampleIds = new Int32Array(this.offsets[df.length]!);
    this.values = new Float32Array(this.offsets[df.length]!);
    const fill = Int32Array.from(this.offsets.subarray(0, df.length));
    json.examples.forEach((e, example) => {
      for (const [fi, value] of this.weigh(features(e.key, json.weights))) {
        const at = fill[fi]!++;
        this.exampleIds[at] = example;
        this.values[at] = value;
      }
    });
    this.exampleLabels = Int32Array.from(json.examples, (e) => e.label);
  }

  static train(examples: { key: string; intent: string }[], weights: FeatureWeights = DEFAULT_WEIGHTS): SimilarityModel {
    const labels = [...new Set(examples.map((e) => e.intent))];
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    return new SimilarityModel({ weights, labels, examples: examples.map((e) => ({ key: e.key, label: labelIndex.get(e.intent)! })) });
  }

  static fromJSON(json: SimilarityModelJson): SimilarityModel {
    return new SimilarityModel(json);
  }

  toJSON(): SimilarityModelJson {
    return this.json;
  }

  /** TF-IDF weights by feature index, L2-normalised; unknown features only lower the norm (they cannot match). */
  private weigh(fs: Map<string, number>): [number, number][] {
    const out: [number, number][] = [];
    let norm = 0;
    for (const [f, count] of fs) {
      const fi = this.featureIndex.get(f);
      const value = (1 + Math.log(1 + count)) * (fi === undefined ? this.unknownIdf : this.idf[fi]!);
      if (fi !== undefined) out.push([fi, value]);
      norm += value * value;
    }
    norm = Math.sqrt(norm) || 1;
    for (const pair of out) pair[1] /= norm;
    return out;
  }

  /** Per intent, a weighted mean of its three most similar examples' cosine similarity, best first. */
  rank(key: string, limit = 10): Neighbour[] {
    const scores = new Float32Array(this.exampleLabels.length);
    for (const [fi, q] of this.weigh(features(key, this.json.weights))) {
      const from = this.offsets[fi]!;
      const to = this.offsets[fi + 1]!;
      if (to - from > this.maxPostings) continue;
      for (let i = from; i < to; i++) scores[this.exampleIds[i]!]! += q * this.values[i]!;
    }
    // Best three scores per label, in one flat typed array: [label*3 .. label*3+2], highest first.
    const labels = this.json.labels.length;
    const top = new Float32Array(labels * 3);
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      if (s <= 0) continue;
      const at = this.exampleLabels[i]! * 3;
      if (s > top[at]!) {
        top[at + 2] = top[at + 1]!;
        top[at + 1] = top[at]!;
        top[at] = s;
      } else if (s > top[at + 1]!) {
        top[at + 2] = top[at + 1]!;
        top[at + 1] = s;
      } else if (s > top[at + 2]!) top[at + 2] = s;
    }
    const ranked: { label: number; score: number }[] = [];
    for (let label = 0; label < labels; label++) {
      const at = label * 3;
      if (top[at]! > 0) ranked.push({ label, score: top[at]! * NEIGHBOUR_WEIGHTS[0] + top[at + 1]! * NEIGHBOUR_WEIGHTS[1] + top[at + 2]! * NEIGHBOUR_WEIGHTS[2] });
    }
    return ranked
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ label, score }) => ({ intent: this.json.labels[label]!, similarity: Math.min(1, score) }));
  }
}
