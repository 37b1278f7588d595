/**
 * Field validators: one per field type in intents/fields.yaml. Each turns what a citizen typed (plus the
 * entities understanding found in it) into a canonical value, or names exactly what is wrong, as a locale
 * message id and an example, so the reply can say it in the citizen's language.
 */
import type { Catalog, FieldDef } from '../catalog/types.js';
import type { Entity } from '../core.js';

/** What the validators need from understanding: pure functions over text (see nlu/entities.ts). */
export interface TextParser {
  extract(text: string, today?: Date): Entity[];
  name(text: string): string | undefined;
  district(text: string): Entity | undefined;
  block(text: string, district?: string): Entity | undefined;
  yesNo(text: string): 'yes' | 'no' | undefined;
  number(text: string): { value: number; text: string } | undefined;
  /** The text says an earlier answer was wrong ("no, …", "change …", "ଭୁଲ"). */
  isCorrection(text: string): boolean;
}

export type FieldResult = { ok: true; value: string } | { ok: false; error: string; args?: Record<string, string | number> };

export interface FieldInput {
  /** The citizen's text as typed (names keep their case and script). */
  text: string;
  /** The normalised text (lower case, ASCII digits). */
  normalized: string;
  /** Entities found in the text (possibly by understanding already). */
  entities: Entity[];
  /** Option labels in both languages, for choice fields: option → labels. */
  optionLabels?: Map<string, string[]>;
  /** Values of other fields (the block is looked up within the chosen district). */
  values: Record<string, string>;
  today: Date;
}

/** Currency words around an amount ("Rs 1,20,000", "120000 taka"). */
const CURRENCY = /(^|\s)(rs\.?|inr|₹|rupees?|rupaye|taka|tanka|ଟଙ୍କା)(?=\s|$)/g;

const fail = (error: string, args?: Record<string, string | number>): FieldResult => ({ ok: false, error, args });
const entity = (input: FieldInput, type: Entity['type']) => input.entities.find((e) => e.type === type);

