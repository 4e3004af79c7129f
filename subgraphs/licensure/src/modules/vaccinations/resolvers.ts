import { and, asc, isNotNull, lt } from 'drizzle-orm';
import { badInput, dateAfter, dateNotInFuture, loadTypeDefs, optionalText, requiredText, toIsoDate, type SubgraphModule } from '@psa/subgraph-kit';
import { assertStaff, petOf, petRecordsField, registryEntryFor } from '../../access';
import { vaccinations } from './tables';
import type { Resolvers } from '../../generated/resolvers';

const MAX_DUE_LIMIT = 1000;

export const vaccinationsModule: SubgraphModule = {
  name: 'vaccinations',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      vaccinationsDue: async (_, { before, limit }, ctx) => {
        assertStaff(ctx, 'list vaccinations due');
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DUE_LIMIT) throw badInput('limit', `must be between 1 and ${MAX_DUE_LIMIT}, got ${limit}`);
        return ctx.db
          .select()
          .from(vaccinations)
          .where(and(isNotNull(vaccinations.nextDueDate), lt(vaccinations.nextDueDate, toIsoDate(before))))
          .orderBy(asc(vaccinations.nextDueDate), asc(vaccinations.id))
          .limit(limit);
      },
    },
    Mutation: {
      addVaccination: async (_, { input }, ctx) => {
        assertStaff(ctx, 'add vaccinations');
        const values = {
          petId: input.petId,
          vaccineName: requiredText('input.vaccineName', input.vaccineName),
          vaccineType: input.vaccineType,
          administeredDate: dateNotInFuture('input.administeredDate', input.administeredDate),
          nextDueDate: input.nextDueDate ? dateAfter('input.nextDueDate', input.nextDueDate, 'input.administeredDate', input.administeredDate) : null,
          administeredBy: requiredText('input.administeredBy', input.administeredBy),
          clinicName: optionalText('input.clinicName', input.clinicName),
          manufacturer: optionalText('input.manufacturer', input.manufacturer),
          lotNumber: optionalText('input.lotNumber', input.lotNumber, 100),
          expirationDate: input.expirationDate ? toIsoDate(input.expirationDate) : null,
          certificateUrl: optionalText('input.certificateUrl', input.certificateUrl),
        };
        const registry = await registryEntryFor(ctx.db, input.petId);
        const [row] = await ctx.db
          .insert(vaccinations)
          .values({ ...values, registryId: registry.id })
          .returning();
        return row!;
      },
    },
    Pet: { vaccinations: petRecordsField('vaccinationsByPetId') },
    Vaccination: { pet: petOf },
  } satisfies Resolvers,
};
