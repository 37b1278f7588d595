/**
 * Linguists' rules over the classifier's canonical words:
 * - service groups (intents/nlu/_groups.yaml): when a message names a group generically ("caste certificate")
 *   and nothing that singles out one member ("SC", "OBC"), the decision becomes a choice among the group;
 * - service markers (intents/nlu/_markers.yaml): a service missing all its own words is lowered.
 */
import type { Decision, ScoredIntent } from '../core.js';
import { isService } from './decide.js';
import type { Canonicalizer } from './synonyms.js';

export interface ServiceGroup {
  name: string;
  /** Canonical keys; a message matches one when it contains all its words. */
  generic: string[][];
  /** Per service, canonical keys of words that single it out. */
  specific: Map<string, string[][]>;
}

/** A phrase as the canonical words a message must all contain. */
const phraseWords = (canon: Canonicalizer) => (phrase: string) => canon.key(phrase).split(' ').filter(Boolean);

export function compileGroups(raw: Record<string, { generic: string[]; services: Record<string, string[]> }>, canon: Canonicalizer): ServiceGroup[] {
  const words = phraseWords(canon);
  return Object.entries(raw).map(([name, g]) => ({
    name,
    generic: g.generic.map(words),
    specific: new Map(Object.entries(g.services).map(([id, terms]) => [id, terms.map(words)])),
  }));
}

const containsAll = (haystack: Set<string>, needle: string[]) => needle.length > 0 && needle.every((w) => haystack.has(w));

/**
 * Turn a decision into a choice among a group when the message names the group, nothing singles out one
 * member, and the best-scoring service is a member ("mo jhia pain jati praman patra darkar": which caste
 * certificate?).
 */
export function applyGroups(decision: Decision, ranked: ScoredIntent[], key: string, groups: ServiceGroup[]): Decision {
  // A close call between two members ("pension": status or grievance?) becomes the whole group too.
  if (decision.kind === 'builtin') return decision;
  const words = new Set(key.split(' '));
  for (const group of groups) {
    if (!group.generic.some((g) => containsAll(words, g))) continue;
    const singled = [...group.specific.values()].some((terms) => terms.some((t) => containsAll(words, t)));
    if (singled) continue;
    // A group word inside another service's request ("kalakar bhatta": artists' allowance) is not the group.
    const firstService = ranked.find((r) => isService(r.id));
    if (firstService && !group.specific.has(firstService.id)) continue;
    // In the linguists' order (most requested first): the message said nothing that would rank them.
    return { kind: 'ambiguous', serviceIds: [...group.specific.keys()] };
  }
  return decision;
}

/**
 * Marker words (intents/nlu/_markers.yaml): services a citizen always names by a word of their own ("driving
 * *school* licence", "*horticulture* seed licence"). The classifier cannot see that a word is missing, so a
 * service with markers, none of them in the message, has its score lowered by `MARKER_PENALTY`.
 */
export type ServiceMarkers = Map<string, string[][]>;

export const MARKER_PENALTY = 0.85;

export function compileMarkers(raw: Record<string, string[]>, canon: Canonicalizer): ServiceMarkers {
  const words = phraseWords(canon);
  return new Map(Object.entries(raw).map(([id, terms]) => [id, terms.map(words)]));
}

/** Lower the services whose markers are all absent, and rank again. */
export function applyMarkers<T extends ScoredIntent>(ranked: T[], key: string, markers: ServiceMarkers): T[] {
  if (markers.size === 0) return ranked;
  const words = new Set(key.split(' '));
  return ranked
    .map((r) => {
      const terms = markers.get(r.id);
      return terms && !terms.some((t) => containsAll(words, t)) ? { ...r, confidence: r.confidence * MARKER_PENALTY } : r;
    })
    .sort((a, b) => b.confidence - a.confidence);
}
