import { z } from 'zod';
import { ConfigError } from './config-error';
import { secretsKeySchema, serviceEnvSchema } from './env-schemas';
import { loadConfig } from './load-config';

const schema = serviceEnvSchema(3001).extend({ SECRETS_KEY: secretsKeySchema });
const goodKey = Buffer.alloc(32, 7).toString('base64');

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig('fetcher', schema, env);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  return [];
}

describe('loadConfig', () => {
  it('fills defaults for everything optional', () => {
    const config = loadConfig('fetcher', schema, { SECRETS_KEY: goodKey });
    expect(config).toMatchObject({
      HTTP_PORT: 3001,
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      MONGO_URL: 'mongodb://127.0.0.1:27017/isams-sync',
      AMQP_PREFETCH: 10,
      MESSAGING_PREFIX: '',
      SHUTDOWN_TIMEOUT_MS: 10000,
      METRICS_ENABLED: true,
      LOG_LEVEL: 'info',
    });
  });

  it.each([
    [{ HTTP_PORT: 'eighty' }, 'HTTP_PORT: must be a whole number from 0 to 65535'],
    [{ HTTP_PORT: '70000' }, 'HTTP_PORT: must be a whole number from 0 to 65535'],
    [{ AMQP_URL: 'http://rabbit' }, 'AMQP_URL: must be a URL starting with amqp: or amqps:'],
    [{ AMQP_URL: 'not a url' }, 'AMQP_URL: must be a URL starting with amqp: or amqps:'],
    [{ MONGO_URL: 'postgres://x' }, 'MONGO_URL: must be a URL starting with mongodb: or mongodb+srv:'],
    [{ AMQP_PREFETCH: '0' }, 'AMQP_PREFETCH: must be a whole number from 1 to 1000'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL:'],
    [{ METRICS_ENABLED: 'yes' }, 'METRICS_ENABLED:'],
    [{ MESSAGING_PREFIX: 'Bad Prefix' }, 'MESSAGING_PREFIX: may hold only lower-case letters, digits, dots and dashes'],
  ])('names the bad variable %j', (env, expected) => {
    const problems = problemsOf({ SECRETS_KEY: goodKey, ...env });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it.each([
    [undefined, 'SECRETS_KEY: is required'],
    ['c2hvcnQ=', 'SECRETS_KEY: must be base64 of exactly 32 bytes'],
    ['!!!!', 'SECRETS_KEY: must be base64 of exactly 32 bytes'],
  ])('rejects secrets key %p without echoing it', (key, expected) => {
    const problems = problemsOf({ SECRETS_KEY: key });
    expect(problems[0]).toContain(expected);
    if (key) expect(problems.join('\n')).not.toContain(key);
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ HTTP_PORT: 'x', AMQP_URL: 'nope', SECRETS_KEY: undefined });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['AMQP_URL', 'HTTP_PORT', 'SECRETS_KEY']);
  });

  it('builds an error message that names the app and each variable', () => {
    expect(() => loadConfig('importer', z.object({ A: z.string() }), {})).toThrow(
      /importer: invalid configuration:\n {2}- A: Required/,
    );
  });
});
