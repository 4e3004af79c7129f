import { z } from 'zod';
import { DATA_EXPORT_TOPIC, dataExportPartTopic, OWNER_ERASURE_TOPIC, PRIVACY_SUBGRAPHS, type PrivacySubgraph } from '../topics';
import { defineContract, type EnvelopeOf, type EventContract, type EventOf } from './contract';

/**
 * core.data-export, schemaVersion 1: an owner's data is to be exported. It names the owner as each subgraph may
 * know them: their id, their sign-in subject (audit logs, sightings) and the ids of their pets (a division's
 * records are mostly keyed by pet). aggregateId is the export's id.
 */
export const dataExportRequest = z.object({
  exportId: z.uuid(),
  ownerId: z.uuid(),
  clerkId: z.string(),
  petIds: z.array(z.uuid()),
});

export const dataExportRequestEvents = z.discriminatedUnion('type', [z.object({ type: z.literal('data_export.requested'), payload: dataExportRequest })]);

export const dataExportRequestContract = defineContract({
  topic: DATA_EXPORT_TOPIC,
  aggregateType: 'data_export',
  source: 'core',
  schemaVersion: 1,
  events: dataExportRequestEvents,
});

/**
 * <subgraph>.data-export-part, schemaVersion 1: one piece of what a subgraph holds of the owner, by table (rows as
 * JSON). A subgraph's answer is `parts` pieces, numbered from 1 (the envelope's version is the part's number), so
 * no message outgrows the broker's limit; an owner of whom it holds nothing gets one piece with no tables.
 */
export const dataExportPart = z.object({
  exportId: z.uuid(),
  subgraph: z.enum(PRIVACY_SUBGRAPHS),
  part: z.number().int().min(1),
  parts: z.number().int().min(1),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

export const dataExportPartEvents = z.discriminatedUnion('type', [z.object({ type: z.literal('data_export.part'), payload: dataExportPart })]);

const partContract = (subgraph: PrivacySubgraph) =>
  defineContract({ topic: dataExportPartTopic(subgraph), aggregateType: 'data_export', source: subgraph, schemaVersion: 1, events: dataExportPartEvents });

export const dataExportPartContracts = Object.fromEntries(PRIVACY_SUBGRAPHS.map((subgraph) => [subgraph, partContract(subgraph)])) as Record<
  PrivacySubgraph,
  EventContract<DataExportPartEvent>
>;

export type DataExportRequest = z.infer<typeof dataExportRequest>;
export type DataExportRequestEvent = EventOf<typeof dataExportRequestContract>;
export type DataExportPart = z.infer<typeof dataExportPart>;
export type DataExportPartEvent = EventOf<ReturnType<typeof partContract>>;
export type DataExportPartEnvelope = EnvelopeOf<ReturnType<typeof partContract>>;

/**
 * core.owner-erasure, schemaVersion 1: an owner's 90-day grace is over. Every subgraph deletes what it holds of
 * them, or anonymises what the law makes it keep (its `ownerData` declaration says which). Idempotent: a notice
 * applied twice finds nothing more to do. aggregateId is the owner's id.
 */
export const ownerErasure = z.object({ ownerId: z.uuid(), clerkId: z.string(), petIds: z.array(z.uuid()) });

export const ownerErasureEvents = z.discriminatedUnion('type', [z.object({ type: z.literal('owner.erasure_due'), payload: ownerErasure })]);

export const ownerErasureContract = defineContract({
  topic: OWNER_ERASURE_TOPIC,
  aggregateType: 'owner',
  source: 'core',
  schemaVersion: 1,
  events: ownerErasureEvents,
});

export type OwnerErasure = z.infer<typeof ownerErasure>;
export type OwnerErasureEvent = EventOf<typeof ownerErasureContract>;
