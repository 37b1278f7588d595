/**
 * The conversation state kept per citizen (JSON in the store). Versioned so an old shape can be read after
 * an upgrade; anything unreadable starts a fresh conversation rather than failing the turn.
 */
import { z } from 'zod';

const formSchema = z.object({
  serviceId: z.string(),
  values: z.record(z.string(), z.string()),
  /** The field being asked, if any. */
  asking: z.string().optional(),
  /** Invalid answers in a row for the field being asked. */
  failures: z.number().default(0),
  phase: z.enum(['filling', 'confirming', 'choosing_edit']).default('filling'),
  /** A value heard in a voice note, read back and waiting for a yes. */
  heard: z.object({ field: z.string(), value: z.string() }).optional(),
  /** Fields the citizen chose to skip (optional ones only). */
  skipped: z.array(z.string()).default([]),
  /** Current page of a long option list. */
  page: z.number().default(0),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type FormState = z.infer<typeof formSchema>;

const offerSchema = z.discriminatedUnion('kind', [
  /** "Did you mean …?" after an unsure understanding; keeps the text for the review queue. */
  z.object({ kind: z.literal('did_you_mean'), serviceId: z.string(), text: z.string(), normalized: z.string() }),
  /** A service card was shown: "yes" applies. */
  z.object({ kind: z.literal('apply'), serviceId: z.string() }),
  /** An idle form was found: "yes" continues it. */
  z.object({ kind: z.literal('resume') }),
]);
export type Offer = z.infer<typeof offerSchema>;

const stateSchema = z.object({
  v: z.literal(1),
  language: z.enum(['en', 'or']).optional(),
  /** A first message held while the citizen picks a language; acted on right after. */
  held: z.unknown().optional(),
  form: formSchema.optional(),
  /** Forms put aside for another service, most recent last. */
  parked: z.array(formSchema).default([]),
  offer: offerSchema.optional(),
  /** Values given in a request before the form started ("income certificate, we live in Cuttack"). */
  prefill: z.object({ serviceId: z.string(), values: z.record(z.string(), z.string()) }).optional(),
  /** The buttons and list rows last shown: typing one's title works like tapping it. */
  offered: z.array(z.object({ id: z.string(), title: z.string() })).default([]),
  /** Whether voice notes are answered with a voice note too (the citizen can turn it off). */
  spoken: z.boolean().default(true),
});
export type DialogState = z.infer<typeof stateSchema>;

export function restoreState(raw: unknown): DialogState {
  const parsed = stateSchema.safeParse(raw);
  return parsed.success ? parsed.data : { v: 1, parked: [], offered: [], spoken: true };
}
