/**
 * The dialog's contract: a pure step from (state, event, understanding) to (state, replies, effects).
 * No I/O happens here; the pipeline loads what the step needs and persists what it returns.
 */
import type { Catalog } from '../catalog/types.js';
import type { Expectation, Language, Reply, Understanding } from '../core.js';
import type { Translator } from '../i18n/index.js';
import type { TextParser } from './fields.js';
import type { ApplicationInput, ApplicationRecord, UtteranceInput } from '../store/repository.js';

/** What happened in this turn, after voice has become text and text has been understood. */
export type DialogEvent =
  | { kind: 'text'; text: string; understanding: Understanding; viaVoice?: boolean; voiceConfidence?: number }
  | { kind: 'choice'; id: string; title: string }
  | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { kind: 'media'; mediaKind: string; mediaId: string; caption?: string }
  /** A voice note we could not turn into text: `reason` is a key such as 'silence', 'too_long', 'unavailable'. */
  | { kind: 'voice_failed'; reason: string }
  | { kind: 'unsupported'; what: string };

export interface DialogContext {
  catalog: Catalog;
  i18n: Translator;
  /** Entity parsing for validating answers (pure functions over text). */
  parser: TextParser;
  now: Date;
  /** The citizen's own applications, newest first (status questions are answered from these only). */
  applications: ApplicationRecord[];
  /** Makes a fresh application reference for a service, e.g. OD-RDM-2026-4K7Q2M. */
  newReference(serviceId: string): string;
  /** Turns of the same form idle longer than this are offered for resumption rather than continued. */
  resumeAfterMs: number;
}

export interface StepResult {
  state: unknown;
  replies: Reply[];
  applications: ApplicationInput[];
  utterances: UtteranceInput[];
  /** Whether this citizen wants voice notes answered by voice. */
  spokenReplies: boolean;
  /** The language the replies were written in (remembered on the citizen). */
  language: Language | undefined;
}

export interface Dialog {
  /** What the current state expects next, so understanding can favour answers to it. */
  expecting(state: unknown): Expectation | undefined;
  step(state: unknown, event: DialogEvent, ctx: DialogContext): StepResult;
}
