import type { Auth, BenchOwner, Operation, Traffic } from './traffic';

/** Messages between the benchmark and its load generator process (node IPC). */

export interface LoadTarget {
  url: string;
  auth: Auth;
}

export interface Scenario {
  target: LoadTarget;
  traffic: Traffic;
  operation: Operation;
}

export type LoadCommand =
  | { type: 'init'; owners: BenchOwner[]; identitySecret: string }
  /** One request of each kind the scenario sends, one after the other; every answer must be data without errors. */
  | { type: 'check'; scenario: Scenario }
  /** Owners asking at the same moment each get their own answer (no gateway shares one caller's answer with another). */
  | { type: 'isolation'; target: LoadTarget }
  /** As fast as `connections` allow, or at `rate` requests/s overall. */
  | { type: 'load'; scenario: Scenario; seconds: number; connections: number; rate?: number };

export interface LoadResult {
  /** Responses received in the run. */
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts, non-2xx answers and 200 answers carrying GraphQL errors. */
  errors: number;
  graphqlErrors: number;
  /** The first GraphQL error seen, to say what went wrong. */
  firstError?: string;
}

export type LoadReply = { id: number; ok: true; result?: LoadResult } | { id: number; ok: false; error: string };
