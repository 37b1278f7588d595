/**
 * NLU benchmark: training time, model size, load time, classify latency (p50/p99) and throughput, memory.
 * Prints a table. Run with a trained model (`npm run train`) so load time is a load, not a training. Training
 * is measured last, in memory (the saved model is not touched); `--no-train` skips it.
 */
import { statSync } from 'node:fs';
import { loadCatalog } from '../src/catalog/load.js';
import { loadConfig } from '../src/config.js';
import { loadHeldout } from '../src/nlu/evaluate.js';
import { knownIntents, loadOrTrain, trainClassifier } from '../src/nlu/model.js';
import { loadCorpus } from '../src/nlu/corpus.js';

const config = loadConfig();
const catalog = loadCatalog(config.intentsDir);
const rows: [string, string][] = [];

const rssBefore = process.memoryUsage().rss;
const t1 = performance.now();
const model = await loadOrTrain({ intentsDir: config.intentsDir, modelDir: config.modelDir, catalog });
rows.push(['model load', `${((performance.now() - t1) / 1000).toFixed(2)} s${model.trained ? ' (had to train)' : ''}`]);
rows.push(['model size on disk', `${(statSync(model.path).size / 1e6).toFixed(1)} MB`]);
const rssPeak = process.memoryUsage().rss;
// Loading parses a 20+ MB JSON file; a running server collects that garbage soon after start. Collect it
// now (npm run bench passes --expose-gc) so it neither counts as memory held nor pauses the latency runs.
const collect = (globalThis as { gc?: () => void }).gc;
collect?.();

const texts = loadHeldout('test/eval/heldout.yaml').map((i) => i.text);
for (const t of texts.slice(0, 200)) await model.nlu.classify(t); // warm-up (JIT)
const latencies: number[] = [];
const t2 = performance.now();
for (let round = 0; round < 3; round++) {
  for (const t of texts) {
    const s = performance.now();
    await model.nlu.classify(t);
    latencies.push(performance.now() - s);
  }
}
const total = performance.now() - t2;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(2);
rows.push(['classify latency p50 / p99', `${pct(0.5)} ms / ${pct(0.99)} ms (${latencies.length} messages)`]);
rows.push(['classify throughput', `${Math.round(latencies.length / (total / 1000))} messages/s (one core)`]);
const full: number[] = [];
for (const t of texts) {
  const s = performance.now();
  await model.nlu.understand(t);
  full.push(performance.now() - s);
}
full.sort((a, b) => a - b);
rows.push(['understand (with entities) p50 / p99', `${full[Math.floor(full.length / 2)]!.toFixed(2)} ms / ${full[Math.floor(full.length * 0.99)]!.toFixed(2)} ms`]);
collect?.();
rows.push([
  'RSS with model loaded',
  `${(process.memoryUsage().rss / 1e6).toFixed(0)} MB${collect ? ' after a GC' : ' (no --expose-gc: includes loading garbage)'}; ${(rssPeak / 1e6).toFixed(0)} MB peak while loading, ${(rssBefore / 1e6).toFixed(0)} MB before`,
]);

// Training last, so its garbage does not count in the memory figure above.
if (!process.argv.includes('--no-train')) {
  const corpus = loadCorpus(config.intentsDir, knownIntents(catalog));
  const t0 = performance.now();
  await trainClassifier(corpus);
  rows.push(['training (from scratch)', `${((performance.now() - t0) / 1000).toFixed(1)} s, ${corpus.examples.length} examples, ${corpus.intents.length} intents`]);
}



const width = Math.max(...rows.map(([k]) => k.length));
console.log(`\nNLU benchmark (${new Date().toISOString()})\n`);
console.log(`| ${'measure'.padEnd(width)} | value |`);
console.log(`|${'-'.repeat(width + 2)}|-------|`);
for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v} |`);
