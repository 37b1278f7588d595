/** Train the intent model once per test run when the corpus changed (tests then load it in seconds). */
import { loadCatalog } from '../../src/catalog/load.js';
import { existsSync } from 'node:fs';
import { loadCorpus } from '../../src/nlu/corpus.js';
import { loadOrTrain, modelPath } from '../../src/nlu/model.js';

export default async function setup(): Promise<void> {
  const catalog = loadCatalog('intents');
  if (existsSync(modelPath('models', loadCorpus('intents').hash))) return;
  const model = await loadOrTrain({ intentsDir: 'intents', modelDir: 'models', catalog });
  if (model.trained) console.log(`trained the intent model for the tests in ${model.ms} ms`);
}
