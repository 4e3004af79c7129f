import registry from './registry.json';

export interface RegisteredSubgraph {
  name: string;
  port: number;
}

/** The subgraphs in registry.json, in composition order. */
export const REGISTERED_SUBGRAPHS: readonly RegisteredSubgraph[] = registry.subgraphs;

/** A subgraph's default port; a name the registry does not know is a mistake in the caller. */
export function portOf(name: string): number {
  const entry = REGISTERED_SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`subgraph "${name}" is not in subgraphs/registry.json`);
  return entry.port;
}
