import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { postGraphQL, type GraphQLResponse, type ResponseTree, type TestStack } from '@psa/testing';
import { API_KEY_HEADER } from '@psa/gateway';

const ROOT = join(__dirname, '..', '..');

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `pnpm --silent apikeys ...` as the README has it, on the stack's gateway database. */
export function apikeys(stack: TestStack, ...args: string[]): Promise<CommandResult> {
  const env = { ...process.env, GATEWAY_DATABASE_URL: stack.b2b!.testDatabase.url };
  return new Promise((resolve) => {
    execFile('pnpm', ['--silent', 'apikeys', ...args], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs a command that must succeed and returns what it printed on stdout. */
export async function mustRun(stack: TestStack, ...args: string[]): Promise<string> {
  const result = await apikeys(stack, ...args);
  if (result.code !== 0) throw new Error(`apikeys ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return result.stdout;
}

/** The hashes `operations add` printed, by operation name. */
export function registeredHashes(stdout: string): Record<string, string> {
  return Object.fromEntries([...stdout.matchAll(/^([0-9a-f]{64}) {2}(\S+) {2}/gm)].map((m) => [m[2]!, m[1]!]));
}

export const persisted = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

/** A request made with an API key, to any gateway URL. */
export function withKey<T = ResponseTree>(
  url: string,
  key: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  return postGraphQL<T>(url, body, { [API_KEY_HEADER]: key, ...headers });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` is true; throws after `timeoutMs`. For effects the gateway leaves to finish on their own. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not so after ${timeoutMs} ms`);
    await sleep(100);
  }
}
