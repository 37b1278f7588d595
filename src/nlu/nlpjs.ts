/**
 * NLP.js (node-nlp) as one member of the classifier ensemble: its neural bag-of-words model, trained on
 * phonetic keys. We call the trained domain model directly: the manager's `process` adds entity extraction
 * and sentiment we do not use and is 200 times slower.
 */
import { createRequire } from 'node:module';
import type { NlpManager as NlpManagerType, NluDomain } from 'node-nlp';

const { NlpManager } = createRequire(import.meta.url)('node-nlp') as { NlpManager: typeof NlpManagerType };

function settings() {
  return {
    languages: ['en'],
    forceNER: false,
    autoSave: false,
    autoLoad: false,
    // Threshold 0: we want every score and decide ourselves (NLP.js turns low scores into "None").
    nlu: { log: false, useNoneFeature: true, threshold: 0 },
    ner: { builtins: [] },
  };
}

export class NlpJsModel {
  private constructor(
    private readonly manager: NlpManagerType,
    private readonly domain: NluDomain,
  ) {}

  static async train(examples: { key: string; intent: string }[]): Promise<NlpJsModel> {
    const manager = new NlpManager(settings());
    for (const e of examples) manager.addDocument('en', e.key, e.intent);
    await manager.train();
    return NlpJsModel.wrap(manager);
  }

  static fromJSON(json: string): NlpJsModel {
    const manager = new NlpManager(settings());
    manager.import(json);
    return NlpJsModel.wrap(manager);
  }

  private static wrap(manager: NlpManagerType): NlpJsModel {
    const domain = manager.nlp.nluManager.domainManagers.en?.domains.master_domain;
    if (!domain) throw new Error('NLP.js model has no trained English domain');
    return new NlpJsModel(manager, domain);
  }

  toJSON(): string {
    return this.manager.export(true);
  }

  async rank(key: string): Promise<{ intent: string; score: number }[]> {
    const { classifications } = await this.domain.process(key);
    return classifications.map((c) => ({ intent: c.intent, score: c.score }));
  }
}
