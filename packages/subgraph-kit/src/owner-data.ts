import { and, inArray, isNotNull, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@psa/db';
import {
  DATA_EXPORT_TOPIC,
  OWNER_ERASURE_TOPIC,
  ownerErasureContract,
  dataExportPartContracts,
  dataExportPartTopic,
  dataExportRequestContract,
  decodeEnvelope,
  encodeEnvelope,
  topicSpec,
  type DataExportPart,
  type DataExportRequest,
  type IncomingMessage,
  type OutboxTable,
  type OwnerErasure,
  type PrivacySubgraph,
  type Subscription,
} from '@psa/events';
import type { Worker, WorkerDeps } from './subgraph';
import type { RetentionKind } from './retention';

/** How an owner is known to a subgraph: core's id, the sign-in subject (audit logs, sightings), and their pets. */
export interface OwnerKeys {
  ownerId: string;
  clerkId: string;
  petIds: string[];
}

/**
 * A table that holds data of an owner: what `ownerData` in createSubgraph lists. `rows` selects the owner's rows,
 * e.g. `(o) => inArray(licences.petId, o.petIds)` or `(o) => eq(pets.ownerId, o.ownerId)`.
 */
export interface OwnerDataTable {
  table: PgTable;
  rows: (owner: OwnerKeys) => SQL;
  /**
   * What erasure does to these rows after the grace period. By default they are deleted. `keep` names why the law
   * keeps them (a retention kind: they go when their period ends) and `anonymise` overwrites their personal
   * columns; `deleteWhere` deletes other rows than those exported (a household the owner heads, not every one
   * they belong to). `'copy'`: a copy of core's data, which core's own events of the erasure (owner.erased,
   * pet.deleted, the withheld personal data) turn into tombstones; deleting it here would only race them.
   * Tables are erased in the reverse of their declared order: declare parents first.
   */
  erase?: { keep: RetentionKind; anonymise?: Record<string, unknown> } | { deleteWhere: (owner: OwnerKeys) => SQL } | 'copy';
  /**
   * Runs in the erasure's transaction with the rows it deleted from this table, to keep true what was derived from
   * them elsewhere (a trainer's rating from their reviews). Not called when nothing was deleted.
   */
  afterErase?: (tx: Db, deleted: Record<string, unknown>[]) => Promise<void>;
  /** false: erased but not exported (a log of events about them, say, that says nothing the export does not). */
  exported?: false;
}

export type OwnerData = Record<string, Record<string, unknown>[]>;

/**
 * Everything the tables hold of the owner, by table name, read in one snapshot (REPEATABLE READ) so the parts of
 * an answer agree with each other. Tables without rows for the owner are left out.
 */
export async function collectOwnerData(db: Db, tables: OwnerDataTable[], owner: OwnerKeys): Promise<OwnerData> {
  return db.transaction(
    async (tx) => {
      const data: OwnerData = {};
      for (const { table, rows } of tables.filter((t) => t.exported !== false)) {
        const found = await tx.select().from(table).where(rows(owner));
        if (found.length > 0) data[getTableConfig(table).name] = found as Record<string, unknown>[];
      }
      return data;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

export interface ErasureResult {
  deleted: Record<string, number>;
  anonymised: Record<string, number>;
}

/**
 * Erases the owner from these tables in one transaction, in reverse declared order, and the published outbox rows
 * about them (keyed by the owner or one of their pets). Idempotent: run again, it finds nothing left to change.
 */
export async function eraseOwnerData(db: Db, tables: OwnerDataTable[], owner: OwnerKeys, outbox?: OutboxTable): Promise<ErasureResult> {
  return db.transaction(async (tx) => {
    const result: ErasureResult = { deleted: {}, anonymised: {} };
    for (const { table, rows, erase, afterErase } of [...tables].reverse()) {
      const name = getTableConfig(table).name;
      if (erase === 'copy') continue;
      if (erase && 'keep' in erase) {
        if (!erase.anonymise) continue;
        const changed = await tx.update(table).set(erase.anonymise).where(rows(owner)).returning();
        if (changed.length > 0) result.anonymised[name] = changed.length;
      } else {
        const gone = await tx
          .delete(table)
          .where(erase ? erase.deleteWhere(owner) : rows(owner))
          .returning();
        if (gone.length > 0) {
          result.deleted[name] = gone.length;
          await afterErase?.(tx as unknown as Db, gone as Record<string, unknown>[]);
        }
      }
    }
    if (outbox) {
      const keys = [owner.ownerId, ...owner.petIds];
      const gone = await tx
        .delete(outbox)
        .where(and(inArray(outbox.key, keys), isNotNull(outbox.sentAt)))
        .returning({ id: outbox.id });
      if (gone.length > 0) result.deleted[getTableConfig(outbox).name] = gone.length;
    }
    return result;
  });
}

const describeErasure = ({ deleted, anonymised }: ErasureResult) =>
  [...Object.entries(deleted).map(([t, n]) => `${n} deleted from ${t}`), ...Object.entries(anonymised).map(([t, n]) => `${n} anonymised in ${t}`)].join(', ') ||
  'nothing held';

/** What a part may weigh, as JSON: well under the broker's 1 MB default, whatever the envelope adds. */
const PART_BYTES = 512 * 1024;

/** The owner's data cut into parts of at most PART_BYTES (a single larger row travels alone), in table order. */
export function splitIntoParts(data: OwnerData): OwnerData[] {
  const parts: OwnerData[] = [{}];
  let size = 0;
  for (const [table, rows] of Object.entries(data)) {
    for (const row of rows) {
      const bytes = JSON.stringify(row).length;
      if (size > 0 && size + bytes > PART_BYTES) {
        parts.push({});
        size = 0;
      }
      (parts.at(-1)![table] ??= []).push(row);
      size += bytes;
    }
  }
  return parts;
}

/**
 * Answers core's privacy requests for one subgraph, from its declared tables. An export: reads what they hold of
 * the owner and sends it to core in parts, on `<subgraph>.data-export-part`. An erasure: deletes or anonymises it
 * (eraseOwnerData). Its own consumer group, so this never holds up the copies; a subgraph that was down handles
 * what came meanwhile when it is back. At least once: an export answered twice sends its parts twice (core keeps
 * each once), an erasure applied twice finds nothing more to do.
 */
export function privacyWorker(
  subgraph: PrivacySubgraph,
  tables: OwnerDataTable[],
  outbox: OutboxTable | undefined,
  { database, transport, log }: WorkerDeps,
): Worker {
  const partTopic = dataExportPartTopic(subgraph);
  const contract = dataExportPartContracts[subgraph];
  let subscription: Subscription | null = null;
  let answered = 0;
  let erased = 0;

  async function answer(request: DataExportRequest): Promise<void> {
    const started = performance.now();
    const data = await collectOwnerData(database.db, tables, request);
    const parts = splitIntoParts(data);
    // One part per send: the broker's limit (1 MB by default) is on a whole batch, not on each message.
    for (const [i, tablesOfPart] of parts.entries()) {
      const payload: DataExportPart = { exportId: request.exportId, subgraph, part: i + 1, parts: parts.length, tables: tablesOfPart };
      const envelope = contract.envelope({ type: 'data_export.part', aggregateId: request.exportId, version: i + 1, payload });
      await transport.publish(partTopic, [{ key: request.exportId, value: encodeEnvelope(envelope) }]);
    }
    answered++;
    const rows = Object.values(data).reduce((n, r) => n + r.length, 0);
    log(`data export ${request.exportId}: ${subgraph} sent ${rows} rows in ${parts.length} part(s) in ${Math.round(performance.now() - started)} ms`);
  }

  async function erase(owner: OwnerErasure): Promise<void> {
    const result = await eraseOwnerData(database.db, tables, owner, outbox);
    erased++;
    log(`erasure of owner ${owner.ownerId}: ${subgraph}: ${describeErasure(result)}`);
  }

  async function handleBatch(messages: IncomingMessage[]): Promise<void> {
    for (const message of messages) {
      if (message.value === null) continue;
      let handle: () => Promise<void>;
      try {
        const envelope = decodeEnvelope(message.value);
        if (message.topic === OWNER_ERASURE_TOPIC) {
          const { payload } = ownerErasureContract.parse(envelope);
          handle = () => erase(payload);
        } else {
          const { payload } = dataExportRequestContract.parse(envelope);
          handle = () => answer(payload);
        }
      } catch (error) {
        // A request nobody can read cannot be handled; waiting for it would stop every later one.
        log(`privacy requests: ${subgraph} skipped an unreadable one on ${message.topic} at offset ${message.offset}: ${(error as Error).message}`);
        continue;
      }
      // A failure (database, broker) throws: the batch comes again and the request is handled then.
      await handle();
    }
  }

  const topics = [DATA_EXPORT_TOPIC, OWNER_ERASURE_TOPIC];
  return {
    name: 'privacy requests',
    start: async () => {
      await transport.ensureTopics([...topics, partTopic].map(topicSpec));
      subscription = await transport.subscribe({ groupId: `${subgraph}.privacy`, topics, fromBeginning: true, handleBatch, log });
    },
    stop: async () => {
      await subscription?.stop();
      subscription = null;
    },
    status: async () => ({ exportsAnswered: answered, erasuresApplied: erased, lag: subscription ? await subscription.lag().catch(() => null) : null }),
  };
}
