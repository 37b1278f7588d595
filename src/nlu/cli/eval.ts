/**
 * `npm run eval`: the model is trained on intents/ only; test/eval/heldout.yaml is never trained on.
 * Writes reports/eval.json and reports/eval.md and prints the summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadCatalog } from '../../catalog/load.js';
import { loadConfig } from '../../config.js';
import { evaluate, loadHeldout, reportMarkdown } from '../evaluate.js';
import { loadOrTrain } from '../model.js';

const heldoutPath = process.argv[2] ?? 'test/eval/heldout.yaml';
const config = loadConfig();
const catalog = loadCatalog(config.intentsDir);
const model = await loadOrTrain({ intentsDir: config.intentsDir, modelDir: config.modelDir, catalog });
const items = loadHeldout(heldoutPath);
const report = await evaluate(model.nlu, items, (id) => catalog.service(id) !== undefined);
mkdirSync('reports', { recursive: true });
writeFileSync('reports/eval.json', JSON.stringify(report, null, 2));
const md = reportMarkdown(report);
writeFileSync('reports/eval.md', md);
console.log(md.split('\n## Most confused')[0]);
console.log('Full report: reports/eval.md, reports/eval.json');
