/** `npm run train`: train the intent model from intents/ and save it under MODEL_DIR. */
import { statSync } from 'node:fs';
import { loadCatalog } from '../../catalog/load.js';
import { loadConfig } from '../../config.js';
import { loadOrTrain } from '../model.js';

const config = loadConfig();
const catalog = loadCatalog(config.intentsDir);
const started = performance.now();
const model = await loadOrTrain({ intentsDir: config.intentsDir, modelDir: config.modelDir, catalog, forceTrain: process.argv.includes('--force') });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const mb = (statSync(model.path).size / 1e6).toFixed(1);
console.log(
  `${model.trained ? 'Trained' : 'Up to date:'} ${model.corpus.intents.length} intents, ${model.corpus.examples.length} examples → ${model.path} (${mb} MB) in ${seconds} s`,
);
