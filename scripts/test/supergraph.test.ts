import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { SUPERGRAPH_PATH } from '@psa/gateway';
import { createSubgraph, type SubgraphModule } from '@psa/subgraph-kit';
import { composeSupergraph } from '../lib/supergraph';
import { SUBGRAPHS } from '../lib/subgraphs';

describe('the committed supergraph', () => {
  it('is what composing the subgraphs gives today (run "pnpm compose" when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph());
  });

  it('fails loudly when a subgraph conflicts with another', () => {
    // A division that redefines core's Pet.name with another type cannot join the supergraph.
    const rogue: SubgraphModule = {
      name: 'rogue',
      typeDefs: parse(`type Pet @key(fields: "id") { id: ID! name: Int! } extend type Query { rogue: Pet }`),
      resolvers: {},
    };
    const subgraph = createSubgraph({ name: 'rogue', modules: [rogue], migrationsFolder: '/nowhere', createLoaders: () => ({}) });
    expect(() => composeSupergraph([...SUBGRAPHS, { subgraph, port: 4999 }])).toThrow(/supergraph composition failed:[\s\S]*Pet\.name/);
  });
});
