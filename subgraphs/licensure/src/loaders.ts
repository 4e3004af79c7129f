import { asc, desc } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { byId, groupLoader, isUuid, preparedStatements, rowLoader, rowsByKey } from '@psa/subgraph-kit';
import { petRegistry } from './modules/registry/tables';
import { municipalLicenses } from './modules/licenses/tables';
import { certifications } from './modules/certifications/tables';
import { healthRecords } from './modules/health-records/tables';
import { vaccinations } from './modules/vaccinations/tables';
import { lostPetReports, lostPetSightings } from './modules/lost-pets/tables';

/** One statement per loader, prepared once per database handle; each batch binds its keys. */
const statementsOf = preparedStatements((db: Db) => ({
  registryByPetId: rowsByKey(db, petRegistry, { key: petRegistry.petId, name: 'licensure_registry_by_pet_id' }),
  licensesByPetId: rowsByKey(db, municipalLicenses, {
    key: municipalLicenses.petId,
    order: [asc(municipalLicenses.issuedDate)],
    name: 'licensure_licenses_by_pet_id',
  }),
  certificationsByPetId: rowsByKey(db, certifications, {
    key: certifications.petId,
    order: [asc(certifications.issuedDate)],
    name: 'licensure_certifications_by_pet_id',
  }),
  healthRecordsByPetId: rowsByKey(db, healthRecords, {
    key: healthRecords.petId,
    order: [asc(healthRecords.date)],
    name: 'licensure_health_records_by_pet_id',
  }),
  vaccinationsByPetId: rowsByKey(db, vaccinations, {
    key: vaccinations.petId,
    order: [asc(vaccinations.administeredDate)],
    name: 'licensure_vaccinations_by_pet_id',
  }),
  sightingsByReportId: rowsByKey(db, lostPetSightings, {
    key: lostPetSightings.reportId,
    order: [desc(lostPetSightings.createdAt)],
    name: 'licensure_sightings_by_report_id',
  }),
  licenseById: rowsByKey(db, municipalLicenses, { key: municipalLicenses.id, name: 'licensure_license_by_id' }),
  lostReportById: rowsByKey(db, lostPetReports, { key: lostPetReports.id, name: 'licensure_lost_report_by_id' }),
  lostReportsByPetId: rowsByKey(db, lostPetReports, {
    key: lostPetReports.petId,
    order: [asc(lostPetReports.lostDate)],
    name: 'licensure_lost_reports_by_pet_id',
  }),
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
