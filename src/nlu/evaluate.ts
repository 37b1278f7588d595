/**
 * Evaluation of understanding on a held-out file: accuracy per variant, per-intent precision/recall/F1,
 * confused pairs, out-of-scope precision/recall and latency. Used by `npm run eval` and the console.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Understanding } from '../core.js';

/** What evaluation needs of understanding (NluService.classify). */
export interface Classifies {
  classify(text: string): Promise<Omit<Understanding, 'entities'>>;
}

const heldoutSchema = z.array(z.object({ intent: z.string(), variant: z.string(), text: z.coerce.string() }));
export type HeldoutItem = z.infer<typeof heldoutSchema>[number];

export function loadHeldout(path: string): HeldoutItem[] {
  return heldoutSchema.parse(parse(readFileSync(path, 'utf8')));
}

export interface IntentScore {
  intent: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  at: string;
  items: number;
  top1: number;
  top3: number;
  /** Service requests only (intent is a service id). */
  services: { items: number; top1: number; top3: number; rejected: number };
  byVariant: Record<string, { items: number; top1: number; top3: number }>;
  outOfScope: { items: number; precision: number; recall: number };
  perIntent: IntentScore[];
  confused: { expected: string; predicted: string; count: number }[];
  decisions: Record<string, number>;
  latencyMs: { p50: number; p99: number; mean: number };
  errors: { text: string; variant: string; expected: string; predicted: string; confidence: number }[];
}

/** What the bot effectively answers: the decision's intent (ambiguous/unsure count as their top service). */
function predictedIntent(u: Pick<Understanding, 'decision'>): string {
  const d = u.decision;
  switch (d.kind) {
    case 'service':
    case 'unsure':
      return d.serviceId;
    case 'ambiguous':
      return d.serviceIds[0]!;
    case 'builtin':
      return d.intent;
    case 'none':
      return 'none';
  }
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function evaluate(nlu: Classifies, items: HeldoutItem[], isService: (id: string) => boolean): Promise<EvalReport> {
  const latencies: number[] = [];
  const byVariant: EvalReport['byVariant'] = {};
  const confusion = new Map<string, number>();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const decisions: Record<string, number> = {};
  const errors: EvalReport['errors'] = [];
  let top1 = 0;
  let top3 = 0;
  let svcItems = 0;
  let svcTop1 = 0;
  let svcTop3 = 0;
  let svcRejected = 0;
  let noneItems = 0;
  let noneCorrect = 0;
  let nonePredicted = 0;
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

  for (const item of items) {
    const started = performance.now();
    const u = await nlu.classify(item.text);
    latencies.push(performance.now() - started);
    const predicted = predictedIntent(u);
    decisions[u.decision.kind] = (decisions[u.decision.kind] ?? 0) + 1;
    // Top-3: among the three services the citizen is shown (after a rejection, the suggestions offered).
    const offered = u.decision.kind === 'none' ? (u.decision.suggestions ?? []) : u.intents.map((i) => i.id);
    const hit1 = predicted === item.intent;
    const hit3 = hit1 || (item.intent !== 'none' && offered.slice(0, 3).includes(item.intent));
    top1 += hit1 ? 1 : 0;
    top3 += hit3 ? 1 : 0;
    const v = (byVariant[item.variant] ??= { items: 0, top1: 0, top3: 0 });
    v.items += 1;
    v.top1 += hit1 ? 1 : 0;
    v.top3 += hit3 ? 1 : 0;
    if (isService(item.intent)) {
      svcItems += 1;
      svcTop1 += hit1 ? 1 : 0;
      svcTop3 += hit3 ? 1 : 0;
      svcRejected += predicted === 'none' ? 1 : 0;
    }
    if (item.intent === 'none') noneItems += 1;
    if (predicted === 'none') nonePredicted += 1;
    if (predicted === 'none' && item.intent === 'none') noneCorrect += 1;
    if (hit1) inc(tp, item.intent);
    else {
      inc(fn, item.intent);
      inc(fp, predicted);
      inc(confusion, `${item.intent}\t${predicted}`);
      errors.push({ text: item.text, variant: item.variant, expected: item.intent, predicted, confidence: u.intents[0]?.confidence ?? 0 });
    }
  }
  const intents = new Set([...tp.keys(), ...fn.keys()]);
  const perIntent = [...intents]
    .map((intent) => {
      const t = tp.get(intent) ?? 0;
      const precision = ratio(t, t + (fp.get(intent) ?? 0));
      const recall = ratio(t, t + (fn.get(intent) ?? 0));
      return { intent, support: t + (fn.get(intent) ?? 0), precision: round(precision), recall: round(recall), f1: round(ratio(2 * precision * recall, precision + recall)) };
    })
    .sort((a, b) => a.f1 - b.f1 || a.intent.localeCompare(b.intent));
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0, 3);
  for (const v of Object.values(byVariant)) {
    v.top1 = round(ratio(v.top1, v.items));
    v.top3 = round(ratio(v.top3, v.items));
  }
  return {
    at: new Date().toISOString(),
    items: items.length,
    top1: round(ratio(top1, items.length)),
    top3: round(ratio(top3, items.length)),
    services: { items: svcItems, top1: round(ratio(svcTop1, svcItems)), top3: round(ratio(svcTop3, svcItems)), rejected: round(ratio(svcRejected, svcItems)) },
    byVariant,
    outOfScope: { items: noneItems, precision: round(ratio(noneCorrect, nonePredicted)), recall: round(ratio(noneCorrect, noneItems)) },
    perIntent,
    confused: [...confusion.entries()]
      .map(([k, count]) => {
        const [expected, predicted] = k.split('\t') as [string, string];
        return { expected, predicted, count };
      })
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected))
      .slice(0, 20),
    decisions,
    latencyMs: { p50: pct(0.5), p99: pct(0.99), mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length), 3) },
    errors,
  };
}

