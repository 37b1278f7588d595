import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('starts on embedded defaults with no variables at all', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/bot.db' });
    expect(config.whatsapp).toBeUndefined();
    expect(config.whatsappMissing).toEqual([]);
    expect(config.env.WHATSAPP_API_URL).toBe('https://graph.facebook.com/v23.0');
    expect(config.logLevel).toBe('info');
  });

  it('reads PostgreSQL and WhatsApp settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/bot',
      WHATSAPP_VERIFY_TOKEN: 'v',
      WHATSAPP_APP_SECRET: 's',
      WHATSAPP_ACCESS_TOKEN: 'a',
      WHATSAPP_PHONE_NUMBER_ID: '123',
      WHATSAPP_API_URL: 'http://127.0.0.1:9999/v23.0/',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/bot' });
    expect(config.whatsapp).toEqual({ verifyToken: 'v', appSecret: 's', accessToken: 'a', phoneNumberId: '123', apiUrl: 'http://127.0.0.1:9999/v23.0' });
  });

  it('keeps WhatsApp off and names what is missing when only some variables are set', () => {
    const config = loadConfig({ WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_ACCESS_TOKEN: 'a' });
    expect(config.whatsapp).toBeUndefined();
    expect(config.whatsappMissing).toEqual(['WHATSAPP_APP_SECRET', 'WHATSAPP_PHONE_NUMBER_ID']);
  });

  it('reports every invalid variable at once, by name', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', WHATSAPP_API_URL: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'WHATSAPP_API_URL']) expect(message).toContain(name);
  });
});
