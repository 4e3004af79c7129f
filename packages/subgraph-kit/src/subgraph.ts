import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Database, Db } from '@psa/db';
import type { EventTransport, RuleCheck } from '@psa/events';
import type { Viewer } from './viewer';
import type { AccessGrants } from './access-grants';
import { scalarResolvers, scalarTypeDefs } from './scalars';
import { eventWorkers, type SubgraphEvents } from './event-workers';
import { retentionWorker, type RetentionRule } from './retention';

/** What every resolver receives. `loaders` are built fresh per request, so their caches never leak across viewers. */
export interface SubgraphContext<TLoaders = unknown> {
  db: Db;
  viewer: Viewer;
  loaders: TLoaders;
  /** Core's signed answers to "may this viewer see this entity?" (see AccessGrants). */
  grants: AccessGrants;
}

/** The resolver map `buildSubgraphSchema` takes, from its public signature. */
type SchemaModule = Extract<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], { typeDefs: DocumentNode }>;
type ApolloResolverMap = NonNullable<SchemaModule['resolvers']>;

/**
 * A module's resolvers by type and field. The subgraph's generated `Resolvers` (pnpm codegen, from its SDL) is what
 * each module checks its map against, with `satisfies Resolvers`: a field the SDL does not have, or an argument of
 * the wrong type, fails the type check. The kit only walks the map.
 */
export type ResolverMap = { [typeName: string]: object | undefined };

/** One slice of a division's domain: its GraphQL and the resolvers behind it. */
export interface SubgraphModule<TResolvers extends ResolverMap = ResolverMap> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: TResolvers;
}

export interface SubgraphDefinition<TLoaders> {
  /** Also the PostgreSQL schema that holds the subgraph's tables and migrations table. */
  name: string;
  modules: SubgraphModule[];
  /** Folder of the subgraph's committed drizzle-kit migrations. */
  migrationsFolder: string;
  /** Per-request DataLoaders. */
  createLoaders: (db: Db, viewer: Viewer) => TLoaders;
  /** The events it publishes and consumes; the kit runs their outbox relay and projector. */
  events?: SubgraphEvents;
  /** Other background work beside the API, started after the event workers. */
  workers?: (deps: WorkerDeps) => Worker[];
  /** The materialized copies this subgraph keeps of other subgraphs' tables, for `reconcile`. */
  copies?: CopiedAggregate[];
  /**
   * The rules this subgraph derives from its copies (side effects of core's events, such as licensure's lost
   * reports), each a query on its own database returning the ids that break it. `reconcile` runs them beside the
   * version comparison of `copies`.
   */
  checks?: RuleCheck[];
  /**
   * The tables it keeps for a limited time (the seed's periods: transactions 7 years, health records 10, logs and
   * audit 2). The kit adds the outbox's published rows as logs, runs the rules daily, and `pnpm retention` runs
   * them by hand (`--dry-run` to see what would go).
   */
  retention?: RetentionRule[];
}

export interface CopiedAggregate {
  aggregate: string;
  /** The owner's table, schema-qualified (core.pets) and the subgraph that owns it. */
  source: { subgraph: string; table: string };
  /** This subgraph's copy table, schema-qualified (licensure.pet_copies). */
  copy: string;
}

export interface WorkerDeps {
  database: Database;
  transport: EventTransport;
  log: (line: string) => void;
}

export interface Worker {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Figures for GET /status, e.g. { lag: 0 }. */
  status?(): Promise<Record<string, unknown>>;
  /**
   * Why the subgraph must not get traffic because of this worker (GET /ready answers 503 with the reason), or null.
   * A projector that is not consuming says so: its copies go stale. Workers whose trouble leaves the API correct
   * (core's relay: changes wait in the outbox) leave this out.
   */
  notReady?(): string | null;
}

export interface Subgraph<TLoaders = unknown> extends SubgraphDefinition<TLoaders> {
  /** The subgraph's SDL as composition sees it. */
  typeDefs: DocumentNode;
  schema: GraphQLSchema;
}

/**
 * Any subgraph, whatever its loaders: for code that starts, registers or reconciles subgraphs without calling
 * their resolvers. TLoaders is both taken and given by a subgraph's functions, so no type but `any` admits all.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySubgraph = Subgraph<any>;

export const FEDERATION_LINK = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@shareable", "@inaccessible"])
`);

/** The SDL the kit puts before every subgraph's modules: the federation link and the shared scalars. Codegen reads it too. */
export const KIT_TYPE_DEFS: readonly DocumentNode[] = [FEDERATION_LINK, scalarTypeDefs];

