/**
 * Bhashini (the Government of India's language platform, ULCA pipeline API), shared by speech-to-text and
 * text-to-speech. Two calls:
 * 1. config: POST BHASHINI_CONFIG_URL with headers userID / ulcaApiKey and the pipelineId, asking for a task
 *    ("asr", "tts") in a language; the answer names the serviceId, the inference URL (callbackUrl) and the
 *    key to send there (inferenceApiKey: {name, value}). Cached per task and language.
 * 2. inference: POST the callbackUrl with that key, the serviceId and the input (base64 audio or text).
 */
import type { Language } from '../core.js';
import { postJson, ProviderError } from './provider.js';

export interface BhashiniOptions {
  userId: string;
  apiKey: string;
  pipelineId: string;
  configUrl: string;
  timeoutMs: number;
}

export type BhashiniTask = 'asr' | 'tts';

interface ServiceEndpoint {
  serviceId: string;
  callbackUrl: string;
  keyName: string;
  keyValue: string;
  fetchedAt: number;
}

export interface PipelineResponse {
  taskType?: string;
  output?: Array<{ source?: string; target?: string }>;
  audio?: Array<{ audioContent?: string | null }>;
  config?: { audioFormat?: string; samplingRate?: number } | null;
}

const CONFIG_TTL_MS = 60 * 60 * 1000;

export class BhashiniClient {
  private readonly endpoints = new Map<string, Promise<ServiceEndpoint>>();

  constructor(private readonly options: BhashiniOptions) {}

  /** Run one task; `config` is merged into the task's config, `inputData` is sent as is. */
  async infer(task: BhashiniTask, language: Language, config: Record<string, unknown>, inputData: unknown): Promise<PipelineResponse> {
    for (let attempt = 0; ; attempt++) {
      const endpoint = await this.endpoint(task, language);
      try {
        const answer = await postJson(
          endpoint.callbackUrl,
          {
            pipelineTasks: [{ taskType: task, config: { language: { sourceLanguage: language }, serviceId: endpoint.serviceId, ...config } }],
            inputData,
          },
          { headers: { [endpoint.keyName]: endpoint.keyValue }, timeoutMs: this.options.timeoutMs, retries: 1, what: `Bhashini ${task} inference` },
        );
        const response = (answer as { pipelineResponse?: PipelineResponse[] } | null)?.pipelineResponse?.[0];
        if (!response) throw new ProviderError('failed', `Bhashini ${task} inference: no pipelineResponse in the answer`);
        return response;
      } catch (err) {
        // The inference key may have been rotated: fetch the configuration again, once.
        if (attempt === 0 && err instanceof ProviderError && (err.status === 401 || err.status === 403)) {
          this.endpoints.delete(`${task}:${language}`);
          continue;
        }
        throw err;
      }
    }
  }

  private endpoint(task: BhashiniTask, language: Language): Promise<ServiceEndpoint> {
    const key = `${task}:${language}`;
    const cached = this.endpoints.get(key);
    if (cached) {
      return cached.then((endpoint) => {
        if (Date.now() - endpoint.fetchedAt < CONFIG_TTL_MS) return endpoint;
        this.endpoints.delete(key);
        return this.endpoint(task, language);
      });
    }
    const pending = this.fetchEndpoint(task, language);
    this.endpoints.set(key, pending);
    pending.catch(() => this.endpoints.delete(key));
    return pending;
  }

  private async fetchEndpoint(task: BhashiniTask, language: Language): Promise<ServiceEndpoint> {
    const answer = (await postJson(
      this.options.configUrl,
      {
        pipelineTasks: [{ taskType: task, config: { language: { sourceLanguage: language } } }],
        pipelineRequestConfig: { pipelineId: this.options.pipelineId },
      },
      {
        headers: { userID: this.options.userId, ulcaApiKey: this.options.apiKey },
        timeoutMs: this.options.timeoutMs,
        retries: 1,
        what: `Bhashini ${task} config`,
      },
    )) as ConfigAnswer | null;
    const taskConfig = answer?.pipelineResponseConfig?.find((c) => c.taskType === task) ?? answer?.pipelineResponseConfig?.[0];
    const services = taskConfig?.config ?? [];
    // The answer lists services for the language asked; never fall back to another language's model.
    const service =
      services.find((s) => s.language?.sourceLanguage === language) ?? (services.every((s) => !s.language?.sourceLanguage) ? services[0] : undefined);
    const endpoint = answer?.pipelineInferenceAPIEndPoint;
    const keyName = endpoint?.inferenceApiKey?.name ?? 'Authorization';
    const keyValue = endpoint?.inferenceApiKey?.value;
    if (!service?.serviceId) throw new ProviderError('unavailable', `Bhashini offers no ${task} service for language "${language}" in this pipeline`);
    if (!endpoint?.callbackUrl || !keyValue) throw new ProviderError('failed', `Bhashini ${task} config: no inference endpoint or key in the answer`);
    return { serviceId: service.serviceId, callbackUrl: endpoint.callbackUrl, keyName, keyValue, fetchedAt: Date.now() };
  }
}

interface ConfigAnswer {
  pipelineResponseConfig?: Array<{
    taskType?: string;
    config?: Array<{ serviceId?: string; language?: { sourceLanguage?: string } }>;
  }>;
  pipelineInferenceAPIEndPoint?: {
    callbackUrl?: string;
    inferenceApiKey?: { name?: string; value?: string };
  };
}
