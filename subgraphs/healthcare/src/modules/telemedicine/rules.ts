import { badInput, requiredTexts, optionalText } from '@psa/subgraph-kit';
import type { ConsultationStatus, MedicalPlan, SubscriptionStatus } from '../../generated/resolvers';

/** What each telemedicine plan costs a month (integer cents, USD) and includes. */
export const MEDICAL_PLANS: Readonly<Record<MedicalPlan, { monthlyPriceCents: number; services: readonly string[] }>> = {
  BASIC: { monthlyPriceCents: 1_499, services: ['PRIMARY_CARE video consultations', 'chat with a vet nurse'] },
  PLUS: {
    monthlyPriceCents: 2_999,
    services: ['PRIMARY_CARE video consultations', 'chat with a vet nurse', 'FOLLOW_UP consultations', 'prescription renewals'],
  },
  PREMIUM: {
    monthlyPriceCents: 4_999,
    services: [
      'PRIMARY_CARE video consultations',
      'chat with a vet nurse',
      'FOLLOW_UP consultations',
      'prescription renewals',
      'SPECIALTY consultations',
      'MENTAL_HEALTH (behaviour) consultations',
    ],
  },
  FAMILY: {
    monthlyPriceCents: 6_999,
    services: ['everything in PREMIUM', 'every pet of the household', 'priority booking'],
  },
};

/**
 * The seed's SubscriptionStatus, for telemedicine subscriptions and wellness plans alike: a paused subscription
 * resumes; cancelled and expired ones are final.
 */
export const SUBSCRIPTION_TRANSITIONS: Readonly<Record<SubscriptionStatus, readonly SubscriptionStatus[]>> = {
  ACTIVE: ['PAUSED', 'CANCELLED', 'EXPIRED'],
  PAUSED: ['ACTIVE', 'CANCELLED', 'EXPIRED'],
  CANCELLED: [],
  EXPIRED: [],
};

/** A consultation runs once: scheduled, then in progress, then completed; or it ends cancelled or as a no-show. */
export const CONSULTATION_TRANSITIONS: Readonly<Record<ConsultationStatus, readonly ConsultationStatus[]>> = {
  SCHEDULED: ['IN_PROGRESS', 'CANCELLED', 'NO_SHOW'],
  IN_PROGRESS: ['COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
  NO_SHOW: [],
};

export const DURATION_MINUTES = { min: 5, max: 240 };

/** The same day of the month `months` later, or the month's last day when it has no such day (31 Jan → 28/29 Feb). */
export function addMonths(instant: Date, months: number): Date {
  const target = new Date(instant.getTime());
  const day = instant.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/** When a consultation is booked for: in the future, and within a year. */
export function scheduledAt(field: string, value: Date, now = new Date()): Date {
  if (value.getTime() <= now.getTime()) throw badInput(field, `must be in the future, got ${value.toISOString()}`);
  if (value.getTime() > addMonths(now, 12).getTime()) throw badInput(field, `must be within a year, got ${value.toISOString()}`);
  return value;
}

export function durationMinutes(field: string, value: number): number {
  const { min, max } = DURATION_MINUTES;
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(field, `must be a whole number of minutes between ${min} and ${max}, got ${value}`);
  return value;
}

/** What a completed consultation keeps: notes and prescriptions are only written when it completes. */
export function completionValues(input: { status: ConsultationStatus; notes?: string | null; prescriptionsIssued?: string[] | null }) {
  if (input.status !== 'COMPLETED') {
    if (input.notes != null || input.prescriptionsIssued != null)
      throw badInput(input.notes != null ? 'input.notes' : 'input.prescriptionsIssued', 'is only kept when a consultation is COMPLETED');
    return {};
  }
  return {
    notes: optionalText('input.notes', input.notes, 10_000),
    prescriptionsIssued: requiredTexts('input.prescriptionsIssued', input.prescriptionsIssued, 500),
    completedAt: new Date(),
  };
}
