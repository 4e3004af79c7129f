/**
 * The load generator, a process of its own (forked by load-client.ts): autocannon with a body and headers
 * chosen per request (setupRequest), so its CPU is its own and is measured apart from the gateways'.
 */
import autocannon from 'autocannon';
import type { LoadCommand, LoadReply, LoadResult, LoadTarget, Scenario } from './load-protocol';
import { authHeaders, KINDS_OF, nextRequest, type BenchOwner } from './traffic';

let owners: BenchOwner[] = [];
let identitySecret = '';

async function check({ target, traffic, operation }: Scenario): Promise<void> {
  for (const kind of KINDS_OF[operation]) {
    const request = nextRequest(owners, traffic, operation, target.auth, identitySecret, kind);
    const response = await fetch(target.url, { method: 'POST', headers: request.headers, body: request.body });
    const text = await response.text();
    let answer: { data?: unknown; errors?: unknown };
    try {
      answer = JSON.parse(text);
    } catch {
      throw new Error(`${kind}: HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
    }
    if (response.status !== 200 || answer.errors || !answer.data) throw new Error(`${kind}: HTTP ${response.status}: ${text.slice(0, 500)}`);
  }
}

const ISOLATION_QUERY = JSON.stringify({ query: 'query Isolation { me { pets { id } } }' });
const ISOLATION_OWNERS = 32;

async function isolation(target: LoadTarget): Promise<void> {
  const askers = owners.slice(0, ISOLATION_OWNERS);
  const answers = await Promise.all(
    askers.map(async (owner) => {
      const headers = { 'content-type': 'application/json', ...authHeaders(target.auth, owner, ISOLATION_QUERY, identitySecret) };
      const response = await fetch(target.url, { method: 'POST', headers, body: ISOLATION_QUERY });
      const answer = (await response.json()) as { data?: { me?: { pets?: { id: string }[] } } };
      const got = (answer.data?.me?.pets ?? []).map((p) => p.id).sort();
      return JSON.stringify(got) === JSON.stringify([...owner.petIds].sort()) ? null : `${owner.clerkId} got ${JSON.stringify(answer).slice(0, 200)}`;
    }),
  );
  const wrong = answers.filter((a): a is string => a !== null);
  if (wrong.length > 0) throw new Error(`${wrong.length} of ${askers.length} owners asking at once got someone else's answer (or none), e.g. ${wrong[0]}`);
}

async function load(scenario: Scenario, seconds: number, connections: number, rate?: number): Promise<LoadResult> {
  const { target, traffic, operation } = scenario;
  let graphqlErrors = 0;
  let firstError: string | undefined;
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    connections,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const next = nextRequest(owners, traffic, operation, target.auth, identitySecret);
          return { ...request, method: 'POST', body: next.body, headers: { ...request.headers, ...next.headers } };
        },
        // A GraphQL error comes with HTTP 200: look for it in the body, or a refused identity would count as served.
        onResponse: (status, responseBody) => {
          if (status === 200 && responseBody.includes('"errors"')) {
            graphqlErrors += 1;
            firstError ??= responseBody.slice(0, 300);
          }
        },
      },
    ],
  });
  const requests = result.requests.total ?? 0;
  const elapsed = result.duration || seconds;
  return {
    requests,
    seconds: elapsed,
    requestsPerSecond: Number((requests / elapsed).toFixed(1)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
    graphqlErrors,
    ...(firstError ? { firstError } : {}),
  };
}

async function handle(command: LoadCommand): Promise<LoadResult | undefined> {
  switch (command.type) {
    case 'init':
      owners = command.owners;
      identitySecret = command.identitySecret;
      return undefined;
    case 'check':
      await check(command.scenario);
      return undefined;
    case 'isolation':
      await isolation(command.target);
      return undefined;
    case 'load':
      return load(command.scenario, command.seconds, command.connections, command.rate);
  }
}

process.on('message', (message: { id: number; command: LoadCommand }) => {
  handle(message.command).then(
    (result) => process.send!({ id: message.id, ok: true, ...(result ? { result } : {}) } satisfies LoadReply),
    (error: Error) => process.send!({ id: message.id, ok: false, error: error.message } satisfies LoadReply),
  );
});
// The benchmark going away (normally or not) ends the load generator too.
process.on('disconnect', () => process.exit(0));
