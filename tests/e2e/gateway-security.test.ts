import { Agent, request as httpRequest } from 'node:http';
import { SignJWT } from 'jose';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startGateway } from '@psa/gateway';
import type { RunningServer } from '@psa/http';
import { postGraphQL, startTestStack, type TestStack } from '@psa/testing';
import { createOwner } from './helpers';

/** What the gateway accepts as a token, and what it tells a stranger in production. */
let stack: TestStack;
let production: RunningServer;
const ISSUER = 'https://id.example.com/';
const AUDIENCE = 'psa-api';

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
  await createOwner(stack, 'token-owner');
  production = await startGateway({
    jwtSecret: stack.jwtSecret,
    identitySecret: stack.identitySecret,
    subgraphUrls: { core: stack.subgraphs.core!.url, licensure: stack.subgraphs.licensure!.url },
    production: true,
    jwtIssuer: ISSUER,
    jwtAudience: AUDIENCE,
  });
});
afterAll(async () => {
  await production?.close();
  await stack?.close();
});

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

function token(claims: { exp?: number; iat?: number; iss?: string; aud?: string; sub?: string; roles?: string[] }): Promise<string> {
  const { sub = 'token-owner', roles = [], ...rest } = claims;
  return new SignJWT({ roles, ...rest }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).sign(new TextEncoder().encode(stack.jwtSecret));
}

const now = () => Math.floor(Date.now() / 1000);

describe('bearer tokens', () => {
  it.each([
    ['without exp', () => token({ iat: now() }), 'token is not accepted: exp is missing'],
    ['expired', () => token({ iat: now() - 7200, exp: now() - 3600 }), 'token has expired'],
    ['issued an hour in the future', () => token({ iat: now() + 3600, exp: now() + 7200 }), 'token is issued in the future (iat)'],
  ])('a token %s is refused with 401 UNAUTHENTICATED', async (_what, make, message) => {
    const res = await postGraphQL(stack.gatewayUrl, { query: '{ me { id } }' }, { authorization: `Bearer ${await make()}` });
    expect(res.status).toBe(401);
    expect(res.errors).toEqual([{ message, extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('a token with exp and a current iat is accepted', async () => {
    const res = await postGraphQL(
      stack.gatewayUrl,
      { query: '{ me { lastName } }' },
      { authorization: `Bearer ${await token({ iat: now(), exp: now() + 60 })}` },
    );
    expect(res).toEqual({ status: 200, data: { me: { lastName: 'token-owner' } } });
  });

  it('with an issuer and an audience configured, a token must name both', async () => {
    const good = await token({ iat: now(), exp: now() + 60, iss: ISSUER, aud: AUDIENCE });
    expect(await postGraphQL(production.url, { query: '{ me { lastName } }' }, { authorization: `Bearer ${good}` })).toEqual({
      status: 200,
      data: { me: { lastName: 'token-owner' } },
    });
    for (const [claims, message] of [
      [{ iss: 'https://elsewhere.example.com/', aud: AUDIENCE }, 'token is not accepted: iss does not match'],
      [{ iss: ISSUER, aud: 'another-api' }, 'token is not accepted: aud does not match'],
      [{ aud: AUDIENCE }, 'token is not accepted: iss is missing'],
    ] as const) {
      const res = await postGraphQL(
        production.url,
        { query: '{ me { id } }' },
        { authorization: `Bearer ${await token({ iat: now(), exp: now() + 60, ...claims })}` },
      );
      expect([res.status, res.errors]).toEqual([401, [{ message, extensions: { code: 'UNAUTHENTICATED' } }]]);
    }
  });
});

describe('production mode tells a stranger nothing of the schema or its subgraphs', () => {
  const ownerToken = () => token({ iat: now(), exp: now() + 60, iss: ISSUER, aud: AUDIENCE });

  it('introspection is off', async () => {
    const res = await postGraphQL(production.url, { query: '{ __schema { types { name } } }' });
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.data).toBeUndefined();
    const development = await postGraphQL(stack.gatewayUrl, { query: '{ __schema { queryType { name } } }' });
    expect(development).toEqual({ status: 200, data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('a misspelt field gets no suggestion', async () => {
    const res = await postGraphQL(production.url, { query: '{ me { emial } }' }, { authorization: `Bearer ${await ownerToken()}` });
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean|email/);
    const development = await postGraphQL(
      stack.gatewayUrl,
      { query: '{ me { emial } }' },
      { authorization: `Bearer ${await token({ iat: now(), exp: now() + 60 })}` },
    );
    expect(development.errors![0]!.message).toBe('Cannot query field "emial" on type "Owner". Did you mean "email"?');
  });

  it('an error from a subgraph does not name the subgraph', async () => {
    const query = '{ vaccinationsDue(before: "2030-01-01") { id } }';
    const res = await postGraphQL(production.url, { query }, { authorization: `Bearer ${await ownerToken()}` });
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN' });
    const development = await postGraphQL(stack.gatewayUrl, { query }, { authorization: `Bearer ${await token({ iat: now(), exp: now() + 60 })}` });
    expect(development.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', serviceName: 'licensure' });
  });
});

describe('request bodies', () => {
  it('a body over 1 MiB gets 413 and a coded error, and the same connection then answers the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: string) =>
      new Promise<{ status: number; json: { errors?: { extensions?: { code?: string } }[]; data?: unknown } }>((resolve, reject) => {
        const request = httpRequest(stack.gatewayUrl, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) }));
        });
        request.on('error', reject);
        request.end(body);
      });
    const oversized = await post(JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(1024 * 1024) } }));
    expect([oversized.status, codeOf(oversized.json)]).toEqual([413, 'BAD_REQUEST']);
    const next = await post(JSON.stringify({ query: '{ __typename }' }));
    expect([next.status, next.json.data]).toEqual([200, { __typename: 'Query' }]);
    agent.destroy();
  });
});
