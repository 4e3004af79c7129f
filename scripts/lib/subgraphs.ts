import type { Subgraph } from '@psa/subgraph-kit';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';

/** Every subgraph of the supergraph, with the local port it listens on by default. Adding a division = one line. */
export const SUBGRAPHS: { subgraph: Subgraph<any>; port: number }[] = [
  { subgraph: core, port: 4001 },
  { subgraph: licensure, port: 4002 },
];
