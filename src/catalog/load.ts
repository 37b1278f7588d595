/**
 * Load and validate the catalog from intents/. Any problem stops start-up with an error naming the file and
 * the entry, because a half-loaded catalog would offer citizens broken forms.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Block, Catalog, Department, District, FieldDef, Service, ServiceField } from './types.js';

export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(`Catalog is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogError';
  }
}

/** Parse one YAML file; syntax errors carry file and line. */
export function readYaml(path: string, problems: string[]): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    problems.push(`${path}: cannot read (${(e as Error).message})`);
    return undefined;
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const line = err.linePos?.[0];
      problems.push(`${path}${line ? `:${line.line}:${line.col}` : ''}: ${err.message.split('\n')[0]}`);
    }
    return undefined;
  }
  return doc.toJS();
}

const localized = z.object({ en: z.string(), or: z.string() });

const fieldDefSchema = z
  .object({
    type: z.enum([
      'name', 'text', 'date', 'number', 'amount', 'choice', 'district', 'block', 'aadhaar', 'mobile', 'pin',
      'yes_no', 'address', 'email', 'identifier', 'vehicle_number', 'year', 'bank_account', 'ifsc',
    ]),
    min: z.number().optional(),
    max: z.number().optional(),
    past: z.boolean().optional(),
    options: z.array(z.string().regex(/^[a-z0-9_]+$/)).min(2).optional(),
    sensitive: z.boolean().optional(),
  })
  .strict()
  .refine((f) => f.type !== 'choice' || f.options, { message: 'a choice field needs options' });

const serviceFieldSchema = z.union([
  z.string(),
  z
    .object({
      field: z.string(),
      optional: z.boolean().optional(),
      when: z.record(z.string(), z.string()).optional(),
      /** For dates of birth: the scheme's age rule, in whole years on the day of applying. */
      min_age: z.number().int().min(0).optional(),
      max_age: z.number().int().min(0).optional(),
    })
    .strict(),
]);

const serviceSchema = z
  .object({
    id: z.string().regex(/^[a-z]+\.[a-z0-9_]+$/, 'id must look like dept.service_name'),
    popular: z.boolean().optional(),
    name: localized,
    // For list rows (WhatsApp shows 24 characters): needed where names cut to 24 look alike.
    short: z.object({ en: z.string().max(24), or: z.string().max(24) }).strict().optional(),
    category: z.string(),
    ortpsa_days: z.number().int().positive().nullable(),
    // A plain string is the English title only (shown as is in Odia too, until someone writes the Odia).
    officer: z.union([z.string(), z.object({ en: z.string(), or: z.string() })]).nullable(),
    documents: z.array(z.string()),
    fields: z.array(serviceFieldSchema).min(1),
    source: z.string().optional(),
  })
  .strict();

const departmentFileSchema = z
  .object({
    department: z.object({ code: z.string(), name: localized }).strict(),
    services: z.array(z.unknown()),
  })
  .strict();

const districtSchema = z
  .object({ en: z.string(), or: z.string().min(1), headquarters: z.string(), spellings: z.array(z.string()) })
  .strict();

