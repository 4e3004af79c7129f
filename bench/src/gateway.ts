/**
 * Gateway throughput and latency, one run per (operation, target), all in one process run on the same subgraphs:
 * ours; the subgraph called directly (the limit, single-subgraph operation only); stock @apollo/gateway;
 * Hive Gateway. autocannon with fixed connections and duration, after a warm-up.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { LocalTransport } from '@psa/events';
import { SUPERGRAPH_PATH } from '@psa/gateway';
import { signIdentity } from '@psa/identity';
import { postGraphQL, startTestStack } from '@psa/testing';
import { seedOwnerWithPets } from './fixtures';
import { startHiveGateway } from './peers/hive';
import { startStockApolloGateway } from './peers/stock-apollo';
import { log, round, saveSection } from './results';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 6);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2);
// Rounds over every (operation, target), interleaved so drift in the machine's load spreads over all targets.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const OPERATIONS = {
  single: `query($id: ID!) { pet(id: $id) { id name species weight status } }`,
  cross: `{ me { firstName pets { name registry { registryNumber } licenses { licenseNumber } vaccinations { vaccineName } } } }`,
  deep: `{ me { households { household { name members { displayName } pets { name owner { id } registry { registryNumber } vaccinations { vaccineName pet { name household { name } } } licenses { licenseNumber pet { name } } } } } } }`,
};

interface Run {
  operation: string;
  target: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, body: string, headers: Record<string, string>, seconds: number) {
  return autocannon({ url, method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, connections: CONNECTIONS, duration: seconds });
}

export async function benchGateway(): Promise<void> {
  const stack = await startTestStack([core, licensure], { workers: false, transport: new LocalTransport() });
  const clerkId = 'bench-owner';
  try {
    const { petIds } = await seedOwnerWithPets(stack, clerkId, 20);
    const subgraphUrls = { core: stack.subgraphs.core!.url, licensure: stack.subgraphs.licensure!.url };
    const stock = await startStockApolloGateway(subgraphUrls);
    const hive = await startHiveGateway({ supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'), subgraphUrls });
    const bearer = { authorization: `Bearer ${await stack.token(clerkId)}` };
    // Signed identities are valid 5 minutes: sign afresh before each run.
    // Identities are signed per subgraph and body: peers that forward a client's header cannot pass them on
    // (they need a signing hook per subgraph call, as ours has); only the direct target can be pre-signed.
    const signed = () => signIdentity({ subject: clerkId, roles: [] }, stack.identitySecret, { audience: 'core', body: JSON.stringify({ query: OPERATIONS.single, variables: { id: petIds[0] } }) });
    const targets: { name: string; url: string; headers: () => Record<string, string>; operations: (keyof typeof OPERATIONS)[] }[] = [
      { name: 'ours', url: stack.gatewayUrl, headers: () => bearer, operations: ['single', 'cross', 'deep'] },
      { name: 'direct subgraph', url: subgraphUrls.core, headers: signed, operations: ['single'] },
      { name: 'stock @apollo/gateway', url: stock.url, headers: signed, operations: ['single', 'cross', 'deep'] },
      { name: 'Hive Gateway', url: hive.url, headers: signed, operations: ['single', 'cross', 'deep'] },
    ];
    const samples: Run[] = [];
    try {
      for (let pass = 1; pass <= ROUNDS; pass++)
      for (const operation of Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[]) {
        const body = JSON.stringify({ query: OPERATIONS[operation], variables: { id: petIds[0] } });
        for (const target of targets.filter((t) => t.operations.includes(operation))) {
          // Every target must answer correctly before it is timed.
          const check = await postGraphQL(target.url, JSON.parse(body), target.headers());
          if (check.errors || !check.data) throw new Error(`${target.name} ${operation}: ${JSON.stringify(check.errors ?? check)}`);
          await load(target.url, body, target.headers(), WARMUP_S);
          const result = await load(target.url, body, target.headers(), DURATION_S);
          const run = {
            operation,
            target: target.name,
            requestsPerSecond: round(result.requests.average, 1),
            p50: result.latency.p50,
            p99: result.latency.p99,
            errors: result.errors + result.non2xx + result.timeouts,
          };
          samples.push(run);
          log(`round ${pass}: ${operation} via ${target.name}: ${run.requestsPerSecond} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, errors ${run.errors}`);
        }
      }
    } finally {
      await stock.close();
      await hive.close();
    }
    // The median round of each (operation, target), by requests/s.
    const runs: Run[] = [];
    for (const operation of Object.keys(OPERATIONS)) {
      for (const target of targets) {
        const mine = samples.filter((r) => r.operation === operation && r.target === target.name).sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
        if (mine.length) runs.push(mine[Math.floor(mine.length / 2)]!);
      }
    }
    const rps = (operation: string, target: string) => runs.find((r) => r.operation === operation && r.target === target)?.requestsPerSecond;
    const ratio = (a?: number, b?: number) => (a && b ? round(a / b, 2) : '-');
    const ratios = Object.keys(OPERATIONS).map((op) => ({
      operation: op,
      oursOverStock: ratio(rps(op, 'ours'), rps(op, 'stock @apollo/gateway')),
      oursOverHive: ratio(rps(op, 'ours'), rps(op, 'Hive Gateway')),
      oursOverDirect: ratio(rps(op, 'ours'), rps(op, 'direct subgraph')),
    }));
    saveSection('gateway', {
      figures: { connections: CONNECTIONS, durationSeconds: DURATION_S, warmupSeconds: WARMUP_S, rounds: ROUNDS, medians: runs, ratios, samples },
      table: {
        title: `Gateway: requests/s and latency, median of ${ROUNDS} interleaved rounds (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s after ${WARMUP_S} s warm-up)`,
        columns: ['operation', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
        rows: runs.map((r) => [r.operation, r.target, r.requestsPerSecond, r.p50, r.p99, r.errors]),
        notes: ratios.map((r) => `${r.operation}: ours/stock ${r.oursOverStock}, ours/Hive ${r.oursOverHive}, ours/direct ${r.oursOverDirect}`),
      },
    });
  } finally {
    await stack.close();
  }
}
