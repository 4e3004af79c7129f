import type { Auth, Operation } from './traffic';

/** What the benchmark measures, each a process of its own on the same subgraphs. */
export const TARGET_IDS = ['ours', 'direct', 'stock', 'hive', 'hop'] as const;
export type TargetId = (typeof TARGET_IDS)[number];
export type GatewayId = Exclude<TargetId, 'direct'>;

export interface TargetInfo {
  /** As the results have named them since the first benchmark. */
  label: string;
  auth: Auth;
  operations: readonly Operation[];
}

export const TARGETS: Record<TargetId, TargetInfo> = {
  ours: { label: 'ours', auth: 'bearer', operations: ['single', 'cross', 'deep', 'mixed'] },
  // The limit for a one-subgraph operation: core called as ours would call it, identity signed for it.
  direct: { label: 'direct subgraph', auth: 'signed-core', operations: ['single'] },
  stock: { label: 'stock @apollo/gateway', auth: 'identity', operations: ['single', 'cross', 'deep', 'mixed'] },
  hive: { label: 'Hive Gateway', auth: 'identity', operations: ['single', 'cross', 'deep', 'mixed'] },
  // The floor of any gateway process in Node: core's request and answer passed through, no GraphQL.
  hop: { label: 'bare HTTP hop', auth: 'signed-core', operations: ['single'] },
};
