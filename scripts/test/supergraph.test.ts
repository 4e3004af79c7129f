import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { API_SCHEMA_PATH, SUPERGRAPH_PATH } from '@psa/gateway';
import { core } from '@psa/core';
import { createSubgraph, type SubgraphModule } from '@psa/subgraph-kit';
import { composeSupergraph } from '../lib/supergraph';
import { SUBGRAPHS } from '../lib/subgraphs';

describe('the committed supergraph', () => {
  it('is what composing the subgraphs gives today (run "pnpm compose" when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph().supergraphSdl);
  });

  it('has its API schema committed beside it, without @inaccessible fields or federation directives', () => {
    const apiSchema = readFileSync(API_SCHEMA_PATH, 'utf8');
    expect(apiSchema).toBe(composeSupergraph().apiSchemaSdl);
    expect(composeSupergraph().supergraphSdl).toMatch(/viewerAccess: String.*@inaccessible/);
    expect(apiSchema).not.toContain('viewerAccess');
    expect(apiSchema).not.toMatch(/@(key|join__|link|inaccessible|external|requires)/);
    expect(apiSchema).toMatch(/^type Pet \{$/m);
  });

  it('fails loudly when a subgraph conflicts with another', () => {
    // A division that redefines core's Pet.name with another type cannot join the supergraph.
    const rogue: SubgraphModule = {
      name: 'rogue',
      typeDefs: parse(`type Pet @key(fields: "id") { id: ID! name: Int! } extend type Query { rogue: Pet }`),
      resolvers: {},
    };
    const subgraph = createSubgraph({ name: 'rogue', modules: [rogue], migrationsFolder: '/nowhere', createLoaders: () => ({}), audit: core.audit });
    expect(() => composeSupergraph([...SUBGRAPHS, { subgraph, port: 4999 }])).toThrow(/supergraph composition failed:[\s\S]*Pet\.name/);
  });
});
