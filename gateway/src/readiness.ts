import type { ReadinessReport } from '@psa/http';
import type { SubgraphDataSource } from './subgraph-calls';

export interface SubgraphReport {
  /** Its /ready answered 200 within a second. */
  up: boolean;
  circuit: string;
}

const PROBE_TIMEOUT_MS = 1_000;
const CACHE_MS = 1_000;

/**
 * The gateway's GET /ready: each subgraph's own /ready, probed at most once a second, beside its circuit. Not
 * ready while any subgraph is missing, and the answer says which: the gateway still serves the others' fields.
 */
export function subgraphReadiness(sources: () => SubgraphDataSource[]) {
  let cached: { at: number; report: Promise<ReadinessReport> } | null = null;
  const probe = async (source: SubgraphDataSource): Promise<[string, SubgraphReport]> => {
    const base = source.url.replace(/\/graphql$/, '');
    const up = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then(
      (r) => r.ok,
      () => false,
    );
    return [source.subgraph, { up, circuit: source.circuit.state }];
  };
  return () => {
    if (!cached || Date.now() - cached.at > CACHE_MS) {
      const report = Promise.all(sources().map(probe)).then((entries) => ({
        reasons: entries.filter(([, s]) => !s.up).map(([name, s]) => `subgraph ${name} is not answering its /ready (circuit ${s.circuit})`),
        subgraphs: Object.fromEntries(entries),
      }));
      cached = { at: Date.now(), report };
    }
    return cached.report;
  };
}
