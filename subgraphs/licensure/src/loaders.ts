import { asc, desc, inArray } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, isUuid, rowLoader } from '@psa/subgraph-kit';
import { petRegistry } from './modules/registry/tables';
import { municipalLicenses } from './modules/licenses/tables';
import { certifications } from './modules/certifications/tables';
import { healthRecords } from './modules/health-records/tables';
import { vaccinations } from './modules/vaccinations/tables';
import { lostPetReports, lostPetSightings } from './modules/lost-pets/tables';

/** Every field licensure adds to Pet is one of these: one SQL statement per field per request, whatever the pet count. */
export function createLicensureLoaders(db: Db) {
  return {
    registryByPetId: rowLoader(
      (ids: string[]) => db.select().from(petRegistry).where(inArray(petRegistry.petId, ids)),
      (r) => r.petId,
      isUuid,
    ),
    licensesByPetId: groupLoader(
      (ids: string[]) => db.select().from(municipalLicenses).where(inArray(municipalLicenses.petId, ids)).orderBy(asc(municipalLicenses.issuedDate)),
      (r) => r.petId,
      isUuid,
    ),
    certificationsByPetId: groupLoader(
      (ids: string[]) => db.select().from(certifications).where(inArray(certifications.petId, ids)).orderBy(asc(certifications.issuedDate)),
      (r) => r.petId,
      isUuid,
    ),
    healthRecordsByPetId: groupLoader(
      (ids: string[]) => db.select().from(healthRecords).where(inArray(healthRecords.petId, ids)).orderBy(asc(healthRecords.date)),
      (r) => r.petId,
      isUuid,
    ),
    vaccinationsByPetId: groupLoader(
      (ids: string[]) => db.select().from(vaccinations).where(inArray(vaccinations.petId, ids)).orderBy(asc(vaccinations.administeredDate)),
      (r) => r.petId,
      isUuid,
    ),
    sightingsByReportId: groupLoader(
      (ids: string[]) => db.select().from(lostPetSightings).where(inArray(lostPetSightings.reportId, ids)).orderBy(desc(lostPetSightings.createdAt)),
      (r) => r.reportId,
      isUuid,
    ),
    // For mutations by id (one look-up each): a malformed id reaches PostgreSQL, whose refusal is BAD_USER_INPUT.
    licenseById: rowLoader(
      (ids: string[]) => db.select().from(municipalLicenses).where(inArray(municipalLicenses.id, ids)),
      (r) => r.id,
    ),
    lostReportById: rowLoader(
      (ids: string[]) => db.select().from(lostPetReports).where(inArray(lostPetReports.id, ids)),
      (r) => r.id,
    ),
    lostReportsByPetId: groupLoader(
      (ids: string[]) => db.select().from(lostPetReports).where(inArray(lostPetReports.petId, ids)).orderBy(asc(lostPetReports.lostDate)),
      (r) => r.petId,
      isUuid,
    ),
  };
}

export type LicensureLoaders = ReturnType<typeof createLicensureLoaders>;
