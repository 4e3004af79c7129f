import { dateNotInFuture, loadTypeDefs, optionalText, requiredText, requiredTexts, toIsoDate, type SubgraphModule } from '@psa/subgraph-kit';
import { assertStaff, petOf, petRecordsField, registryEntryFor } from '../../access';
import { healthRecords } from './tables';
import type { Resolvers } from '../../generated/resolvers';

export const healthRecordsModule: SubgraphModule = {
  name: 'health-records',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Mutation: {
      addHealthRecord: async (_, { input }, ctx) => {
        assertStaff(ctx, 'add health records');
        const values = {
          petId: input.petId,
          recordType: input.recordType,
          title: requiredText('input.title', input.title),
          description: optionalText('input.description', input.description, 10_000),
          date: dateNotInFuture('input.date', input.date),
          veterinarianId: optionalText('input.veterinarianId', input.veterinarianId, 100),
          clinicName: optionalText('input.clinicName', input.clinicName),
          medications:
            input.medications?.map((m, i) => ({
              name: requiredText(`input.medications[${i}].name`, m.name),
              dosage: optionalText(`input.medications[${i}].dosage`, m.dosage),
              frequency: optionalText(`input.medications[${i}].frequency`, m.frequency),
              startDate: m.startDate ? toIsoDate(m.startDate) : null,
              endDate: m.endDate ? toIsoDate(m.endDate) : null,
            })) ?? null,
          allergies: requiredTexts('input.allergies', input.allergies),
          conditions: requiredTexts('input.conditions', input.conditions),
          documentUrls: requiredTexts('input.documentUrls', input.documentUrls),
          immutable: input.immutable ?? false,
        };
        const registry = await registryEntryFor(ctx.db, input.petId);
        const [row] = await ctx.db
          .insert(healthRecords)
          .values({ ...values, registryId: registry.id })
          .returning();
        return row!;
      },
    },
    Pet: { healthRecords: petRecordsField('healthRecordsByPetId') },
    HealthRecord: { pet: petOf },
  } satisfies Resolvers,
};
