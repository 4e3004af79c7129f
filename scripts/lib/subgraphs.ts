import type { AnySubgraph } from '@psa/subgraph-kit';
import { REGISTERED_SUBGRAPHS } from '../../subgraphs/registry';
// Each division's package, by name; `pnpm new:division` adds its line here and in subgraphs/registry.json.
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { healthcare } from '@psa/healthcare';
import { training } from '@psa/training';

const PACKAGES: Record<string, AnySubgraph> = {
  core,
  licensure,
  healthcare,
  training,
};

/** Every subgraph of the supergraph with its default port, in the registry's order. */
export const SUBGRAPHS: { subgraph: AnySubgraph; port: number }[] = REGISTERED_SUBGRAPHS.map(({ name, port }) => {
  const subgraph = PACKAGES[name];
  if (!subgraph) throw new Error(`subgraphs/registry.json names "${name}", but scripts/lib/subgraphs.ts does not import it`);
  if (subgraph.name !== name) throw new Error(`scripts/lib/subgraphs.ts: "${name}" is the package of subgraph "${subgraph.name}"`);
  return { subgraph, port };
});

const unregistered = Object.keys(PACKAGES).filter((name) => !REGISTERED_SUBGRAPHS.some((s) => s.name === name));
if (unregistered.length > 0) throw new Error(`scripts/lib/subgraphs.ts imports ${unregistered.join(', ')}, which subgraphs/registry.json does not list`);
