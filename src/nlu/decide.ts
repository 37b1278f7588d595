/**
 * Turning a ranking into what the dialog acts on. The classifier's scores are relative, so decisions look at
 * the top score, the gap to the runner-up, and whether the runners-up are "siblings" (services the
 * catalog groups as near neighbours, e.g. SC / ST / SEBC / OBC certificates).
 */
import type { BuiltinIntent, Decision, ScoredIntent } from '../core.js';
import { BUILTIN_INTENTS } from '../core.js';

export interface DecisionThresholds {
  /** Below this top score the message is treated as out of scope. */
  reject: number;
  /** At or above this (with `margin` to the runner-up) a service is taken as understood. */
  accept: number;
  /** Minimum gap between the top two scores for a confident decision. */
  margin: number;
  /** Runners-up within this distance of the top score are offered together as an ambiguous set. */
  ambiguityBand: number;
  /** A rejected message still suggests the services scoring at least this (a second chance, never acted on). */
  suggest: number;
}

export const DEFAULT_THRESHOLDS: DecisionThresholds = { reject: 0.3, accept: 0.4, margin: 0.05, ambiguityBand: 0.04, suggest: 0.24 };

/** How many services a rejected message may suggest. */
const MAX_SUGGESTIONS = 3;

const builtins = new Set<string>(BUILTIN_INTENTS);

export function isBuiltin(id: string): id is BuiltinIntent {
  return builtins.has(id);
}

export const isService = (id: string): boolean => id !== 'none' && !isBuiltin(id);

export function decide(ranked: ScoredIntent[], t: DecisionThresholds = DEFAULT_THRESHOLDS): Decision {
  const [top, second] = ranked;
  if (!top || top.id === 'none' || top.confidence < t.reject) {
    const suggestions = ranked.filter((r) => isService(r.id) && r.confidence >= t.suggest).slice(0, MAX_SUGGESTIONS).map((r) => r.id);
    return suggestions.length ? { kind: 'none', suggestions } : { kind: 'none' };
  }
  if (isBuiltin(top.id)) return { kind: 'builtin', intent: top.id, confidence: top.confidence };
  const close = ranked.filter((r) => isService(r.id) && top.confidence - r.confidence <= t.ambiguityBand);
  if (close.length >= 2) return { kind: 'ambiguous', serviceIds: close.slice(0, 10).map((r) => r.id) };
  const gap = top.confidence - (second?.confidence ?? 0);
  if (top.confidence >= t.accept && gap >= t.margin) return { kind: 'service', serviceId: top.id, confidence: top.confidence };
  return { kind: 'unsure', serviceId: top.id, confidence: top.confidence };
}
