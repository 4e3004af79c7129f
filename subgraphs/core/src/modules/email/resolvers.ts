import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { badInput, conflict, keepingWrites, loadTypeDefs, type SubgraphModule } from '@psa/subgraph-kit';
import type { CoreContext } from '../../context';
import { viewerScope } from '../../access';
import { change } from '../../outbox';
import { ownerChanged } from '../../events';
import { owners, type OwnerRow } from '../owners/tables';
import { emailVerifications, outgoingMail } from './tables';
import { CODE_TTL_MS, MAX_ATTEMPTS, RESEND_AFTER_MS, codeHash, newCode, verificationMail } from './rules';
import type { Resolvers } from '../../generated/resolvers';

async function signedInOwner(ctx: CoreContext): Promise<OwnerRow> {
  const { owner } = await viewerScope(ctx);
  if (!owner) throw badInput('owner', 'create your owner profile first');
  return owner;
}

export const emailModule: SubgraphModule = {
  name: 'email',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Mutation: {
      requestEmailVerification: async (_, __, ctx) => {
        const owner = await signedInOwner(ctx);
        if (owner.emailVerifiedAt) return true;
        const [last] = await ctx.db
          .select({ createdAt: emailVerifications.createdAt })
          .from(emailVerifications)
          .where(eq(emailVerifications.ownerId, owner.id));
        if (last && Date.now() - last.createdAt.getTime() < RESEND_AFTER_MS)
          throw badInput('requestEmailVerification', 'a code was sent less than a minute ago; wait for it or try again in a minute');
        const code = newCode();
        const values = {
          ownerId: owner.id,
          email: owner.email,
          codeHash: codeHash(owner.id, code),
          attempts: 0,
          expiresAt: new Date(Date.now() + CODE_TTL_MS),
          createdAt: new Date(),
        };
        await ctx.db.transaction(async (tx) => {
          await tx.insert(emailVerifications).values(values).onConflictDoUpdate({ target: emailVerifications.ownerId, set: values });
          await tx.insert(outgoingMail).values({ recipient: owner.email, ...verificationMail(code) });
        });
        return true;
      },
      verifyEmail: async (_, { code }, ctx) => {
        const owner = await signedInOwner(ctx);
        // Counted before it is checked, so concurrent guesses cannot share one attempt.
        const [pending] = await ctx.db
          .update(emailVerifications)
          .set({ attempts: sql`${emailVerifications.attempts} + 1` })
          .where(eq(emailVerifications.ownerId, owner.id))
          .returning();
        // The refusals below keep the attempt just counted; any other write of this mutation would roll back.
        if (!pending || pending.expiresAt.getTime() < Date.now()) throw badInput('code', 'no code is pending: ask for one with requestEmailVerification');
        if (pending.attempts > MAX_ATTEMPTS) throw keepingWrites(badInput('code', `${MAX_ATTEMPTS} wrong attempts: ask for a new code`));
        if (pending.codeHash !== codeHash(owner.id, code.trim())) throw keepingWrites(badInput('code', 'is not the code we sent'));
        if (pending.email !== owner.email) throw keepingWrites(badInput('code', 'was sent to an address the profile no longer has: ask for a new code'));
        const [other] = await ctx.db
          .select({ id: owners.id })
          .from(owners)
          .where(and(eq(owners.email, owner.email), isNotNull(owners.emailVerifiedAt), ne(owners.id, owner.id)))
          .limit(1);
        if (other) throw keepingWrites(conflict('code', `${owner.email} is verified on another profile`));
        return change(ctx.db, async (tx, emit) => {
          await tx.delete(emailVerifications).where(eq(emailVerifications.ownerId, owner.id));
          const [verified] = await tx
            .update(owners)
            .set({ emailVerifiedAt: new Date(), version: sql`${owners.version} + 1` })
            .where(eq(owners.id, owner.id))
            .returning();
          ownerChanged(emit, 'owner.updated', verified!);
          return verified!;
        });
      },
    },
    Owner: {
      emailVerified: (owner) => owner.emailVerifiedAt !== null,
    },
  } satisfies Resolvers,
};
