/**
 * Configuration from environment variables, validated once at start-up.
 * Every limit of the outside world (WhatsApp, audio) lives here so it changes in one place.
 */
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('file:./data/bot.db')
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
      message: 'must start with file: (SQLite) or postgres:// (PostgreSQL)',
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INTENTS_DIR: z.string().default('./intents'),
  LOCALES_DIR: z.string().default('./locales'),
  MODEL_DIR: z.string().default('./models'),
  WHATSAPP_VERIFY_TOKEN: optional,
  WHATSAPP_APP_SECRET: optional,
  WHATSAPP_ACCESS_TOKEN: optional,
  WHATSAPP_PHONE_NUMBER_ID: optional,
  WHATSAPP_API_URL: z.string().url().default('https://graph.facebook.com/v23.0'),
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optional,
  ASR_PROVIDER: z.enum(['openai', 'bhashini', 'pocketsphinx', 'none']).optional(),
  ASR_PROVIDER_OR: z.enum(['openai', 'bhashini', 'pocketsphinx', 'none']).optional(),
  ASR_PROVIDER_EN: z.enum(['openai', 'bhashini', 'pocketsphinx', 'none']).optional(),
  ASR_MODEL: z.string().default('whisper-1'),
  TTS_PROVIDER: z.enum(['bhashini', 'openai', 'espeak', 'none']).optional(),
  TTS_MODEL: z.string().default('tts-1'),
  TTS_VOICE: z.string().default('alloy'),
  BHASHINI_USER_ID: optional,
  BHASHINI_API_KEY: optional,
  BHASHINI_PIPELINE_ID: optional,
  BHASHINI_CONFIG_URL: z
    .string()
    .url()
    .default('https://meity-auth.ulcacontrib.org/ulca/apis/v0/model/getModelsPipeline'),
  BHASHINI_TTS_GENDER: z.enum(['female', 'male']).default('female'),
  FFMPEG_PATH: optional,
  VOICE_MAX_SECONDS: z.coerce.number().positive().default(120),
  VOICE_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
  CONSOLE_TOKEN: optional,
  /** Where the console keeps its evaluation reports (git-ignored). */
  REPORTS_DIR: z.string().default('./reports'),
  DRAFT_TTL_DAYS: z.coerce.number().positive().default(30),
  RESUME_AFTER_HOURS: z.coerce.number().positive().default(24),
});

export type Env = z.infer<typeof envSchema>;

/** WhatsApp Cloud API limits (../shared/spec/whatsapp-cloud-api.md). */
export const whatsappLimits = {
  textBody: 4096,
  buttonCount: 3,
  buttonTitle: 20,
  buttonId: 256,
  interactiveBody: 1024,
  headerText: 60,
  footerText: 60,
  listButton: 20,
  listRows: 10,
  listSections: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  sectionTitle: 24,
  webhookBodyBytes: 3 * 1024 * 1024,
  mediaBytes: 16 * 1024 * 1024,
  voiceNoteBytes: 512 * 1024,
} as const;

export interface Config {
  port: number;
  host: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  logLevel: Env['LOG_LEVEL'];
  intentsDir: string;
  localesDir: string;
  modelDir: string;
  whatsapp?: {
    verifyToken: string;
    appSecret: string;
    accessToken: string;
    phoneNumberId: string;
    apiUrl: string;
  };
  /** WhatsApp variables that are set while others are missing: the channel stays off, and we say why. */
  whatsappMissing: string[];
  openai?: { apiKey: string; baseURL?: string };
  env: Env;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse and validate the environment; throws ConfigError listing every problem at once. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const waKeys = [
    'WHATSAPP_VERIFY_TOKEN',
    'WHATSAPP_APP_SECRET',
    'WHATSAPP_ACCESS_TOKEN',
    'WHATSAPP_PHONE_NUMBER_ID',
  ] as const;
  const waSet = waKeys.filter((k) => env[k] !== undefined);
  const whatsapp =
    waSet.length === waKeys.length
      ? {
          verifyToken: env.WHATSAPP_VERIFY_TOKEN!,
          appSecret: env.WHATSAPP_APP_SECRET!,
          accessToken: env.WHATSAPP_ACCESS_TOKEN!,
          phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID!,
          apiUrl: env.WHATSAPP_API_URL.replace(/\/+$/, ''),
        }
      : undefined;
  const database = env.DATABASE_URL.startsWith('file:')
    ? ({ kind: 'sqlite', path: env.DATABASE_URL.slice('file:'.length) } as const)
    : ({ kind: 'postgres', url: env.DATABASE_URL } as const);
  return {
    port: env.PORT,
    host: env.HOST,
    database,
    logLevel: env.LOG_LEVEL,
    intentsDir: env.INTENTS_DIR,
    localesDir: env.LOCALES_DIR,
    modelDir: env.MODEL_DIR,
    whatsapp,
    whatsappMissing: waSet.length > 0 && !whatsapp ? waKeys.filter((k) => env[k] === undefined) : [],
    openai: env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL } : undefined,
    env,
  };
}
