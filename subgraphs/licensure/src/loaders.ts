import { asc, desc } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { byId, groupLoader, isAnyKey, isUuid, preparedStatements, rowLoader } from '@psa/subgraph-kit';
import { petRegistry } from './modules/registry/tables';
import { municipalLicenses } from './modules/licenses/tables';
import { certifications } from './modules/certifications/tables';
import { healthRecords } from './modules/health-records/tables';
import { vaccinations } from './modules/vaccinations/tables';
import { lostPetReports, lostPetSightings } from './modules/lost-pets/tables';

/** One statement per loader, prepared once per database handle; each batch binds its keys. */
const statementsOf = preparedStatements((db: Db) => ({
  registryByPetId: db.select().from(petRegistry).where(isAnyKey(petRegistry.petId)).prepare('licensure_registry_by_pet_id'),
  licensesByPetId: db
    .select()
    .from(municipalLicenses)
    .where(isAnyKey(municipalLicenses.petId))
    .orderBy(asc(municipalLicenses.issuedDate))
    .prepare('licensure_licenses_by_pet_id'),
  certificationsByPetId: db
    .select()
    .from(certifications)
    .where(isAnyKey(certifications.petId))
    .orderBy(asc(certifications.issuedDate))
    .prepare('licensure_certifications_by_pet_id'),
  healthRecordsByPetId: db
    .select()
    .from(healthRecords)
    .where(isAnyKey(healthRecords.petId))
    .orderBy(asc(healthRecords.date))
    .prepare('licensure_health_records_by_pet_id'),
  vaccinationsByPetId: db
    .select()
    .from(vaccinations)
    .where(isAnyKey(vaccinations.petId))
    .orderBy(asc(vaccinations.administeredDate))
    .prepare('licensure_vaccinations_by_pet_id'),
  sightingsByReportId: db
    .select()
    .from(lostPetSightings)
    .where(isAnyKey(lostPetSightings.reportId))
    .orderBy(desc(lostPetSightings.createdAt))
    .prepare('licensure_sightings_by_report_id'),
  licenseById: db.select().from(municipalLicenses).where(isAnyKey(municipalLicenses.id)).prepare('licensure_license_by_id'),
  lostReportById: db.select().from(lostPetReports).where(isAnyKey(lostPetReports.id)).prepare('licensure_lost_report_by_id'),
  lostReportsByPetId: db
    .select()
    .from(lostPetReports)
    .where(isAnyKey(lostPetReports.petId))
    .orderBy(asc(lostPetReports.lostDate))
    .prepare('licensure_lost_reports_by_pet_id'),
}));

/** Every field licensure adds to Pet is one of these: one SQL statement per field per request, whatever the pet count. */
export function createLicensureLoaders(db: Db) {
  const statements = statementsOf(db);
  return {
    registryByPetId: rowLoader(statements.registryByPetId, (r) => r.petId, isUuid),
    licensesByPetId: groupLoader(statements.licensesByPetId, (r) => r.petId, isUuid),
    certificationsByPetId: groupLoader(statements.certificationsByPetId, (r) => r.petId, isUuid),
    healthRecordsByPetId: groupLoader(statements.healthRecordsByPetId, (r) => r.petId, isUuid),
    vaccinationsByPetId: groupLoader(statements.vaccinationsByPetId, (r) => r.petId, isUuid),
    sightingsByReportId: groupLoader(statements.sightingsByReportId, (r) => r.reportId, isUuid),
    // For mutations by id (one look-up each): a malformed id reaches PostgreSQL, whose refusal is BAD_USER_INPUT.
    licenseById: rowLoader(statements.licenseById, byId),
    lostReportById: rowLoader(statements.lostReportById, byId),
    lostReportsByPetId: groupLoader(statements.lostReportsByPetId, (r) => r.petId, isUuid),
  };
}

export type LicensureLoaders = ReturnType<typeof createLicensureLoaders>;
