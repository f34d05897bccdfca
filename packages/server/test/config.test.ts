import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@batchyard/server';

describe('configuration', () => {
  it('takes flags over environment over defaults', () => {
    const config = loadConfig(
      { port: '9000' },
      { BATCHYARD_PORT: '7000', BATCHYARD_HOST: '0.0.0.0', BATCHYARD_WORKER: 'false' },
    );
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      worker: false,
      logLevel: 'info',
      bodyLimit: 1048576,
    });
    expect(config.databaseUrl).toBe(`sqlite:${config.dataDir}/batchyard.db`);
  });

  it('names the flag and variable at fault, with the bad value', () => {
    expect(() => loadConfig({ port: 'eighty' }, {})).toThrow(ConfigError);
    expect(() => loadConfig({ port: 'eighty' }, {})).toThrow(/--port \/ BATCHYARD_PORT.*"eighty"/);
    expect(() => loadConfig({}, { BATCHYARD_LOG_LEVEL: 'loud' })).toThrow(
      /--log-level \/ BATCHYARD_LOG_LEVEL/,
    );
    expect(() => loadConfig({ databaseUrl: 'mysql://x' }, {})).toThrow(
      /--database-url.*sqlite:<path> or postgres/,
    );
    expect(() => loadConfig({ jwtSecret: 'short' }, {})).toThrow(/--jwt-secret/);
  });
});
