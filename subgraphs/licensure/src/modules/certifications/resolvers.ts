import { dateAfter, dateNotInFuture, loadTypeDefs, optionalText, requiredText, requiredTexts, type SubgraphModule } from '@psa/subgraph-kit';
import { assertStaff, petOf, petRecordsField, registryEntryFor } from '../../access';
import { certifications } from './tables';
import type { Resolvers } from '../../generated/resolvers';

export const certificationsModule: SubgraphModule = {
  name: 'certifications',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Mutation: {
      addCertification: async (_, { input }, ctx) => {
        assertStaff(ctx, 'add certifications');
        const values = {
          petId: input.petId,
          type: input.type,
          name: requiredText('input.name', input.name),
          description: optionalText('input.description', input.description),
          issuedBy: requiredText('input.issuedBy', input.issuedBy),
          issuingOrganization: optionalText('input.issuingOrganization', input.issuingOrganization),
          certificationNumber: optionalText('input.certificationNumber', input.certificationNumber, 100),
          issuedDate: dateNotInFuture('input.issuedDate', input.issuedDate),
          expiresDate: input.expiresDate ? dateAfter('input.expiresDate', input.expiresDate, 'input.issuedDate', input.issuedDate) : null,
          renewalRequired: input.renewalRequired ?? false,
          documentUrls: requiredTexts('input.documentUrls', input.documentUrls, 2000),
          badgeUrl: optionalText('input.badgeUrl', input.badgeUrl),
        };
        const registry = await registryEntryFor(ctx.db, input.petId);
        const [row] = await ctx.db
          .insert(certifications)
          .values({ ...values, registryId: registry.id })
          .returning();
        return row!;
      },
    },
    Pet: { certifications: petRecordsField('certificationsByPetId') },
    Certification: { pet: petOf },
  } satisfies Resolvers,
};
