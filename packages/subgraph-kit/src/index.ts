export { badInput, notFound, forbidden, unauthenticated, conflict, formatError, keepingWrites, type ErrorCode } from './errors';
export { Viewer, ADMIN_ROLE } from './viewer';
export {
  createSubgraph,
  loadTypeDefs,
  KIT_TYPE_DEFS,
  type Subgraph,
  type AnySubgraph,
  type SubgraphContext,
  type SubgraphModule,
  type ResolverMap,
  type Worker,
  type WorkerDeps,
  type CopiedAggregate,
} from './subgraph';
export { startWorkers, clockWorker, type RunningWorkers, type ClockWork } from './workers';
export { projectorWorker, relayWorker, eventWorkers, type SubgraphEvents } from './event-workers';
export { auditTable, REQUEST_ID_HEADER, type AuditTable } from './audit';
export { notificationsTable, notify, type NotificationsTable, type NotificationInput } from './notifications';
export { ownerPersonalCopiesTable, type OwnerPersonalCopiesTable } from './personal-data';
export { collectOwnerData, eraseOwnerData, splitIntoParts, type OwnerDataTable, type OwnerKeys, type OwnerData, type ErasureResult } from './owner-data';
export {
  applyRetention,
  formatRetention,
  retentionWorker,
  RETENTION_YEARS,
  DEFAULT_RETENTION_SCHEDULE,
  type RetentionRule,
  type RetentionKind,
  type RetentionResult,
  type RetentionSchedule,
} from './retention';
export { copyPairs, divisionChecks } from './copies';
export { serveSubgraph, subgraphApollo, type ServeSubgraphOptions } from './serve';
export { rowLoader, groupLoader, byId, isUuid, loadOrNotFound, isAnyKey, newestPerKey, preparedStatements, rowsByKey } from './loaders';
export { readSubgraphEnv, type SubgraphEnv } from './config';
export { runSubgraphMain } from './main';
export {
  requiredText,
  requiredTexts,
  optionalText,
  microchipNumber,
  positiveNumber,
  nonNegativeInteger,
  toIsoDate,
  dateNotInFuture,
  instantNotInFuture,
  dateAfter,
} from './validate';
export { accessGrants, type AccessGrants } from './access-grants';
export { assertCoreAccess, coreEntityField, type CoreEntity, type CoreEntityReference } from './core-entities';
export { allows, assertTransition, type TransitionTable } from './transitions';
export {
  hasAnyRole,
  viewerOwnerId,
  requireViewerOwnerId,
  petCopy,
  existingPet,
  assertAlive,
  assertPetOwnerOr,
  mayActForPet,
  petOf,
  type PetCopyFields,
  type CopyLoaders,
} from './copy-access';
export { latitude, longitude, geoPoint, haversineKm, boundingBox, withinRadius, type GeoPoint, type GeoColumns } from './geo';
