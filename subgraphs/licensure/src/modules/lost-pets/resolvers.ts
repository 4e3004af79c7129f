import { and, eq, inArray } from 'drizzle-orm';
import { isUniqueViolation } from '@psa/db';
import {
  badInput,
  conflict,
  instantNotInFuture,
  loadOrNotFound,
  loadTypeDefs,
  microchipNumber,
  nonNegativeInteger,
  optionalText,
  requiredText,
  requiredTexts,
  type SubgraphModule,
} from '@psa/subgraph-kit';
import type { LicensureContext } from '../../context';
import { lookUpMicrochip } from './microchips';
import { recordSighting } from './sightings';
import { assertStaff, petOf, petRecordsField, registryEntryFor } from '../../access';
import { lostPetReports, type Location, type LostPetReportRow } from './tables';
import type { Resolvers } from '../../generated/resolvers';

const OPEN: LostPetReportRow['status'][] = ['LOST', 'SIGHTING_REPORTED'];

function validLocation(field: string, location: Location): Location {
  const { latitude, longitude } = location;
  if (latitude != null && (latitude < -90 || latitude > 90)) throw badInput(`${field}.latitude`, `must be between -90 and 90, got ${latitude}`);
  if (longitude != null && (longitude < -180 || longitude > 180)) throw badInput(`${field}.longitude`, `must be between -180 and 180, got ${longitude}`);
  const cleaned = {
    address: optionalText(`${field}.address`, location.address),
    latitude: latitude ?? null,
    longitude: longitude ?? null,
    description: optionalText(`${field}.description`, location.description),
  };
  if (!cleaned.address && cleaned.latitude === null && !cleaned.description) {
    throw badInput(field, 'needs an address, coordinates or a description');
  }
  return cleaned;
}

/** An id that is not a UUID is BAD_USER_INPUT here (the database refuses it), not NOT_FOUND: licensure always answered so. */
const loadReport = (ctx: LicensureContext, id: string) => loadOrNotFound(ctx.loaders.lostReportById, id, 'LostPetReport', () => true);

export const lostPetsModule: SubgraphModule = {
  name: 'lost-pets',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      microchipLookup: async (_, args, ctx) => {
        ctx.viewer.requireSubject();
        const chip = microchipNumber('microchipNumber', args.microchipNumber);
        if (chip === null) throw badInput('microchipNumber', 'is required');
        return { microchipNumber: chip, ...(await lookUpMicrochip(ctx.db, chip)) };
      },
    },
    Mutation: {
      reportLostPet: async (_, { input }, ctx) => {
        assertStaff(ctx, 'open lost pet reports');
        const values = {
          petId: input.petId,
          reportedBy: ctx.viewer.requireSubject(),
          lostDate: instantNotInFuture('input.lostDate', input.lostDate),
          lastSeenLocation: validLocation('input.lastSeenLocation', input.lastSeenLocation),
          physicalDescription: requiredText('input.physicalDescription', input.physicalDescription, 10_000),
          wearing: requiredTexts('input.wearing', input.wearing),
          behaviorNotes: optionalText('input.behaviorNotes', input.behaviorNotes, 10_000),
          alertRadius: input.alertRadius == null ? 5 : nonNegativeInteger('input.alertRadius', input.alertRadius),
        };
        const registry = await registryEntryFor(ctx.db, input.petId);
        const alreadyOpen = conflict('input.petId', `pet ${input.petId} already has an open lost report`);
        const [open] = await ctx.db
          .select({ id: lostPetReports.id })
          .from(lostPetReports)
          .where(and(eq(lostPetReports.petId, input.petId), inArray(lostPetReports.status, OPEN)))
          .limit(1);
        if (open) throw alreadyOpen;
        try {
          // In a savepoint: the mutation's transaction stays usable when the index refuses the row.
          const [row] = await ctx.db.transaction((tx) =>
            tx
              .insert(lostPetReports)
              .values({ ...values, registryId: registry.id })
              .returning(),
          );
          return row!;
        } catch (error) {
          // Another report was opened between the check and the insert: the one-open index decides.
          if (isUniqueViolation(error)) throw alreadyOpen;
          throw error;
        }
      },
      reportSighting: async (_, { input }, ctx) => {
        const reporter = ctx.viewer.requireSubject();
        const sighting = {
          reportId: input.reportId,
          reportedBy: reporter,
          seenAt: instantNotInFuture('input.seenAt', input.seenAt ?? new Date()),
          location: input.location ? validLocation('input.location', input.location) : null,
          note: optionalText('input.note', input.note, 2000),
        };
        const report = await loadReport(ctx, input.reportId);
        if (!OPEN.includes(report.status)) throw badInput('input.reportId', `report ${input.reportId} is not open`);
        return recordSighting(ctx.db, sighting);
      },
      markPetFound: async (_, { input }, ctx) => {
        assertStaff(ctx, 'mark pets found');
        const report = await loadReport(ctx, input.reportId);
        if (!OPEN.includes(report.status)) throw badInput('input.reportId', `report ${input.reportId} is ${report.status}, not open`);
        const [row] = await ctx.db
          .update(lostPetReports)
          .set({
            status: 'FOUND',
            statusUpdatedAt: new Date(),
            foundBy: requiredText('input.foundBy', input.foundBy),
            foundDate: instantNotInFuture('input.foundDate', input.foundDate ?? new Date()),
            foundLocation: input.foundLocation ? validLocation('input.foundLocation', input.foundLocation) : null,
          })
          .where(eq(lostPetReports.id, input.reportId))
          .returning();
        return row!;
      },
    },
    Pet: { lostReports: petRecordsField('lostReportsByPetId') },
    LostPetReport: {
      pet: petOf,
      sightings: (report, _, ctx) => ctx.loaders.sightingsByReportId.load(report.id),
    },
  } satisfies Resolvers,
};
