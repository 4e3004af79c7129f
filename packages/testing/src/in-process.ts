import { randomBytes } from 'node:crypto';
import { migrateSchema, onEmbedded, openMemoryPostgres, type Db } from '@psa/db';
import { grantAccess } from '@psa/identity';
import { accessGrants, subgraphApollo, Viewer, type CoreEntity, type AnySubgraph } from '@psa/subgraph-kit';
import type { ResponseTree } from './stack';

/** Who a test acts as: a token subject (null for anonymous) and roles. */
export interface Caller {
  subject: string | null;
  roles?: string[];
}

export interface InProcessResult<T = ResponseTree> {
  data?: T | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * One subgraph, in this process, on a throwaway PGlite: its own migrations applied, operations executed by its
 * Apollo Server exactly as served (input checks, error formatting, fresh loaders per mutation) but without
 * HTTP, the gateway or a broker. For tests of a module's rules and resolvers that need no other subgraph.
 */
export interface SubgraphUnderTest {
  db: Db;
  run<T = ResponseTree>(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<InProcessResult<T>>;
  /** Core's access grant for an entity, as the gateway would bring it in a reference (`viewerAccess`). */
  grant(entity: CoreEntity, id: string, subject: string | null): string;
  close(): Promise<void>;
}

export async function subgraphUnderTest(subgraph: AnySubgraph): Promise<SubgraphUnderTest> {
  const embedded = await openMemoryPostgres();
  const database = await onEmbedded(embedded);
  await migrateSchema(database, { schema: subgraph.name, migrationsFolder: subgraph.migrationsFolder });
  const secret = randomBytes(32).toString('hex');
  const apollo = subgraphApollo(subgraph);
  await apollo.start();
  return {
    db: database.db,
    async run(query, variables, as = { subject: null }) {
      const viewer = new Viewer({ subject: as.subject, roles: as.roles ?? [] });
      const contextValue = {
        db: database.db,
        viewer,
        loaders: subgraph.createLoaders(database.db, viewer),
        grants: accessGrants(secret, viewer),
        requestId: null,
      };
      const response = await apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('in-process tests run single results, not incremental delivery');
      return response.body.singleResult as InProcessResult;
    },
    grant: (entity, id, subject) => grantAccess(secret, { subject, typename: entity, id }),
    async close() {
      await apollo.stop();
      await embedded.close();
    },
  };
}
