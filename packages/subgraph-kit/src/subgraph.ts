import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Database, Db } from '@psa/db';
import type { EventTransport, RuleCheck } from '@psa/events';
import type { Viewer } from './viewer';
import type { AccessGrants } from './access-grants';
import { scalarResolvers, scalarTypeDefs } from './scalars';
import { eventWorkers, type SubgraphEvents } from './event-workers';
import { retentionWorker, type RetentionRule } from './retention';
import { auditResolvers, auditTypeDefs, writeAudit, type AuditTable } from './audit';
import { notificationResolvers, notificationTypeDefs, type NotificationsTable } from './notifications';
import { RefusalKeepingWrites } from './errors';
import { DIVISIONS, isDivision, notifyOutbox, PRIVACY_SUBGRAPHS } from '@psa/events';
import { eq } from 'drizzle-orm';
import { privacyWorker, type OwnerDataTable, type OwnerKeys } from './owner-data';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { ownerPersonalProjection, type OwnerPersonalCopiesTable } from './personal-data';

/** What every resolver receives. `loaders` are built fresh per request, so their caches never leak across viewers. */
export interface SubgraphContext<TLoaders = unknown> {
  db: Db;
  viewer: Viewer;
  loaders: TLoaders;
  /** Core's signed answers to "may this viewer see this entity?" (see AccessGrants). */
  grants: AccessGrants;
  /** The gateway's id of the client request (REQUEST_ID_HEADER), written to the audit log; null when absent. */
  requestId: string | null;
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
  /**
   * Its audit log (`auditTable(schema)`, exported from `src/audit.ts` for drizzle-kit): every mutation field writes
   * its row there in the change's transaction; admins read it as `<name>AuditLog`; kept 2 years.
   */
  audit: AuditTable;
  /**
   * Its notifications to users (`notificationsTable(schema)`), written with `notify` in the change's transaction:
   * the kit serves them to their recipient as `<name>Notifications`, keeps them 2 years and erases them with
   * their owner.
   */
  notifications?: NotificationsTable;
  /**
   * Where this division keeps owners' personal data (`ownerPersonalCopiesTable(schema)`), if it needs names or
   * contact details at all. The kit reads the division's own consent topic into it: filled while an owner lets
   * this division hold their data, emptied when they withdraw. Only a division in DIVISIONS may declare it.
   */
  ownerPersonalData?: OwnerPersonalCopiesTable;
  /**
   * The tables that hold an owner's data and how to find their rows (by owner id, sign-in subject or pet ids):
   * what an owner's export reads. The kit adds its own: the audit log (the owner as actor) and the personal copy.
   */
  ownerData?: OwnerDataTable[];
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
 * Every mutation field runs in one transaction of its own, with the audit row it writes: the change and its row
 * commit together or not at all. Mutation fields run one after another; each starts with new loaders on that
 * transaction, so a write is never checked against rows cached before an earlier mutation of the operation
 * changed them, and its payload is read with new loaders again, after the commit, so
 * `addHouseholdMember { household { members } }` shows the member just added.
 */
function auditedMutations<TLoaders>(resolvers: ResolverMap, definition: SubgraphDefinition<TLoaders>): ResolverMap {
  const mutation = resolvers.Mutation as Record<string, MutationResolver<TLoaders>> | undefined;
  if (!mutation) return resolvers;
  const { createLoaders, audit } = definition;
  const outbox = definition.events?.publishes?.outbox.name;
  const wrapped = Object.fromEntries(
    Object.entries(mutation).map(([field, resolve]) => [
      field,
      async (source: unknown, args: unknown, ctx: SubgraphContext<TLoaders>, info: GraphQLResolveInfo) => {
        const outer = ctx.db;
        try {
          const outcome = await outer.transaction(async (transaction) => {
            const tx = transaction as unknown as Db;
            ctx.db = tx;
            ctx.loaders = createLoaders(tx, ctx.viewer);
            try {
              const value = await resolve(source, args, ctx, info);
              await writeAudit(tx, audit, { viewer: ctx.viewer, requestId: ctx.requestId, info, args, result: value });
              return { value };
            } catch (error) {
              // A refusal rolls back what the resolver wrote before it, unless it says to keep it (a wrong code's
              // attempt); either way it is not audited.
              if (error instanceof RefusalKeepingWrites) return { refused: error.refusal };
              throw error;
            }
          });
          // The relay wakes on its outbox's commits; a change's own commit is this one.
          if (outbox) notifyOutbox(outbox);
          if ('refused' in outcome) throw outcome.refused;
          return outcome.value;
        } finally {
          ctx.db = outer;
          ctx.loaders = createLoaders(outer, ctx.viewer);
        }
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
      resolvers: auditedMutations(resolvers, definition) as ApolloResolverMap,
    })),
    { typeDefs: auditTypeDefs(definition.name), resolvers: auditResolvers(definition.name, definition.audit) as ApolloResolverMap },
    ...(definition.notifications
      ? [
          {
            typeDefs: notificationTypeDefs(definition.name),
            resolvers: auditedMutations(notificationResolvers(definition.name, definition.notifications) as ResolverMap, definition) as ApolloResolverMap,
          },
        ]
      : []),
  ];
  const typeDefs: DocumentNode = {
    kind: 'Document' as DocumentNode['kind'],
    definitions: modules.flatMap((m) => m.typeDefs.definitions),
  };
  const { workers } = definition;
  const events = withPersonalData(definition);
  const copies = [...(definition.copies ?? []), ...personalDataCopy(definition)];
  const outbox = events?.publishes?.outbox.table;
  // Published outbox rows are a log of what was sent; unpublished ones have no sentAt and are never past it.
  const retention: RetentionRule[] = [
    ...(definition.retention ?? []),
    ...(outbox ? [{ kind: 'logs and audit' as const, table: outbox, from: outbox.sentAt }] : []),
    { kind: 'logs and audit', table: definition.audit, from: definition.audit.at },
    ...(definition.notifications ? [{ kind: 'logs and audit' as const, table: definition.notifications, from: definition.notifications.createdAt }] : []),
  ];
  const ownerTables = ownerDataTables(definition);
  const privacyName = PRIVACY_SUBGRAPHS.find((name) => name === definition.name);
  const allWorkers = (deps: WorkerDeps) => [
    ...eventWorkers(definition.name, events, deps),
    ...(privacyName ? [privacyWorker(privacyName, ownerTables, events?.publishes?.outbox.table, deps)] : []),
    ...(workers?.(deps) ?? []),
    ...(retention.length > 0 ? [retentionWorker(definition.name, retention, deps)] : []),
  ];
  return { ...definition, events, copies, retention, ownerData: ownerTables, workers: allWorkers, typeDefs, schema: buildSubgraphSchema(modules) };
}

/** The declared tables of an owner's data, and the kit's own: the audit rows they caused and their personal copy. */
function ownerDataTables<TLoaders>({ ownerData, audit, notifications, ownerPersonalData: personal }: SubgraphDefinition<TLoaders>): OwnerDataTable[] {
  return [
    ...(ownerData ?? []),
    ...(notifications ? [{ table: notifications, rows: (owner: OwnerKeys) => eq(notifications.userId, owner.clerkId) }] : []),
    ...(personal ? [{ table: personal, rows: (owner: OwnerKeys) => eq(personal.id, owner.ownerId), erase: 'copy' as const }] : []),
    // Audit rows are kept their 2 years, without the actor: who did what is gone, that it was done is not.
    { table: audit, rows: (owner: OwnerKeys) => eq(audit.actor, owner.clerkId), erase: { keep: 'logs and audit', anonymise: { actor: null } } },
  ];
}

/** The declared events, with the projection of the division's consent topic when it keeps owners' personal data. */
function withPersonalData<TLoaders>({ name, events, ownerPersonalData }: SubgraphDefinition<TLoaders>): SubgraphEvents | undefined {
  if (!ownerPersonalData) return events;
  if (!isDivision(name)) throw new Error(`subgraph "${name}" declares ownerPersonalData but is not a division (${DIVISIONS.join(', ')})`);
  return { ...events, consumes: [...(events?.consumes ?? []), ownerPersonalProjection(name, ownerPersonalData)] };
}

/** The personal data copy follows core.owners version for version: `reconcile` and the tests' settle check it. */
function personalDataCopy<TLoaders>({ name, ownerPersonalData }: SubgraphDefinition<TLoaders>): CopiedAggregate[] {
  if (!ownerPersonalData) return [];
  const { schema, name: table } = getTableConfig(ownerPersonalData);
  return [{ aggregate: 'owner personal data', source: { subgraph: 'core', table: 'core.owners' }, copy: `${schema ?? name}.${table}` }];
}