function describe(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`).join('; ');
}

/** Load every catalog file under `dir` (normally ./intents). */
export function loadCatalog(dir: string): Catalog {
  const problems: string[] = [];
  const rel = (p: string) => relative(process.cwd(), p) || p;

  const fields = new Map<string, FieldDef>();
  const rawFields = readYaml(join(dir, 'fields.yaml'), problems);
  if (rawFields && typeof rawFields === 'object') {
    for (const [key, value] of Object.entries(rawFields)) {
      const parsed = fieldDefSchema.safeParse(value);
      if (!parsed.success) problems.push(`${rel(join(dir, 'fields.yaml'))}: field ${key}: ${describe(parsed.error.issues)}`);
      else fields.set(key, { key, ...parsed.data, sensitive: parsed.data.sensitive ?? false });
    }
  }

  const documentNames = new Map<string, { en: string; or: string }>();
  const rawDocs = readYaml(join(dir, 'documents.yaml'), problems);
  if (rawDocs && typeof rawDocs === 'object') {
    for (const [key, value] of Object.entries(rawDocs)) {
      const parsed = localized.safeParse(value);
      if (!parsed.success) problems.push(`${rel(join(dir, 'documents.yaml'))}: document ${key}: ${describe(parsed.error.issues)}`);
      else documentNames.set(key, parsed.data);
    }
  }

  const districts: District[] = [];
  const rawDistricts = readYaml(join(dir, 'districts.yaml'), problems);
  if (rawDistricts && typeof rawDistricts === 'object') {
    for (const [code, value] of Object.entries(rawDistricts)) {
      const parsed = districtSchema.safeParse(value);
      if (!parsed.success) problems.push(`${rel(join(dir, 'districts.yaml'))}: district ${code}: ${describe(parsed.error.issues)}`);
      else districts.push({ code, name: { en: parsed.data.en, or: parsed.data.or }, headquarters: parsed.data.headquarters, spellings: parsed.data.spellings });
    }
  }

  const blocks: Block[] = [];
  const blocksPath = join(dir, 'blocks.yaml');
  if (existsSync(blocksPath)) {
    const rawBlocks = readYaml(blocksPath, problems);
    if (rawBlocks && typeof rawBlocks === 'object') {
      for (const [district, list] of Object.entries(rawBlocks)) {
        if (!districts.some((d) => d.code === district)) problems.push(`${rel(blocksPath)}: unknown district ${district}`);
        for (const b of (list as unknown[]) ?? []) {
          const parsed = z.object({ en: z.string(), or: z.string() }).safeParse(b);
          if (parsed.success) blocks.push({ district, name: parsed.data });
          else problems.push(`${rel(blocksPath)}: block under ${district}: ${describe(parsed.error.issues)}`);
        }
      }
    }
  }

  const departments: Department[] = [];
  const services: Service[] = [];
  const byId = new Map<string, Service>();
  const catalogDir = join(dir, 'catalog');
  const files = existsSync(catalogDir) ? readdirSync(catalogDir).filter((f) => f.endsWith('.yaml')).sort() : [];
  if (files.length === 0) problems.push(`${rel(catalogDir)}: no catalog files`);
  for (const file of files) {
    const path = join(catalogDir, file);
    const raw = readYaml(path, problems);
    if (raw === undefined) continue;
    const parsedFile = departmentFileSchema.safeParse(raw);
    if (!parsedFile.success) {
      problems.push(`${rel(path)}: ${describe(parsedFile.error.issues)}`);
      continue;
    }
    const { department } = parsedFile.data;
    if (!department.name.or.trim()) problems.push(`${rel(path)}: department ${department.code}: missing Odia name (name.or)`);
    const dept: Department = { code: department.code, name: department.name, services: [] };
    parsedFile.data.services.forEach((entry, index) => {
      const parsed = serviceSchema.safeParse(entry);
      const label = (entry as { id?: string })?.id ?? `#${index + 1}`;
      if (!parsed.success) {
        problems.push(`${rel(path)}: service ${label}: ${describe(parsed.error.issues)}`);
        return;
      }
      const s = parsed.data;
      const where = `${rel(path)}: service ${s.id}`;
      if (byId.has(s.id)) problems.push(`${where}: duplicate id`);
      if (!s.id.startsWith(`${department.code}.`)) problems.push(`${where}: id does not belong to department ${department.code}`);
      if (!s.name.en.trim()) problems.push(`${where}: missing English name`);
      if (!s.name.or.trim()) problems.push(`${where}: missing Odia name (name.or)`);
      const serviceFields: ServiceField[] = s.fields.map((f) =>
        typeof f === 'string'
          ? { key: f, optional: false }
          : { key: f.field, optional: f.optional ?? false, when: f.when, minAge: f.min_age, maxAge: f.max_age },
      );
      for (const f of serviceFields) {
        if (!fields.has(f.key)) problems.push(`${where}: unknown field ${f.key}`);
        for (const dep of Object.keys(f.when ?? {})) {
          if (!serviceFields.some((o) => o.key === dep)) problems.push(`${where}: field ${f.key} depends on ${dep}, which the service does not ask`);
        }
      }
      const documents = s.documents.map((d) => {
        const uncertain = d.endsWith('?');
        const key = uncertain ? d.slice(0, -1) : d;
        const name = documentNames.get(key);
        if (!name) problems.push(`${where}: unknown document ${key}`);
        return { key, uncertain, name: name ?? { en: key, or: key } };
      });
      const service: Service = {
        id: s.id,
        department: department.code,
        name: s.name,
        ...(s.short ? { short: s.short } : {}),
        category: s.category,
        ortpsaDays: s.ortpsa_days,
        officer: s.officer === null ? null : typeof s.officer === 'string' ? { en: s.officer, or: s.officer } : s.officer,
        popular: s.popular ?? false,
        documents,
        fields: serviceFields,
      };
      byId.set(s.id, service);
      dept.services.push(service);
      services.push(service);
    });
    departments.push(dept);
  }
  if (problems.length > 0) throw new CatalogError(problems);
  return { departments, services, service: (id) => byId.get(id), fields, districts, blocks };
}