/** Reads the `schema.graphql` beside a module's resolvers. */
export function loadTypeDefs(moduleDir: string): DocumentNode {
  const file = join(moduleDir, 'schema.graphql');
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot load ${file}: ${(error as Error).message}`);
  }
}

const SUBGRAPH_NAME = /^[a-z][a-z0-9_]*$/;

type MutationResolver<TLoaders> = (source: unknown, args: unknown, ctx: SubgraphContext<TLoaders>, info: unknown) => unknown;

/**
 * Mutation fields run one after another; each starts with new loaders, so a write is never checked against
 * rows a loader cached before an earlier mutation of the same operation changed them. And its payload is read
 * with new loaders again, so `addHouseholdMember { household { members } }` shows the member just added.
 */
function withFreshLoadersPerMutation<TLoaders>(resolvers: ResolverMap, createLoaders: SubgraphDefinition<TLoaders>['createLoaders']): ResolverMap {
  const mutation = resolvers.Mutation as Record<string, MutationResolver<TLoaders>> | undefined;
  if (!mutation) return resolvers;
  const wrapped = Object.fromEntries(
    Object.entries(mutation).map(([field, resolve]) => [
      field,
      async (source: unknown, args: unknown, ctx: SubgraphContext<TLoaders>, info: unknown) => {
        ctx.loaders = createLoaders(ctx.db, ctx.viewer);
        const result = await resolve(source, args, ctx, info);
        ctx.loaders = createLoaders(ctx.db, ctx.viewer);
        return result;
      },
    ]),
  );
  return { ...resolvers, Mutation: wrapped };
}

export function createSubgraph<TLoaders>(definition: SubgraphDefinition<TLoaders>): Subgraph<TLoaders> {
  if (!SUBGRAPH_NAME.test(definition.name)) {
    throw new Error(`subgraph name must be snake_case (it names a PostgreSQL schema), got "${definition.name}"`);
  }
  if (definition.modules.length === 0) throw new Error(`subgraph "${definition.name}" has no modules`);
  const seen = new Set<string>();
  for (const module of definition.modules) {
    if (seen.has(module.name)) throw new Error(`subgraph "${definition.name}" lists module "${module.name}" twice`);
    seen.add(module.name);
  }
  const checkNames = new Set<string>();
  for (const check of definition.checks ?? []) {
    if (checkNames.has(check.name)) throw new Error(`subgraph "${definition.name}" declares check "${check.name}" twice`);
    if (!/^\s*(select|with)\b/i.test(check.sql))
      throw new Error(`subgraph "${definition.name}": check "${check.name}" must be a SELECT returning the ids that break it`);
    checkNames.add(check.name);
  }
  const modules = [
    { typeDefs: FEDERATION_LINK, resolvers: {} },
    { typeDefs: scalarTypeDefs, resolvers: scalarResolvers },
    ...definition.modules.map(({ typeDefs, resolvers }) => ({
      typeDefs,
      // Checked against the generated types where the module is written; Apollo's map is looser about fields.
      resolvers: withFreshLoadersPerMutation(resolvers, definition.createLoaders) as ApolloResolverMap,
    })),
  ];
  const typeDefs: DocumentNode = {
    kind: 'Document' as DocumentNode['kind'],
    definitions: modules.flatMap((m) => m.typeDefs.definitions),
  };
  const { events, workers } = definition;
  const outbox = events?.publishes?.outbox.table;
  // Published outbox rows are a log of what was sent; unpublished ones have no sentAt and are never past it.
  const retention = [...(definition.retention ?? []), ...(outbox ? [{ kind: 'logs and audit' as const, table: outbox, from: outbox.sentAt }] : [])];
  const allWorkers = (deps: WorkerDeps) => [
    ...eventWorkers(definition.name, events, deps),
    ...(workers?.(deps) ?? []),
    ...(retention.length > 0 ? [retentionWorker(definition.name, retention, deps)] : []),
  ];
  return { ...definition, retention, workers: allWorkers, typeDefs, schema: buildSubgraphSchema(modules) };
}
