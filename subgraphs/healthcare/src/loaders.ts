import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { byId, groupLoader, isAnyKey, isUuid, newestPerKey, preparedStatements, rowLoader, rowsByKey } from '@psa/subgraph-kit';
import { ownerCopies, petCopies } from './modules/core-copies/tables';
import { clinicHours, clinics, clinicServices, clinicStaff, emergencyFlags, services, vets } from './modules/clinics/tables';
import { acceptingEmergencyNowSql, openNowSql } from './modules/clinics/search';
import { appointments, appointmentStatusHistory, availabilitySlots } from './modules/booking/tables';
import { paymentMethods, payments } from './modules/payments/tables';
import { reviews } from './modules/reviews/tables';
import { appointmentVaccinations } from './modules/vaccinations-given/tables';
import { insuranceLoaders } from './modules/insurance/loaders';
import { wellnessLoaders } from './modules/wellness/loaders';
import { telemedicineLoaders } from './modules/telemedicine/loaders';
import { vetNetworkLoaders } from './modules/vet-network/loaders';

/** Reviews shown on a clinic, newest first. */
export const REVIEWS_PER_CLINIC = 50;

/** Ratings are read from the published reviews themselves: one grouped statement per request. */
function ratingsBy(db: Db, column: typeof reviews.clinicId | typeof reviews.vetId, name: string) {
  return db
    .select({ id: sql<string>`${column}`, rating: sql<number>`avg(${reviews.rating})::float8`, count: sql<number>`count(*)::int` })
    .from(reviews)
    .where(and(isAnyKey(column), eq(reviews.isPublished, true)))
    .groupBy(column)
    .prepare(name);
}

/** One statement per loader, prepared once per database handle; each batch binds its keys. */
const statementsOf = preparedStatements((db: Db) => ({
  petById: rowsByKey(db, petCopies, { key: petCopies.id, name: 'healthcare_pet_by_id' }),
  ownerByClerkId: db
    .select()
    .from(ownerCopies)
    .where(and(isAnyKey(ownerCopies.clerkId), eq(ownerCopies.deleted, false)))
    .prepare('healthcare_owner_by_clerk_id'),
  clinicById: rowsByKey(db, clinics, { key: clinics.id, name: 'healthcare_clinic_by_id' }),
  clinicNowById: db
    .select({ id: clinics.id, openNow: openNowSql, acceptingEmergencyNow: acceptingEmergencyNowSql })
    .from(clinics)
    .where(isAnyKey(clinics.id))
    .prepare('healthcare_clinic_now_by_id'),
  hoursByClinicId: rowsByKey(db, clinicHours, { key: clinicHours.clinicId, order: [asc(clinicHours.dayOfWeek)], name: 'healthcare_hours_by_clinic_id' }),
  servicesByClinicId: db
    .select({ offer: clinicServices, service: services })
    .from(clinicServices)
    .innerJoin(services, eq(services.id, clinicServices.serviceId))
    .where(isAnyKey(clinicServices.clinicId))
    .orderBy(asc(services.id))
    .prepare('healthcare_services_by_clinic_id'),
  vetsByClinicId: db
    .select({ clinicId: clinicStaff.clinicId, vet: vets })
    .from(clinicStaff)
    .innerJoin(vets, eq(vets.id, clinicStaff.vetId))
    .where(and(isAnyKey(clinicStaff.clinicId), isNull(clinicStaff.removedAt)))
    .orderBy(asc(vets.displayName))
    .prepare('healthcare_vets_by_clinic_id'),
  flagsByClinicId: db
    .select()
    .from(emergencyFlags)
    .where(
      and(
        isAnyKey(emergencyFlags.clinicId),
        eq(emergencyFlags.isActive, true),
        sql`(${emergencyFlags.expiresAt} is null or ${emergencyFlags.expiresAt} > now())`,
      ),
    )
    .orderBy(desc(emergencyFlags.startedAt))
    .prepare('healthcare_flags_by_clinic_id'),
  clinicRatingById: ratingsBy(db, reviews.clinicId, 'healthcare_clinic_rating_by_id'),
  vetRatingById: ratingsBy(db, reviews.vetId, 'healthcare_vet_rating_by_id'),
  vetById: rowsByKey(db, vets, { key: vets.id, name: 'healthcare_vet_by_id' }),
  serviceById: rowsByKey(db, services, { key: services.id, name: 'healthcare_service_by_id' }),
  staffByUserId: db
    .select()
    .from(clinicStaff)
    .where(and(isAnyKey(clinicStaff.userId), isNull(clinicStaff.removedAt)))
    .prepare('healthcare_staff_by_user_id'),
  slotById: rowsByKey(db, availabilitySlots, { key: availabilitySlots.id, name: 'healthcare_slot_by_id' }),
  appointmentById: rowsByKey(db, appointments, { key: appointments.id, name: 'healthcare_appointment_by_id' }),
  appointmentsByPetId: rowsByKey(db, appointments, {
    key: appointments.petId,
    order: [desc(appointments.scheduledDate), desc(appointments.scheduledStart), asc(appointments.id)],
    name: 'healthcare_appointments_by_pet_id',
  }),
  appointmentsByOwnerId: rowsByKey(db, appointments, {
    key: appointments.ownerId,
    order: [desc(appointments.scheduledDate), desc(appointments.scheduledStart), asc(appointments.id)],
    name: 'healthcare_appointments_by_owner_id',
  }),
  historyByAppointmentId: rowsByKey(db, appointmentStatusHistory, {
    key: appointmentStatusHistory.appointmentId,
    order: [asc(appointmentStatusHistory.createdAt), asc(appointmentStatusHistory.id)],
    name: 'healthcare_history_by_appointment_id',
  }),
  vaccinesByAppointmentId: rowsByKey(db, appointmentVaccinations, {
    key: appointmentVaccinations.appointmentId,
    order: [asc(appointmentVaccinations.vaccineName)],
    name: 'healthcare_vaccines_by_appointment_id',
  }),
  paymentsByAppointmentId: rowsByKey(db, payments, {
    key: payments.appointmentId,
    order: [asc(payments.createdAt)],
    name: 'healthcare_payments_by_appointment_id',
  }),
  paymentMethodsByOwnerId: db
    .select()
    .from(paymentMethods)
    .where(and(isAnyKey(paymentMethods.userId), isNull(paymentMethods.deletedAt)))
    .orderBy(desc(paymentMethods.isDefault), asc(paymentMethods.createdAt))
    .prepare('healthcare_payment_methods_by_owner_id'),
  reviewByAppointmentId: rowsByKey(db, reviews, { key: reviews.appointmentId, name: 'healthcare_review_by_appointment_id' }),
  // The newest REVIEWS_PER_CLINIC published reviews of each clinic.
  reviewsByClinicId: newestPerKey(db, reviews, {
    key: reviews.clinicId,
    where: eq(reviews.isPublished, true),
    order: [desc(reviews.createdAt), asc(reviews.id)],
    limit: REVIEWS_PER_CLINIC,
    name: 'healthcare_reviews_by_clinic_id',
  }),
}));

