import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { createSubgraph } from '@psa/subgraph-kit';
import { HEALTHCARE_TOPIC_SPECS } from '@psa/events';
import { auditLog } from './audit';
import { notifications } from './notifications';
import { reminderWorker } from './modules/booking/reminders';
import { createHealthcareLoaders } from './loaders';
import { healthcareOutbox } from './outbox';
import { healthcareChecks } from './modules/core-copies/checks';
import { petProjection, ownerProjection } from './modules/core-copies/projections';
import { ownerCopies, petCopies } from './modules/core-copies/tables';
import { clinicsModule } from './modules/clinics/resolvers';
import { bookingModule } from './modules/booking/resolvers';
import { paymentsModule } from './modules/payments/resolvers';
import { reviewsModule } from './modules/reviews/resolvers';
import { appointments, appointmentStatusHistory, waitlistEntries } from './modules/booking/tables';
import { paymentMethods, payments } from './modules/payments/tables';
import { reviews } from './modules/reviews/tables';
import { insuranceModule } from './modules/insurance/resolvers';
import { wellnessModule } from './modules/wellness/resolvers';
import { telemedicineModule } from './modules/telemedicine/resolvers';
import { vetNetworkModule } from './modules/vet-network/resolvers';
import { insuranceOwnerData, insuranceRetention } from './modules/insurance/owner-data';
import { wellnessOwnerData, wellnessRetention } from './modules/wellness/owner-data';
import { telemedicineOwnerData, telemedicineRetention } from './modules/telemedicine/owner-data';
import { vaccinationsGivenOwnerData, vaccinationsGivenRetention } from './modules/vaccinations-given/privacy';

export const healthcare = createSubgraph({
  name: 'healthcare',
  modules: [clinicsModule, bookingModule, paymentsModule, reviewsModule, vetNetworkModule, insuranceModule, wellnessModule, telemedicineModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => createHealthcareLoaders(db),
  audit: auditLog,
  // Reminders of visits to come, read as healthcareNotifications (the kit's mechanism), sent by the reminder worker.
  notifications,
  workers: (deps) => [reminderWorker(deps)],
  // What healthcare holds of an owner, exported on request and, on erasure, deleted or kept for the seed's periods.
  // In reverse order on erasure: reviews and payments go before the appointments they refer to.
  ownerData: [
    // Visits are health records (10 years), but the home address and access notes are the owner's, not the pet's.
    {
      table: appointments,
      rows: (o) => eq(appointments.ownerId, o.ownerId),
      erase: {
        keep: 'health records',
        anonymise: { homeAddressLine1: null, homeAddressLine2: null, homeCity: null, homeState: null, homePostalCode: null, homeAccessNotes: null },
      },
    },
    {
      table: appointmentStatusHistory,
      rows: (o) => eq(appointmentStatusHistory.changedBy, o.clerkId),
      erase: { keep: 'health records', anonymise: { changedBy: null } },
    },
    { table: waitlistEntries, rows: (o) => eq(waitlistEntries.ownerId, o.ownerId) },
    { table: reviews, rows: (o) => eq(reviews.reviewerId, o.ownerId) },
    { table: paymentMethods, rows: (o) => eq(paymentMethods.userId, o.ownerId) },
    // Charges are transactions (7 years); they hold no personal data beyond the owner's id.
    { table: payments, rows: (o) => eq(payments.userId, o.ownerId), erase: { keep: 'transactions' } },
    ...insuranceOwnerData,
    ...wellnessOwnerData,
    ...telemedicineOwnerData,
    vaccinationsGivenOwnerData,
    // Copies: core's events of the erasure turn them into tombstones.
    { table: ownerCopies, rows: (o) => eq(ownerCopies.id, o.ownerId), erase: 'copy' },
    { table: petCopies, rows: (o) => inArray(petCopies.id, o.petIds), erase: 'copy' },
  ],
  retention: [
    { kind: 'health records', table: appointments, from: appointments.scheduledDate },
    { kind: 'health records', table: appointmentStatusHistory, from: appointmentStatusHistory.createdAt },
    { kind: 'transactions', table: payments, from: payments.createdAt },
    ...insuranceRetention,
    ...wellnessRetention,
    ...telemedicineRetention,
    vaccinationsGivenRetention,
  ],
  // Copies of core's aggregates for its own rules, kept current from core's events; `pnpm reconcile healthcare` checks them.
  copies: [
    { aggregate: 'pet', source: { subgraph: 'core', table: 'core.pets' }, copy: 'healthcare.pet_copies' },
    { aggregate: 'owner', source: { subgraph: 'core', table: 'core.owners' }, copy: 'healthcare.owner_copies' },
  ],
  // Rules derived from the copies, verified by `pnpm reconcile healthcare` beside the versions.
  checks: healthcareChecks,
  events: {
    // Vaccines given at completed appointments, for licensure's vaccination records (never a call).
    publishes: { outbox: healthcareOutbox, topics: HEALTHCARE_TOPIC_SPECS },
    consumes: [petProjection, ownerProjection],
  },
});
