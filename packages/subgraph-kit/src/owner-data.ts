import type { SQL } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@psa/db';
import {
  DATA_EXPORT_TOPIC,
  dataExportPartContracts,
  dataExportPartTopic,
  dataExportRequestContract,
  decodeEnvelope,
  encodeEnvelope,
  topicSpec,
  type DataExportPart,
  type DataExportRequest,
  type IncomingMessage,
  type PrivacySubgraph,
  type Subscription,
} from '@psa/events';
import type { Worker, WorkerDeps } from './subgraph';

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
      for (const { table, rows } of tables) {
        const found = await tx.select().from(table).where(rows(owner));
        if (found.length > 0) data[getTableConfig(table).name] = found as Record<string, unknown>[];
      }
      return data;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

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
 * Answers core's export requests for one subgraph: reads what its declared tables hold of the owner and sends it
 * to core in parts, on `<subgraph>.data-export-part`. Its own consumer group, so an export never holds up the
 * copies. At least once: a request handled twice sends its parts twice, and core keeps each part once.
 */
export function dataExportWorker(subgraph: PrivacySubgraph, tables: OwnerDataTable[], { database, transport, log }: WorkerDeps): Worker {
  const partTopic = dataExportPartTopic(subgraph);
  const contract = dataExportPartContracts[subgraph];
  let subscription: Subscription | null = null;
  let answered = 0;

  async function answer(request: DataExportRequest): Promise<void> {
    const started = performance.now();
    const data = await collectOwnerData(database.db, tables, request);
    const parts = splitIntoParts(data);
    await transport.publish(
      partTopic,
      parts.map((tablesOfPart, i) => {
        const payload: DataExportPart = { exportId: request.exportId, subgraph, part: i + 1, parts: parts.length, tables: tablesOfPart };
        const envelope = contract.envelope({ type: 'data_export.part', aggregateId: request.exportId, version: i + 1, payload });
        return { key: request.exportId, value: encodeEnvelope(envelope) };
      }),
    );
    answered++;
    const rows = Object.values(data).reduce((n, r) => n + r.length, 0);
    log(`data export ${request.exportId}: ${subgraph} sent ${rows} rows in ${parts.length} part(s) in ${Math.round(performance.now() - started)} ms`);
  }

  async function handleBatch(messages: IncomingMessage[]): Promise<void> {
    for (const message of messages) {
      if (message.value === null) continue;
      let request: DataExportRequest;
      try {
        request = dataExportRequestContract.parse(decodeEnvelope(message.value)).payload;
      } catch (error) {
        // A request nobody can read cannot be answered; waiting for it would stop every later export.
        log(`data export: ${subgraph} skipped an unreadable request at offset ${message.offset}: ${(error as Error).message}`);
        continue;
      }
      // A failure (database, broker) throws: the batch comes again and the request is answered then.
      await answer(request);
    }
  }

  return {
    name: 'data export',
    start: async () => {
      await transport.ensureTopics([topicSpec(DATA_EXPORT_TOPIC), topicSpec(partTopic)]);
      subscription = await transport.subscribe({ groupId: `${subgraph}.data-export`, topics: [DATA_EXPORT_TOPIC], fromBeginning: true, handleBatch, log });
    },
    stop: async () => {
      await subscription?.stop();
      subscription = null;
    },
    status: async () => ({ answered, lag: subscription ? await subscription.lag().catch(() => null) : null }),
  };
}
