import { join } from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { createSubgraph, type OwnerKeys } from '@psa/subgraph-kit';
import { auditLog } from './audit';
import { LICENSURE_TOPIC_SPECS } from '@psa/events';
import { createLicensureLoaders } from './loaders';
import { ownerProjection, petProjection } from './modules/core-copies/projections';
import { ownerCopies, ownerPersonalCopies, petCopies } from './modules/core-copies/tables';
import { petRegistry } from './modules/registry/tables';
import { certifications } from './modules/certifications/tables';
import { lostPetReports, lostPetSightings } from './modules/lost-pets/tables';
import { registryModule } from './modules/registry/resolvers';
import { licensesModule } from './modules/licenses/resolvers';
import { certificationsModule } from './modules/certifications/resolvers';
import { healthRecordsModule } from './modules/health-records/resolvers';
import { vaccinationsModule } from './modules/vaccinations/resolvers';
import { lostPetsModule } from './modules/lost-pets/resolvers';
import { lostReportChecks } from './modules/lost-pets/checks';
import { licensureOutbox } from './outbox';
import { municipalLicenses } from './modules/licenses/tables';
import { healthRecords } from './modules/health-records/tables';
import { vaccinations } from './modules/vaccinations/tables';
import { vaccinationsFromHealthcare } from './modules/vaccinations/from-healthcare';
import { certificationsFromTraining } from './modules/certifications/from-training';

export const licensure = createSubgraph({
  name: 'licensure',
  modules: [registryModule, licensesModule, certificationsModule, healthRecordsModule, vaccinationsModule, lostPetsModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  audit: auditLog,
  createLoaders: (db) => createLicensureLoaders(db),
  // Owners' names and contact details, by consent: the kit reads core.owner-personal.licensure into this table.
  ownerPersonalData: ownerPersonalCopies,
  copies: [
    { aggregate: 'owner', source: { subgraph: 'core', table: 'core.owners' }, copy: 'licensure.owner_copies' },
    { aggregate: 'pet', source: { subgraph: 'core', table: 'core.pets' }, copy: 'licensure.pet_copies' },
  ],
  // Rules derived from the copies, verified by `pnpm reconcile licensure` beside the versions.
  checks: lostReportChecks,
  events: {
    publishes: { outbox: licensureOutbox, topics: LICENSURE_TOPIC_SPECS },
    // Core's pets and owners for the copies; vaccines given at vet appointments, recorded as vaccinations;
    // certificates dogs earned in training programs, recorded as certifications.
    consumes: [petProjection, ownerProjection, vaccinationsFromHealthcare, certificationsFromTraining],
  },
  // What licensure holds of an owner, for their export: their pets' records, and the sightings they reported.
  // Erasure keeps what the law keeps (licences: transactions; health records; the registry entries they refer to),
  // none of which names the owner, and deletes the rest; a lost report goes with its sightings.
  ownerData: [
    { table: petRegistry, rows: (o) => inArray(petRegistry.petId, o.petIds), erase: { keep: 'transactions' } },
    { table: municipalLicenses, rows: (o) => inArray(municipalLicenses.petId, o.petIds), erase: { keep: 'transactions' } },
    { table: healthRecords, rows: (o) => inArray(healthRecords.petId, o.petIds), erase: { keep: 'health records' } },
    { table: vaccinations, rows: (o) => inArray(vaccinations.petId, o.petIds), erase: { keep: 'health records' } },
    ...[certifications, lostPetReports].map((table) => ({ table, rows: (o: OwnerKeys) => inArray(table.petId, o.petIds) })),
    { table: lostPetSightings, rows: (o) => eq(lostPetSightings.reportedBy, o.clerkId) },
    // Copies: core's events of the erasure turn them into tombstones.
    { table: ownerCopies, rows: (o) => eq(ownerCopies.id, o.ownerId), erase: 'copy' },
    { table: petCopies, rows: (o) => eq(petCopies.ownerId, o.ownerId), erase: 'copy' },
  ],
  // Kept for a limited time (the kit adds the outbox's published rows); registry entries are kept while the pet is.
  retention: [
    // A licence is a fee paid: a transaction, kept 7 years after it ended or was paid, whichever is later.
    {
      kind: 'transactions',
      table: municipalLicenses,
      from: sql`greatest(${municipalLicenses.expiresDate}, ${municipalLicenses.paidAt}::date)`,
      // Never the licence in force (the newest ACTIVE one, which registry events publish), however old.
      keepWhile: sql`${municipalLicenses.status} = 'ACTIVE' and not exists (select 1 from licensure.municipal_licenses later where later.pet_id = ${municipalLicenses.petId} and later.status = 'ACTIVE' and (later.issued_date, later.created_at) > (${municipalLicenses.issuedDate}, ${municipalLicenses.createdAt}))`,
    },
    { kind: 'health records', table: healthRecords, from: healthRecords.date },
    { kind: 'health records', table: vaccinations, from: vaccinations.administeredDate },
  ],
});
