import { DEVELOPMENT_CORS_ORIGINS, readGatewayEnv } from '../src/config';

const SECRETS = { JWT_SECRET: 'j'.repeat(32), IDENTITY_SIGNING_SECRET: 'i'.repeat(32), GATEWAY_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/psa_gateway' };

describe('CORS_ORIGINS', () => {
  it('defaults to the local dev-server origins in development and to none in production', () => {
    const development = readGatewayEnv({ ...SECRETS });
    expect(development.corsOrigins).toEqual([...DEVELOPMENT_CORS_ORIGINS]);
    expect(development.corsOrigins).toEqual(
      expect.arrayContaining(['http://localhost:3000', 'http://127.0.0.1:3000', 'http://localhost:5173', 'http://localhost:4200', 'http://localhost:8080']),
    );
    expect(readGatewayEnv({ ...SECRETS, NODE_ENV: 'production' }).corsOrigins).toEqual([]);
  });

  it('takes a comma-separated list of origins, and an empty value means none', () => {
    const env = readGatewayEnv({ ...SECRETS, NODE_ENV: 'production', CORS_ORIGINS: ' https://app.example.org, http://localhost:9000 ,' });
    expect(env.corsOrigins).toEqual(['https://app.example.org', 'http://localhost:9000']);
    expect(readGatewayEnv({ ...SECRETS, CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
  });

  it('reports every bad entry, with the other problems, at once', () => {
    const read = () =>
      readGatewayEnv({ ...SECRETS, JWT_SECRET: 'short', CORS_ORIGINS: 'https://app.example.org/,*,localhost:3000,ftp://files.example.org,HTTP://Example.org' });
    expect(read).toThrow(
      [
        'gateway cannot start:',
        '  - JWT_SECRET must be set to at least 32 characters (HS256 key for bearer tokens)',
        '  - CORS_ORIGINS entry "https://app.example.org/" is not an origin: write scheme://host[:port], no path or trailing slash (did you mean https://app.example.org?)',
        '  - CORS_ORIGINS cannot be "*": browsers may send credentials, so list each origin (e.g. https://app.example.org)',
        '  - CORS_ORIGINS entry "localhost:3000" is not an origin: write scheme://host[:port], no path or trailing slash',
        '  - CORS_ORIGINS entry "ftp://files.example.org" is not an origin: write scheme://host[:port], no path or trailing slash',
        '  - CORS_ORIGINS entry "HTTP://Example.org" is not an origin: write scheme://host[:port], no path or trailing slash (did you mean http://example.org?)',
      ].join('\n'),
    );
  });
});

describe('subgraph call limits', () => {
  it('default, gateway-wide and per subgraph, with every bad value reported', () => {
    const env = readGatewayEnv({
      ...SECRETS,
      SUBGRAPH_TIMEOUT_MS: '2000',
      SUBGRAPH_LICENSURE_TIMEOUT_MS: '800',
      SUBGRAPH_LICENSURE_MUTATION_TIMEOUT_MS: '9000',
    });
    expect(env.subgraphCalls).toEqual({ timeoutMs: 2000, mutationTimeoutMs: 30_000, failuresToOpen: 5, openMs: 10_000 });
    expect(env.subgraphCallsOf).toEqual({ licensure: { timeoutMs: 800, mutationTimeoutMs: 9000 } });
    expect(() => readGatewayEnv({ ...SECRETS, SUBGRAPH_TIMEOUT_MS: 'soon', SUBGRAPH_CORE_TIMEOUT_MS: '-1' })).toThrow(
      [
        'gateway cannot start:',
        '  - SUBGRAPH_TIMEOUT_MS must be a whole number of at least 1, got "soon"',
        '  - SUBGRAPH_CORE_TIMEOUT_MS must be a whole number of at least 1, got "-1"',
      ].join('\n'),
    );
  });
});

describe("the gateway's database and Redis", () => {
  it('needs GATEWAY_DATABASE_URL; REDIS_URL is optional, with the default key prefix', () => {
    const env = readGatewayEnv({ ...SECRETS });
    expect(env.databaseUrl).toBe(SECRETS.GATEWAY_DATABASE_URL);
    expect(env.redis).toBeUndefined();
    expect(readGatewayEnv({ ...SECRETS, REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'psa:' });
    expect(readGatewayEnv({ ...SECRETS, REDIS_URL: 'rediss://cache.example.org:6380', REDIS_KEY_PREFIX: 'eu1:' }).redis).toEqual({
      url: 'rediss://cache.example.org:6380',
      keyPrefix: 'eu1:',
    });
  });

  it("reports a missing database, a URL that is not Redis's and a bad prefix at once, without the password", () => {
    const { GATEWAY_DATABASE_URL: _unset, ...withoutDatabase } = SECRETS;
    expect(() => readGatewayEnv({ ...withoutDatabase, REDIS_URL: 'http://127.0.0.1:6379', REDIS_KEY_PREFIX: 'two words' })).toThrow(
      [
        'gateway cannot start:',
        "  - GATEWAY_DATABASE_URL must be set to a postgres:// URL (the gateway's own database: API clients, keys, registered operations)",
        '  - REDIS_KEY_PREFIX must be a non-empty text without spaces, got "two words"',
        '  - REDIS_URL must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379)',
      ].join('\n'),
    );
    expect(() => readGatewayEnv({ ...SECRETS, GATEWAY_DATABASE_URL: 'mysql://root:hunter2@db/psa' })).toThrow(
      'GATEWAY_DATABASE_URL must be set to a postgres:// URL (the gateway\'s own database: API clients, keys, registered operations), got "mysql://root:***@db/psa"',
    );
  });
});
