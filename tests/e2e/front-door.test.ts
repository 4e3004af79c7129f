import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';
import { API_SCHEMA_PATH, startGateway, type GatewayOptions } from '@psa/gateway';
import { postGraphQL, secret } from '@psa/testing';

/**
 * What a browser or a client library meets at the gateway's door before any subgraph is involved: CORS, CSRF
 * prevention, persisted queries, the IDE, the schema it shows. The gateway runs alone; none of these requests
 * reaches a subgraph.
 */
type RunningServer = Awaited<ReturnType<typeof startGateway>>;
const servers: RunningServer[] = [];
async function gateway(options: Partial<GatewayOptions> = {}): Promise<RunningServer> {
  const server = await startGateway({ jwtSecret: secret(), identitySecret: secret(), ...options });
  servers.push(server);
  return server;
}
afterAll(async () => {
  for (const server of servers) await server.close();
});

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

describe('CORS', () => {
  it('answers a preflight from an allowed origin with 204 and what the browser needs', async () => {
    const { url } = await gateway({ corsOrigins: ['https://app.example.org'] });
    const response = await preflight(url, 'https://app.example.org');
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toEqual(
      expect.objectContaining({
        'access-control-allow-origin': 'https://app.example.org',
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-max-age': '600',
        vary: 'Origin',
      }),
    );
    const allowedHeaders = response.headers.get('access-control-allow-headers')!.split(', ');
    expect(allowedHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name']));

    const answer = await fetch(url, {
      method: 'POST',
      headers: { origin: 'https://app.example.org', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('gives any other origin no Access-Control-Allow-Origin, and refuses its preflight', async () => {
    const { url } = await gateway({ corsOrigins: ['https://app.example.org'] });
    const response = await preflight(url, 'https://evil.example.net');
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toEqual({ error: expect.stringContaining('origin https://evil.example.net may not call this server from a browser') });
    const answer = await fetch(url, {
      method: 'POST',
      headers: { origin: 'https://evil.example.net', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the local dev-server origins by default in development, and none by default in production', async () => {
    const development = await gateway();
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:5173', 'http://localhost:4200', 'http://localhost:8080']) {
      expect((await preflight(development.url, origin)).headers.get('access-control-allow-origin')).toBe(origin);
    }
    expect((await preflight(development.url, 'http://localhost:9999')).status).toBe(403);
    const production = await gateway({ production: true });
    expect((await preflight(production.url, 'http://localhost:3000')).status).toBe(403);
    const configured = await gateway({ production: true, corsOrigins: ['https://app.example.org'] });
    expect((await preflight(configured.url, 'https://app.example.org')).status).toBe(204);
  });

  it("keeps Apollo's CSRF prevention: a request a browser would send without preflight is refused with 400", async () => {
    const { url } = await gateway({ corsOrigins: ['https://app.example.org'] });
    const simplePost = await fetch(url, {
      method: 'POST',
      headers: { origin: 'https://app.example.org', 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(simplePost.status).toBe(400);
    expect((await simplePost.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
    const simpleGet = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin: 'https://app.example.org' } });
    expect(simpleGet.status).toBe(400);
    const withHeader = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await withHeader.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('automatic persisted queries', () => {
  const query = '{ __typename }';
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const persisted = (sha256Hash: string, version = 1) => ({ persistedQuery: { version, sha256Hash } });

  it("refuses a hash that is not the query's with 400 PERSISTED_QUERY_HASH_MISMATCH", async () => {
    const { url } = await gateway();
    const answer = await postGraphQL(url, { query, extensions: persisted(sha256('{ somethingElse }')) });
    expect(answer.status).toBe(400);
    expect(answer.errors).toEqual([
      {
        message: 'extensions.persistedQuery.sha256Hash does not match the query: it must be the hex SHA-256 of the query text exactly as sent',
        extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' },
      },
    ]);
  });

  it('refuses a version other than 1 with 400 BAD_REQUEST', async () => {
    const { url } = await gateway();
    const answer = await postGraphQL(url, { query, extensions: persisted(sha256(query), 2) });
    expect(answer.status).toBe(400);
    expect(answer.errors).toEqual([{ message: 'extensions.persistedQuery.version must be 1', extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('registers a query with its right hash, then answers the hash alone', async () => {
    const { url } = await gateway();
    const unknown = await postGraphQL(url, { extensions: persisted(sha256(query)) });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await postGraphQL(url, { query, extensions: persisted(sha256(query)) })).data).toEqual({ __typename: 'Query' });
    expect((await postGraphQL(url, { extensions: persisted(sha256(query)) })).data).toEqual({ __typename: 'Query' });
  });
});

describe('the IDE', () => {
  it('is GraphiQL at GET /graphql for a browser, with its files from node_modules and the configured headers', async () => {
    const { url } = await gateway({ ide: { defaultHeaders: { Authorization: 'Bearer demo-token' } } });
    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html');
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(sources).toEqual(['data:,', 'ide/graphiql.min.css', 'ide/react.production.min.js', 'ide/react-dom.production.min.js', 'ide/graphiql.min.js']);
    expect(html).toContain('Bearer demo-token');

    for (const [path, type] of [
      ['ide/graphiql.min.js', 'text/javascript'],
      ['ide/graphiql.min.css', 'text/css'],
      ['ide/react.production.min.js', 'text/javascript'],
    ] as const) {
      const asset = await fetch(new URL(path, url));
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toContain(type);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      const again = await fetch(new URL(path, url), { headers: { 'if-none-match': asset.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
  });

  it('is not served in production', async () => {
    const { url } = await gateway({ production: true, ide: { defaultHeaders: { Authorization: 'Bearer demo-token' } } });
    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(400);
    expect(await page.text()).not.toContain('demo-token');
    expect((await fetch(new URL('ide/graphiql.min.js', url))).status).toBe(404);
  });
});

describe('the committed API schema (gateway/api-schema.graphql, for client code generation)', () => {
  it('is exactly the schema the gateway serves, and hides Pet.viewerAccess', async () => {
    const { url } = await gateway();
    const introspection = await postGraphQL<IntrospectionQuery>(url, { query: getIntrospectionQuery() });
    expect(introspection.errors).toBeUndefined();
    const served = `${printSchema(buildClientSchema(introspection.data!))}\n`;
    const committed = readFileSync(API_SCHEMA_PATH, 'utf8');
    expect(served).toBe(committed);
    expect(committed).not.toContain('viewerAccess');
  });
});
