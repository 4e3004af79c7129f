import { and, eq, isNull, sql } from 'drizzle-orm';
import { isUniqueViolation } from '@psa/db';
import { chargeOnce, looksLikeCardNumber } from '@psa/payments';
import {
  assertCoreAccess,
  badInput,
  conflict,
  forbidden,
  loadTypeDefs,
  notFound,
  optionalText,
  requiredText,
  type SubgraphModule,
  viewerOwnerId,
  requireViewerOwnerId,
} from '@psa/subgraph-kit';
import type { Resolvers } from '../../generated/resolvers';
import { visibleAppointment } from '../booking/access';
import { assertClinicRole } from '../clinics/access';
import { clinicServices } from '../clinics/tables';
import { wholeNumberBetween } from '../clinics/rules';
import { paymentProvider } from './provider';
import { paymentMethods, payments } from './tables';

const CURRENCY = 'USD';

export const paymentsModule: SubgraphModule = {
  name: 'payments',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Mutation: {
      addPaymentMethod: async (_, { input }, ctx) => {
        const ownerId = await requireViewerOwnerId(ctx);
        const provider = requiredText('input.provider', input.provider, 30);
        if (provider !== paymentProvider.name) throw badInput('input.provider', `this deployment takes tokens of "${paymentProvider.name}", got "${provider}"`);
        const token = requiredText('input.providerToken', input.providerToken, 255);
        if (looksLikeCardNumber(token)) throw badInput('input.providerToken', 'looks like a card number: send the provider’s token, never the number');
        const last4 = optionalText('input.cardLast4', input.cardLast4, 4);
        if (last4 !== null && !/^\d{4}$/.test(last4)) throw badInput('input.cardLast4', `must be 4 digits, got "${last4}"`);
        const isDefault = input.isDefault ?? false;
        if (isDefault)
          await ctx.db
            .update(paymentMethods)
            .set({ isDefault: false })
            .where(and(eq(paymentMethods.userId, ownerId), eq(paymentMethods.isDefault, true)));
        const [method] = await ctx.db
          .insert(paymentMethods)
          .values({
            userId: ownerId,
            provider,
            providerToken: token,
            cardLast4: last4,
            cardBrand: optionalText('input.cardBrand', input.cardBrand, 20),
            cardExpMonth: wholeNumberBetween('input.cardExpMonth', input.cardExpMonth, 1, 12),
            cardExpYear: wholeNumberBetween('input.cardExpYear', input.cardExpYear, 2000, 2100),
            isDefault,
          })
          .returning();
        return method!;
      },
      removePaymentMethod: async (_, { id }, ctx) => {
        const ownerId = await requireViewerOwnerId(ctx);
        const [method] = await ctx.db
          .update(paymentMethods)
          .set({ deletedAt: new Date(), isDefault: false })
          .where(and(eq(paymentMethods.id, id), eq(paymentMethods.userId, ownerId), isNull(paymentMethods.deletedAt)))
          .returning();
        if (!method) throw notFound('PaymentMethod', id);
        return method;
      },
      payForAppointment: async (_, { input }, ctx) => {
        const ownerId = await requireViewerOwnerId(ctx);
        const idempotencyKey = requiredText('input.idempotencyKey', input.idempotencyKey, 100);
        const { appointment, access } = await visibleAppointment(ctx, input.appointmentId);
        if (access !== 'owner') throw forbidden('only the appointment’s owner pays for it');
        const byKey = and(eq(payments.userId, ownerId), eq(payments.idempotencyKey, idempotencyKey));
        const { payment, replayed } = await chargeOnce({
          provider: paymentProvider,
          findByKey: async () => (await ctx.db.select().from(payments).where(byKey).limit(1))[0],
          createPending: async () => {
            if (appointment.status === 'CANCELLED_BY_OWNER' || appointment.status === 'CANCELLED_BY_CLINIC' || appointment.status === 'NO_SHOW')
              throw badInput('input.appointmentId', `appointment is ${appointment.status}`);
            const [method] = await ctx.db
              .select()
              .from(paymentMethods)
              .where(and(eq(paymentMethods.id, input.paymentMethodId), eq(paymentMethods.userId, ownerId), isNull(paymentMethods.deletedAt)))
              .limit(1);
            if (!method) throw notFound('PaymentMethod', input.paymentMethodId);
            const [offer] = await ctx.db
              .select({ priceCents: clinicServices.priceCents })
              .from(clinicServices)
              .where(and(eq(clinicServices.clinicId, appointment.clinicId), eq(clinicServices.serviceId, appointment.serviceId)))
              .limit(1);
            if (!offer?.priceCents) throw badInput('input.appointmentId', 'the clinic has no price for this service: it takes payment at the desk');
            try {
              const [pending] = await ctx.db
                .insert(payments)
                .values({
                  appointmentId: appointment.id,
                  userId: ownerId,
                  paymentMethodId: method.id,
                  idempotencyKey,
                  amountCents: offer.priceCents,
                  currency: CURRENCY,
                  status: 'PENDING',
                  provider: method.provider,
                })
                .onConflictDoNothing({ target: [payments.userId, payments.idempotencyKey] })
                .returning();
              return pending && { payment: pending, token: method.providerToken };
            } catch (error) {
              if (isUniqueViolation(error)) throw conflict('input.appointmentId', `appointment ${appointment.id} is already paid`);
              throw error;
            }
          },
          settle: async (pending, result) => {
            const [settled] = await ctx.db
              .update(payments)
              .set(
                result.status === 'succeeded'
                  ? { status: 'SUCCEEDED' as const, providerPaymentId: result.providerPaymentId, paidAt: new Date() }
                  : { status: 'FAILED' as const, failureReason: result.failureReason },
              )
              .where(eq(payments.id, pending.id))
              .returning();
            return settled!;
          },
        });
        if (replayed && payment.appointmentId !== appointment.id) throw conflict('input.idempotencyKey', 'was used for another payment');
        return payment;
      },
      refundPayment: async (_, { id, amountCents, reason }, ctx) => {
        ctx.viewer.requireSubject();
        const [payment] = await ctx.db.select().from(payments).where(eq(payments.id, id)).limit(1);
        if (!payment) throw notFound('Payment', id);
        const appointment = (await ctx.loaders.appointmentById.load(payment.appointmentId))!;
        await assertClinicRole(ctx, appointment.clinicId, ['ADMIN'], 'refund payments');
        requiredText('reason', reason, 1000);
        const amount = wholeNumberBetween('amountCents', amountCents, 1, 2_000_000_000)!;
        // Guarded in one statement: two refunds at once cannot give back more than was paid. A refusal below (the
        // provider's) rolls this back with the rest of the mutation.
        const [refunded] = await ctx.db
          .update(payments)
          .set({
            refundAmountCents: sql`${payments.refundAmountCents} + ${amount}`,
            status: sql`case when ${payments.refundAmountCents} + ${amount} = ${payments.amountCents} then 'REFUNDED'::healthcare.payment_status else ${payments.status} end`,
            refundedAt: new Date(),
          })
          .where(and(eq(payments.id, id), eq(payments.status, 'SUCCEEDED'), sql`${payments.refundAmountCents} + ${amount} <= ${payments.amountCents}`))
          .returning();
        if (!refunded) {
          const left = payment.status === 'SUCCEEDED' ? payment.amountCents - payment.refundAmountCents : 0;
          throw badInput('amountCents', `at most ${left} cents are left to refund (payment is ${payment.status}), asked ${amount}`);
        }
        const result = await paymentProvider.refund({
          providerPaymentId: payment.providerPaymentId!,
          amountCents: amount,
          idempotencyKey: `${payment.id}:${refunded.refundAmountCents}`,
        });
        if (result.status === 'failed') throw conflict('id', `the provider refused the refund: ${result.failureReason}`);
        const [done] = await ctx.db.update(payments).set({ providerRefundId: result.providerRefundId }).where(eq(payments.id, id)).returning();
        return done!;
      },
    },
    Owner: {
      paymentMethods: async (owner, _, ctx) => {
        assertCoreAccess(ctx, 'Owner', owner);
        if ((await viewerOwnerId(ctx)) !== owner.id) throw forbidden('only the owner sees their payment methods');
        return ctx.loaders.paymentMethodsByOwnerId.load(owner.id);
      },
    },
    Appointment: {
      payments: (a, _, ctx) => ctx.loaders.paymentsByAppointmentId.load(a.id),
    },
    Payment: {
      appointment: async (p, _, ctx) => (await visibleAppointment(ctx, p.appointmentId)).appointment,
    },
  } satisfies Resolvers,
};