/** Every field the division serves goes through one of these: one statement per field per request, whatever the count. */
export function createHealthcareLoaders(db: Db) {
  const statements = statementsOf(db);
  return {
    // Core's pets and owners, as this division's copies know them (kept current by events; never a call to core).
    petById: rowLoader(statements.petById, byId, isUuid),
    ownerByClerkId: rowLoader(statements.ownerByClerkId, (r) => r.clerkId!),
    clinicById: rowLoader(statements.clinicById, byId, isUuid),
    clinicNowById: rowLoader(statements.clinicNowById, byId, isUuid),
    hoursByClinicId: groupLoader(statements.hoursByClinicId, (r) => r.clinicId, isUuid),
    servicesByClinicId: groupLoader(statements.servicesByClinicId, (r) => r.offer.clinicId, isUuid),
    vetsByClinicId: groupLoader(statements.vetsByClinicId, (r) => r.clinicId, isUuid),
    flagsByClinicId: groupLoader(statements.flagsByClinicId, (r) => r.clinicId, isUuid),
    clinicRatingById: groupLoader(statements.clinicRatingById, byId, isUuid),
    vetRatingById: groupLoader(statements.vetRatingById, byId, isUuid),
    vetById: rowLoader(statements.vetById, byId, isUuid),
    serviceById: rowLoader(
      (keys: string[]) => statements.serviceById.execute({ keys: keys.map(Number) }),
      (r) => String(r.id),
    ),
    // The viewer's clinic roles: staff rows in force, by token subject.
    staffByUserId: groupLoader(statements.staffByUserId, (r) => r.userId),
    slotById: rowLoader(statements.slotById, byId, isUuid),
    appointmentById: rowLoader(statements.appointmentById, byId, isUuid),
    appointmentsByPetId: groupLoader(statements.appointmentsByPetId, (r) => r.petId, isUuid),
    appointmentsByOwnerId: groupLoader(statements.appointmentsByOwnerId, (r) => r.ownerId, isUuid),
    historyByAppointmentId: groupLoader(statements.historyByAppointmentId, (r) => r.appointmentId, isUuid),
    vaccinesByAppointmentId: groupLoader(statements.vaccinesByAppointmentId, (r) => r.appointmentId, isUuid),
    paymentsByAppointmentId: groupLoader(statements.paymentsByAppointmentId, (r) => r.appointmentId, isUuid),
    paymentMethodsByOwnerId: groupLoader(statements.paymentMethodsByOwnerId, (r) => r.userId, isUuid),
    reviewByAppointmentId: rowLoader(statements.reviewByAppointmentId, (r) => r.appointmentId, isUuid),
    reviewsByClinicId: groupLoader(statements.reviewsByClinicId, (r) => r.clinicId, isUuid),
    ...insuranceLoaders(db),
    ...wellnessLoaders(db),
    ...telemedicineLoaders(db),
    ...vetNetworkLoaders(db),
  };
}

export type HealthcareLoaders = ReturnType<typeof createHealthcareLoaders>;