const pc = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The report as Markdown for people. */
export function reportMarkdown(r: EvalReport): string {
  const lines = [
    `# Evaluation (${r.at})`,
    '',
    `${r.items} held-out messages. Top-1 **${pc(r.top1)}**, top-3 **${pc(r.top3)}**.`,
    `Service requests: ${r.services.items}, top-1 ${pc(r.services.top1)}, top-3 ${pc(r.services.top3)}, wrongly rejected as out of scope ${pc(r.services.rejected)}.`,
    'Top-3 counts the expected service among the first three offered (after a rejection: the services suggested).',
    `Out of scope: ${r.outOfScope.items} messages, recall ${pc(r.outOfScope.recall)} (rejected), precision ${pc(r.outOfScope.precision)}.`,
    `Latency per message: p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms.`,
    '',
    '## By language variant',
    '| variant | items | top-1 | top-3 |',
    '|---|---:|---:|---:|',
    ...Object.entries(r.byVariant).map(([v, s]) => `| ${v} | ${s.items} | ${pc(s.top1)} | ${pc(s.top3)} |`),
    '',
    '## Decisions',
    ...Object.entries(r.decisions).map(([k, n]) => `- ${k}: ${n}`),
    '',
    '## Most confused (expected → predicted)',
    '| expected | predicted | count |',
    '|---|---|---:|',
    ...r.confused.map((c) => `| ${c.expected} | ${c.predicted} | ${c.count} |`),
    '',
    '## Weakest intents (by F1)',
    '| intent | support | precision | recall | F1 |',
    '|---|---:|---:|---:|---:|',
    ...r.perIntent.slice(0, 40).map((s) => `| ${s.intent} | ${s.support} | ${pc(s.precision)} | ${pc(s.recall)} | ${s.f1.toFixed(2)} |`),
    '',
    '## Errors',
    ...r.errors.slice(0, 200).map((e) => `- [${e.variant}] "${e.text}" → ${e.predicted} (expected ${e.expected}, ${e.confidence})`),
    '',
  ];
  return lines.join('\n');
}
