import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { Pool } from 'pg';
import { openPostgres, type Database } from '@psa/db';
import { serveSubgraph, type Subgraph } from '@psa/subgraph-kit';
import { startGateway } from '@psa/gateway';
import { createTestDatabase, type TestDatabase } from './postgres';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface RunningSubgraph {
  name: string;
  url: string;
  database: Database;
  testDatabase: TestDatabase;
  /** Direct SQL access for assertions on what was stored (not through the subgraph). */
  sql: Pool;
  /** Every statement the subgraph's query builder sent since the last reset. */
  statements: string[];
}

export interface TestStack {
  gatewayUrl: string;
  subgraphs: Record<string, RunningSubgraph>;
  identitySecret: string;
  jwtSecret: string;
  token(subject: string, roles?: string[]): Promise<string>;
  query<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export const secret = () => randomBytes(32).toString('hex');

export async function postGraphQL<T = any>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  return { status: response.status, data: json.data, errors: json.errors };
}

/**
 * The real thing on real PostgreSQL: every subgraph on a throwaway database of its own, served over HTTP, behind
 * the gateway started from the committed supergraph.
 */
export async function startTestStack(subgraphs: Subgraph<any>[]): Promise<TestStack> {
  const identitySecret = secret();
  const jwtSecret = secret();
  const running: Record<string, RunningSubgraph> = {};
  const closers: (() => Promise<void>)[] = [];
  try {
    for (const subgraph of subgraphs) {
      const testDatabase = await createTestDatabase(subgraph.name);
      closers.push(() => testDatabase.drop());
      const statements: string[] = [];
      const database = openPostgres(testDatabase.url, { onQuery: (statement) => statements.push(statement) });
      const sql = new Pool({ connectionString: testDatabase.url, max: 2 });
      closers.push(() => sql.end());
      closers.push(() => database.close());
      const server = await serveSubgraph(subgraph, { database, identitySecret });
      closers.push(() => server.close());
      running[subgraph.name] = { name: subgraph.name, url: server.url, database, testDatabase, sql, statements };
    }
    const gateway = await startGateway({
      jwtSecret,
      identitySecret,
      subgraphUrls: Object.fromEntries(Object.values(running).map((s) => [s.name, s.url])),
    });
    closers.push(() => gateway.close());
    const jwtKey = new TextEncoder().encode(jwtSecret);
    return {
      gatewayUrl: gateway.url,
      subgraphs: running,
      identitySecret,
      jwtSecret,
      token: (subject, roles = []) =>
        new SignJWT({ roles }).setProtectedHeader({ alg: 'HS256' }).setSubject(subject).setIssuedAt().setExpirationTime('1h').sign(jwtKey),
      query: (query, variables, token) =>
        postGraphQL(gateway.url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {}),
      close: async () => {
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}
