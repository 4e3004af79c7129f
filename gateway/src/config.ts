import { DEFAULT_SUBGRAPH_CALLS, type SubgraphCallOptions } from './subgraph-calls';
import { DEFAULT_REDIS_KEY_PREFIX, type RedisSettings } from './b2b';

/** The gateway's environment, read once at start-up; every problem is reported at once. */
export interface GatewayEnv {
  port: number;
  host: string;
  jwtSecret: string;
  identitySecret: string;
  /** Subgraph name -> URL, from SUBGRAPH_<NAME>_URL; subgraphs not named keep the supergraph's local default. */
  subgraphUrls: Record<string, string>;
  production: boolean;
  /** Checked in every bearer token when set. */
  jwtIssuer?: string;
  jwtAudience?: string;
  subgraphCalls: SubgraphCallOptions;
  /** From SUBGRAPH_<NAME>_TIMEOUT_MS and SUBGRAPH_<NAME>_MUTATION_TIMEOUT_MS. */
  subgraphCallsOf: Record<string, Partial<SubgraphCallOptions>>;
  /** Browser origins allowed to call the API (CORS_ORIGINS). */
  corsOrigins: string[];
  /** The gateway's own database: API clients, keys and registered operations (GATEWAY_DATABASE_URL). */
  databaseUrl: string;
  /** Where replicas share rate counts and automatic persisted queries (REDIS_URL, REDIS_KEY_PREFIX); optional. */
  redis?: RedisSettings;
}

/** Where front-end dev servers usually run: Next.js/CRA, Vite (dev and preview), Angular, webpack/Vue CLI. */
const DEV_SERVER_PORTS = [3000, 3001, 4173, 4200, 5173, 5174, 8080];
export const DEVELOPMENT_CORS_ORIGINS: readonly string[] = DEV_SERVER_PORTS.flatMap((port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`]);

/**
 * CORS_ORIGINS is a comma-separated list of origins such as "https://app.example.org,http://localhost:3000".
 * Unset: the local dev-server origins in development, none in production. Set but empty: none.
 */
function parseCorsOrigins(value: string | undefined, production: boolean, problems: string[]): string[] {
  if (value === undefined) return production ? [] : [...DEVELOPMENT_CORS_ORIGINS];
  const origins: string[] = [];
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    if (entry === '*') {
      problems.push('CORS_ORIGINS cannot be "*": browsers may send credentials, so list each origin (e.g. https://app.example.org)');
      continue;
    }
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      if (url.protocol === 'http:' || url.protocol === 'https:') origin = url.origin;
    } catch {}
    // A browser sends the origin in exactly this form; anything else would never match.
    if (origin !== entry) {
      problems.push(
        `CORS_ORIGINS entry "${entry}" is not an origin: write scheme://host[:port], no path or trailing slash${origin ? ` (did you mean ${origin}?)` : ''}`,
      );
      continue;
    }
    origins.push(origin);
  }
  return origins;
}

function parseRedis(env: NodeJS.ProcessEnv, problems: string[]): RedisSettings | undefined {
  const keyPrefix = env.REDIS_KEY_PREFIX ?? DEFAULT_REDIS_KEY_PREFIX;
  if (!/^\S+$/.test(keyPrefix)) problems.push(`REDIS_KEY_PREFIX must be a non-empty text without spaces, got "${keyPrefix}"`);
  if (!env.REDIS_URL) return undefined;
  let protocol = '';
  try {
    protocol = new URL(env.REDIS_URL).protocol;
  } catch {}
  if (protocol !== 'redis:' && protocol !== 'rediss:') problems.push('REDIS_URL must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379)');
  return { url: env.REDIS_URL, keyPrefix };
}

function refuseToStart(problems: string[]): void {
  if (problems.length > 0) throw new Error(`gateway cannot start:\n  - ${problems.join('\n  - ')}`);
}

/** CORS_ORIGINS alone, for processes that start the gateway with their own settings (the embedded stack). */
export function readCorsOrigins(env: NodeJS.ProcessEnv = process.env, production = false): string[] {
  const problems: string[] = [];
  const origins = parseCorsOrigins(env.CORS_ORIGINS, production, problems);
  refuseToStart(problems);
  return origins;
}

export function readGatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret.length < 32) problems.push('JWT_SECRET must be set to at least 32 characters (HS256 key for bearer tokens)');
  const identitySecret = env.IDENTITY_SIGNING_SECRET ?? '';
  if (identitySecret.length < 32) problems.push('IDENTITY_SIGNING_SECRET must be set to at least 32 characters (shared with every subgraph)');
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (!match || !value) continue;
    try {
      new URL(value);
    } catch {
      problems.push(`${key} must be a URL, got "${value}"`);
    }
    subgraphUrls[match[1]!.toLowerCase()] = value;
  }
  const whole = (name: string, fallback: number, min: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < min) problems.push(`${name} must be a whole number of at least ${min}, got "${env[name]}"`);
    return value;
  };
  const subgraphCalls = {
    timeoutMs: whole('SUBGRAPH_TIMEOUT_MS', DEFAULT_SUBGRAPH_CALLS.timeoutMs, 1),
    mutationTimeoutMs: whole('SUBGRAPH_MUTATION_TIMEOUT_MS', DEFAULT_SUBGRAPH_CALLS.mutationTimeoutMs, 1),
    failuresToOpen: whole('SUBGRAPH_CIRCUIT_FAILURES', DEFAULT_SUBGRAPH_CALLS.failuresToOpen, 1),
    openMs: whole('SUBGRAPH_CIRCUIT_OPEN_MS', DEFAULT_SUBGRAPH_CALLS.openMs, 0),
  };
  const subgraphCallsOf: Record<string, Partial<SubgraphCallOptions>> = {};
  for (const key of Object.keys(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+?)_(MUTATION_)?TIMEOUT_MS$/.exec(key);
    if (!match || match[1] === 'MUTATION') continue;
    const own = (subgraphCallsOf[match[1]!.toLowerCase()] ??= {});
    own[match[2] ? 'mutationTimeoutMs' : 'timeoutMs'] = whole(key, 0, 1);
  }
  const corsOrigins = parseCorsOrigins(env.CORS_ORIGINS, production, problems);
  const databaseUrl = env.GATEWAY_DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\/./.test(databaseUrl)) {
    problems.push(
      `GATEWAY_DATABASE_URL must be set to a postgres:// URL (the gateway's own database: API clients, keys, registered operations)${databaseUrl ? `, got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}"` : ''}`,
    );
  }
  const redis = parseRedis(env, problems);
  refuseToStart(problems);
  // Loopback unless told otherwise (containers set HOST=0.0.0.0), as the embedded stack does.
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    jwtSecret,
    identitySecret,
    subgraphUrls,
    production,
    subgraphCalls,
    subgraphCallsOf,
    corsOrigins,
    databaseUrl,
    ...(redis ? { redis } : {}),
    ...(env.JWT_ISSUER ? { jwtIssuer: env.JWT_ISSUER } : {}),
    ...(env.JWT_AUDIENCE ? { jwtAudience: env.JWT_AUDIENCE } : {}),
  };
}
