import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database and demo data in development', () => {
    const sut = loadConfig({});
    expect(sut.embeddedDatabase).toBe(true);
    expect(sut.demoData).toBe(true);
    expect(sut.port).toBe(3000);
    expect(sut.publicUrl).toBe('http://localhost:3000');
    expect(Object.isFrozen(sut)).toBe(true);
  });

  it('uses neither the embedded database nor the demo in production unless enabled', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL/);
    const sut = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/aman' });
    expect(sut.embeddedDatabase).toBe(false);
    expect(sut.demoData).toBe(false);
    expect(sut.logFormat).toBe('json');
    const opted = loadConfig({ NODE_ENV: 'production', EMBEDDED_DATABASE: 'true', DEMO_DATA: 'true' });
    expect(opted.embeddedDatabase).toBe(true);
    expect(opted.demoData).toBe(true);
  });

  it('lists every problem in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SESSION_TTL_HOURS: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('SESSION_TTL_HOURS');
  });

  it('keeps a few database connections per core by default, and refuses a pool too small to serve', () => {
    expect(loadConfig({}).databasePoolSize).toBe(8);
    expect(loadConfig({ DATABASE_POOL_SIZE: '16' }).databasePoolSize).toBe(16);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '1' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('treats empty strings as unset and marks https deployments for secure cookies', () => {
    const sut = loadConfig({ SMTP_URL: '', PUBLIC_URL: 'https://aman.example.org/' });
    expect(sut.smtpUrl).toBeNull();
    expect(sut.publicUrl).toBe('https://aman.example.org');
    expect(sut.secureCookies).toBe(true);
  });
});