export function validateField(field: FieldDef, input: FieldInput, parser: TextParser, catalog: Catalog): FieldResult {
  const text = input.text.trim();
  const digits = input.normalized.replace(/[^0-9]/g, '');
  switch (field.type) {
    case 'name': {
      const name = parser.name(text);
      if (!name) return fail('invalid-name');
      if (name.length > (field.max ?? 100)) return fail('invalid-too-long', { max: field.max ?? 100 });
      return { ok: true, value: name };
    }
    case 'text':
    case 'address': {
      const min = field.min ?? 2;
      const max = field.max ?? 300;
      if (text.length < min) return fail('invalid-too-short', { min });
      if (text.length > max) return fail('invalid-too-long', { max });
      return { ok: true, value: text.replace(/\s+/g, ' ') };
    }
    case 'identifier': {
      const value = text.replace(/\s+/g, '').toUpperCase();
      if (!/^[A-Z0-9/\-.]+$/.test(value)) return fail('invalid-identifier');
      if (value.length < (field.min ?? 1) || value.length > (field.max ?? 40)) return fail('invalid-identifier-length', { min: field.min ?? 1, max: field.max ?? 40 });
      return { ok: true, value };
    }
    case 'date': {
      const date = entity(input, 'date');
      if (!date) return fail('invalid-date');
      if (date.invalid || !date.value) return fail('invalid-date');
      const today = input.today.toISOString().slice(0, 10);
      if (field.past && date.value > today) return fail('invalid-date-future');
      if (date.value < '1900-01-01') return fail('invalid-date');
      return { ok: true, value: date.value };
    }
    case 'aadhaar': {
      const found = entity(input, 'aadhaar');
      if (found) return found.invalid ? fail('invalid-aadhaar-checksum') : { ok: true, value: found.value };
      return fail(digits.length === 12 ? 'invalid-aadhaar-checksum' : 'invalid-aadhaar-length', { count: digits.length });
    }
    case 'mobile': {
      const found = entity(input, 'mobile');
      if (found) return { ok: true, value: found.value };
      return fail('invalid-mobile');
    }
    case 'pin': {
      const found = entity(input, 'pin');
      if (found) return found.invalid ? fail('invalid-pin-not-odisha') : { ok: true, value: found.value };
      return fail('invalid-pin');
    }
    case 'number':
    case 'amount': {
      const plain = input.normalized.replace(/,/g, '').replace(CURRENCY, ' ').trim();
      const spelled = parser.number(plain);
      // The whole answer must be the number ("Plot 12, Saheed Nagar" is not an income of 12).
      const value = /^[0-9]+(\.[0-9]+)?$/.test(plain) ? Number(plain) : spelled && spelled.text.trim() === plain ? spelled.value : undefined;
      if (value === undefined || Number.isNaN(value)) return fail(field.type === 'amount' ? 'invalid-amount' : 'invalid-number');
      if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
        return fail('invalid-range', { min: field.min ?? 0, max: field.max ?? value });
      }
      return { ok: true, value: String(value) };
    }
    case 'year': {
      const year = Number(entity(input, 'year')?.value ?? digits);
      if (!Number.isInteger(year) || year < 1950 || year > input.today.getUTCFullYear()) return fail('invalid-year', { max: input.today.getUTCFullYear() });
      return { ok: true, value: String(year) };
    }
    case 'yes_no': {
      const answer = parser.yesNo(input.normalized);
      return answer ? { ok: true, value: answer } : fail('invalid-yes-no');
    }
    case 'choice': {
      const option = matchOption(field, input);
      return option ? { ok: true, value: option } : fail('invalid-choice');
    }
    case 'district': {
      const found = entity(input, 'district') ?? parser.district(input.normalized);
      return found ? { ok: true, value: found.value } : fail('invalid-district');
    }
    case 'block': {
      const found = parser.block(input.normalized, input.values['district']);
      if (found) return { ok: true, value: found.value };
      const known = catalog.blocks.some((b) => b.district === input.values['district']);
      // Blocks we have no list for are accepted as typed (the catalog is not complete for every district).
      if (!known && text.length >= 2 && text.length <= 60) return { ok: true, value: text };
      return fail('invalid-block');
    }
    case 'email': {
      const found = entity(input, 'email');
      return found ? { ok: true, value: found.value } : fail('invalid-email');
    }
    case 'ifsc': {
      const found = entity(input, 'ifsc');
      return found ? { ok: true, value: found.value } : fail('invalid-ifsc');
    }
    case 'vehicle_number': {
      const found = entity(input, 'vehicle_number');
      return found ? { ok: true, value: found.value } : fail('invalid-vehicle-number');
    }
    case 'bank_account': {
      if (digits.length < 9 || digits.length > 18 || /[a-z]/i.test(input.normalized)) return fail('invalid-bank-account');
      return { ok: true, value: digits };
    }
  }
}

/** A choice option from an entity (gender, caste), the option key, or a label in either language. */
function matchOption(field: FieldDef, input: FieldInput): string | undefined {
  const options = field.options ?? [];
  const viaEntity = input.entities.find((e) => (e.type === 'gender' || e.type === 'caste') && options.includes(e.value));
  if (viaEntity && (field.key === 'gender' ? viaEntity.type === 'gender' : field.key === 'caste' ? viaEntity.type === 'caste' : true)) {
    return viaEntity.value;
  }
  const typed = input.normalized.trim();
  const index = Number(typed);
  if (Number.isInteger(index) && index >= 1 && index <= options.length) return options[index - 1];
  for (const option of options) {
    if (typed === option || typed === option.replace(/_/g, ' ')) return option;
    for (const label of input.optionLabels?.get(option) ?? []) {
      if (typed === label.toLowerCase().normalize('NFC')) return option;
    }
  }
  for (const option of options) {
    for (const label of input.optionLabels?.get(option) ?? []) {
      const l = label.toLowerCase().normalize('NFC');
      if (l.length >= 3 && (` ${typed} `.includes(` ${l} `) || l.split(/\s*\/\s*/).includes(typed))) return option;
    }
  }
  return undefined;
}

/** Mask personal numbers in summaries: Aadhaar and bank accounts show only the last 4 digits. */
export function displayValue(field: FieldDef, value: string): string {
  if (field.sensitive) return `XXXX-XXXX-${value.slice(-4)}`.replace(/^XXXX-XXXX-/, field.type === 'aadhaar' ? 'XXXX-XXXX-' : 'XXXXXX');
  if (field.type === 'date') {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  return value;
}
