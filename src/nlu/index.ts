/**
 * The understanding service: text → normalised text, language variant, ranked intents, a decision and
 * entities. A pure function of text once the model is loaded; the server, `classify` and `eval` all use it.
 */
import type { Catalog } from '../catalog/types.js';
import type { BuiltinIntent, Expectation, Nlu, Understanding } from '../core.js';
import type { IntentClassifier } from './classifier.js';
import type { Lexicon } from './corpus.js';
import { decide, DEFAULT_THRESHOLDS, isBuiltin, type DecisionThresholds } from './decide.js';
import { EntityExtractor } from './entities.js';
import { applyGroups, applyMarkers, type ServiceGroup, type ServiceMarkers } from './groups.js';
import { detectLanguage, type LanguageLexicon } from './language.js';
import { normalize } from './normalize.js';

export class NluService implements Nlu {
  readonly entities: EntityExtractor;
  private readonly languageWords: LanguageLexicon;
  /** Normalised whole-message commands → built-in intent. */
  private readonly commands = new Map<string, BuiltinIntent>();

  constructor(
    readonly classifier: IntentClassifier,
    lexicon: Lexicon,
    catalog: Catalog,
    private readonly groups: ServiceGroup[] = [],
    private readonly markers: ServiceMarkers = new Map(),
    private readonly thresholds: DecisionThresholds = DEFAULT_THRESHOLDS,
  ) {
    this.entities = new EntityExtractor(lexicon, catalog.districts, catalog.blocks);
    this.languageWords = { odiaLatin: new Set(lexicon.languageOdiaLatin), english: new Set(lexicon.languageEnglish) };
    for (const [intent, phrases] of Object.entries(lexicon.commands)) {
      if (isBuiltin(intent)) for (const p of phrases) this.commands.set(normalize(p), intent);
    }
  }

  async understand(text: string, _expecting?: Expectation): Promise<Understanding> {
    const understood = await this.classify(text);
    return { ...understood, entities: this.entities.extract(understood.normalized) };
  }

  /** Understanding without entities: what `classify` and `eval` need, a little faster. */
  async classify(text: string): Promise<Omit<Understanding, 'entities'>> {
    const normalized = normalize(text);
    const language = detectLanguage(normalized, this.languageWords);
    const key = this.classifier.canon.key(normalized);
    // Ranked deeper than shown, so a service lowered by its missing markers can give way to the next.
    const intents = applyMarkers(await this.classifier.rankKey(key, 10), key, this.markers)
      .slice(0, 5)
      .map(({ id, confidence }) => ({ id, confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 1000) / 1000 }));
    const command = this.commands.get(normalized);
    if (command) return { text, normalized, language, intents, decision: { kind: 'builtin', intent: command, confidence: 1 } };
    const decision = applyGroups(decide(intents, this.thresholds), intents, key, this.groups);
    return { text, normalized, language, intents, decision };
  }
}
