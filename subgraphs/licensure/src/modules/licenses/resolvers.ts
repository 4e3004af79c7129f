import { and, eq, ne, type SQL } from 'drizzle-orm';
import { badInput, conflict, dateAfter, loadTypeDefs, nonNegativeInteger, loadOrNotFound, requiredText, type SubgraphModule } from '@psa/subgraph-kit';
import type { LicensureContext } from '../../context';
import { assertLivePet, assertStaff, petOf, petRecordsField, registryEntryFor } from '../../access';
import { licenseValues } from './rules';
import { municipalLicenses, type MunicipalLicenseRow } from './tables';
import { licensureOutbox } from '../../outbox';
import { publishRegistryState } from '../registry/publish';
import type { Resolvers } from '../../generated/resolvers';

/** An id that is not a UUID is BAD_USER_INPUT here (the database refuses it), not NOT_FOUND: licensure always answered so. */
const loadLicense = (ctx: LicensureContext, id: string) => loadOrNotFound(ctx.loaders.licenseById, id, 'MunicipalLicense', () => true);

/**
 * Changes a licence only while it is still as the caller saw it (`guard`): of two concurrent payments or
 * renewals, one is applied and the other gets CONFLICT, instead of both being told "done".
 */
async function updateIfStill(
  ctx: LicensureContext,
  license: MunicipalLicenseRow,
  guard: SQL,
  changes: Partial<typeof municipalLicenses.$inferInsert>,
  conflictMessage: string,
) {
  return licensureOutbox.change(ctx.db, async (tx) => {
    const [row] = await tx
      .update(municipalLicenses)
      .set(changes)
      .where(and(eq(municipalLicenses.id, license.id), guard))
      .returning();
    if (!row) throw conflict('id', conflictMessage);
    await publishRegistryState(tx, [row.petId]);
    return row;
  });
}

export const licensesModule: SubgraphModule = {
  name: 'licenses',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Mutation: {
      issueLicense: async (_, { input }, ctx) => {
        assertStaff(ctx, 'issue licences');
        const values = licenseValues(input);
        await assertLivePet(ctx.db, 'input.petId', input.petId);
        const registry = await registryEntryFor(ctx.db, input.petId);
        const [taken] = await ctx.db
          .select({ id: municipalLicenses.id })
          .from(municipalLicenses)
          .where(eq(municipalLicenses.licenseNumber, values.licenseNumber))
          .limit(1);
        if (taken) throw conflict('input.licenseNumber', `${values.licenseNumber} is already issued`);
        return licensureOutbox.change(ctx.db, async (tx) => {
          const [license] = await tx
            .insert(municipalLicenses)
            .values({ ...values, petId: input.petId, registryId: registry.id })
            .returning();
          await publishRegistryState(tx, [input.petId]);
          return license!;
        });
      },
      renewLicense: async (_, { id, expiresDate, feeCents }, ctx) => {
        assertStaff(ctx, 'renew licences');
        const license = await loadLicense(ctx, id);
        if (license.status === 'REVOKED') throw badInput('id', `licence ${license.licenseNumber} is REVOKED and cannot be renewed`);
        const renewed = {
          expiresDate: dateAfter('expiresDate', expiresDate, 'the current expiry', license.expiresDate),
          feeCents: nonNegativeInteger('feeCents', feeCents),
          paid: false,
          paidAt: null,
          transactionId: null,
          status: 'ACTIVE' as const,
        };
        const unchanged = and(eq(municipalLicenses.expiresDate, license.expiresDate), ne(municipalLicenses.status, 'REVOKED'))!;
        return updateIfStill(ctx, license, unchanged, renewed, `licence ${license.licenseNumber} changed while it was being renewed; read it again`);
      },
      recordLicensePayment: async (_, { id, transactionId }, ctx) => {
        assertStaff(ctx, 'record licence payments');
        const license = await loadLicense(ctx, id);
        const transaction = requiredText('transactionId', transactionId, 200);
        const paid = `licence ${license.licenseNumber} is already paid`;
        if (license.paid) throw conflict('id', `${paid} (transaction ${license.transactionId})`);
        return updateIfStill(ctx, license, eq(municipalLicenses.paid, false), { paid: true, paidAt: new Date(), transactionId: transaction }, paid);
      },
      revokeLicense: async (_, { id }, ctx) => {
        assertStaff(ctx, 'revoke licences');
        const license = await loadLicense(ctx, id);
        if (license.status === 'REVOKED') return license;
        return licensureOutbox.change(ctx.db, async (tx) => {
          const [row] = await tx.update(municipalLicenses).set({ status: 'REVOKED' }).where(eq(municipalLicenses.id, id)).returning();
          await publishRegistryState(tx, [license.petId]);
          return row!;
        });
      },
    },
    Pet: { licenses: petRecordsField('licensesByPetId') },
    MunicipalLicense: { pet: petOf },
  } satisfies Resolvers,
};
