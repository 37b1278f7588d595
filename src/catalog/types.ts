/** The service catalog as the rest of the bot sees it: plain, typed, read-only data loaded from intents/. */

export type Language = 'en' | 'or';
export const LANGUAGES: readonly Language[] = ['en', 'or'];

export interface Localized {
  en: string;
  or: string;
}

export type FieldType =
  | 'name' | 'text' | 'date' | 'number' | 'amount' | 'choice' | 'district' | 'block' | 'aadhaar'
  | 'mobile' | 'pin' | 'yes_no' | 'address' | 'email' | 'identifier' | 'vehicle_number' | 'year'
  | 'bank_account' | 'ifsc';

export interface FieldDef {
  key: string;
  type: FieldType;
  min?: number;
  max?: number;
  past?: boolean;
  options?: string[];
  /** Read back and masked in summaries (Aadhaar, bank account). */
  sensitive: boolean;
}

/** A field as one service asks it. */
export interface ServiceField {
  key: string;
  optional: boolean;
  /** Ask only when every named field already has the given value. */
  when?: Record<string, string>;
  /** Age rule of the scheme for a date-of-birth field (years on the day of applying). */
  minAge?: number;
  maxAge?: number;
}

export interface ServiceDocument {
  key: string;
  name: Localized;
  /** Our best guess, not verified with the department. */
  uncertain: boolean;
}

export interface Service {
  id: string;
  department: string;
  name: Localized;
  /** A title of at most 24 characters for list rows, where the name cut short would look like a sibling's. */
  short?: Localized;
  category: string;
  ortpsaDays: number | null;
  /** The designated officer under ORTPSA. */
  officer: Localized | null;
  popular: boolean;
  documents: ServiceDocument[];
  fields: ServiceField[];
}

export interface Department {
  code: string;
  name: Localized;
  services: Service[];
}

export interface District {
  code: string;
  name: Localized;
  headquarters: string;
  spellings: string[];
}

export interface Block {
  district: string;
  name: Localized;
}

export interface Catalog {
  departments: Department[];
  services: Service[];
  service(id: string): Service | undefined;
  fields: ReadonlyMap<string, FieldDef>;
  districts: District[];
  blocks: Block[];
}
