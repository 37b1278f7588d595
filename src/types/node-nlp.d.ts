/** The small part of node-nlp (NLP.js 4) that this project uses; the package ships no types. */
declare module 'node-nlp' {
  export interface Classification {
    intent: string;
    score: number;
  }
  export interface NluDomain {
    process(utterance: string): Promise<{ classifications: Classification[] }>;
  }
  export interface NlpManagerSettings {
    languages: string[];
    forceNER?: boolean;
    autoSave?: boolean;
    autoLoad?: boolean;
    modelFileName?: string;
    nlu?: { log?: boolean; useNoneFeature?: boolean; threshold?: number; trainByDomain?: boolean };
    ner?: { builtins?: string[]; threshold?: number };
  }
  export class NlpManager {
    constructor(settings: NlpManagerSettings);
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    export(minified?: boolean): string;
    import(data: string): void;
    nlp: { nluManager: { domainManagers: Record<string, { domains: Record<string, NluDomain> }> } };
  }
}
