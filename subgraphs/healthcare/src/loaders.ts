import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, isUuid, rowLoader } from '@psa/subgraph-kit';
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

const byId = <T extends { id: string }>(row: T) => row.id;

/** Ratings are read from the published reviews themselves: one grouped statement per request. */
function ratingsBy(db: Db, column: typeof reviews.clinicId | typeof reviews.vetId) {
  return groupLoader(
    (ids: string[]) =>
      db
        .select({ id: sql<string>`${column}`, rating: sql<number>`avg(${reviews.rating})::float8`, count: sql<number>`count(*)::int` })
        .from(reviews)
        .where(and(inArray(column, ids), eq(reviews.isPublished, true)))
        .groupBy(column),
    (r) => r.id,
    isUuid,
  );
}

/** Every field the division serves goes through one of these: one statement per field per request, whatever the count. */
export function createHealthcareLoaders(db: Db) {
  return {
    // Core's pets and owners, as this division's copies know them (kept current by events; never a call to core).
    petById: rowLoader((ids: string[]) => db.select().from(petCopies).where(inArray(petCopies.id, ids)), byId, isUuid),
    ownerByClerkId: rowLoader(
      (ids: string[]) =>
        db
          .select()
          .from(ownerCopies)
          .where(and(inArray(ownerCopies.clerkId, ids), eq(ownerCopies.deleted, false))),
      (r) => r.clerkId!,
    ),
    clinicById: rowLoader((ids: string[]) => db.select().from(clinics).where(inArray(clinics.id, ids)), byId, isUuid),
    clinicNowById: rowLoader(
      (ids: string[]) =>
        db.select({ id: clinics.id, openNow: openNowSql, acceptingEmergencyNow: acceptingEmergencyNowSql }).from(clinics).where(inArray(clinics.id, ids)),
      byId,
      isUuid,
    ),
    hoursByClinicId: groupLoader(
      (ids: string[]) => db.select().from(clinicHours).where(inArray(clinicHours.clinicId, ids)).orderBy(asc(clinicHours.dayOfWeek)),
      (r) => r.clinicId,
      isUuid,
    ),
    servicesByClinicId: groupLoader(
      (ids: string[]) =>
        db
          .select({ offer: clinicServices, service: services })
          .from(clinicServices)
          .innerJoin(services, eq(services.id, clinicServices.serviceId))
          .where(inArray(clinicServices.clinicId, ids))
          .orderBy(asc(services.id)),
      (r) => r.offer.clinicId,
      isUuid,
    ),
    vetsByClinicId: groupLoader(
      (ids: string[]) =>
        db
          .select({ clinicId: clinicStaff.clinicId, vet: vets })
          .from(clinicStaff)
          .innerJoin(vets, eq(vets.id, clinicStaff.vetId))
          .where(and(inArray(clinicStaff.clinicId, ids), isNull(clinicStaff.removedAt)))
          .orderBy(asc(vets.displayName)),
      (r) => r.clinicId,
      isUuid,
    ),
    flagsByClinicId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(emergencyFlags)
          .where(
            and(
              inArray(emergencyFlags.clinicId, ids),
              eq(emergencyFlags.isActive, true),
              sql`(${emergencyFlags.expiresAt} is null or ${emergencyFlags.expiresAt} > now())`,
            ),
          )
          .orderBy(desc(emergencyFlags.startedAt)),
      (r) => r.clinicId,
      isUuid,
    ),
    clinicRatingById: ratingsBy(db, reviews.clinicId),
    vetRatingById: ratingsBy(db, reviews.vetId),
    vetById: rowLoader((ids: string[]) => db.select().from(vets).where(inArray(vets.id, ids)), byId, isUuid),
    serviceById: rowLoader(
      (ids: string[]) =>
        db
          .select()
          .from(services)
          .where(inArray(services.id, ids.map(Number))),
      (r) => String(r.id),
    ),
    // The viewer's clinic roles: staff rows in force, by token subject.
    staffByUserId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(clinicStaff)
          .where(and(inArray(clinicStaff.userId, ids), isNull(clinicStaff.removedAt))),
      (r) => r.userId,
    ),
    slotById: rowLoader((ids: string[]) => db.select().from(availabilitySlots).where(inArray(availabilitySlots.id, ids)), byId, isUuid),
    appointmentById: rowLoader((ids: string[]) => db.select().from(appointments).where(inArray(appointments.id, ids)), byId, isUuid),
    appointmentsByPetId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(appointments)
          .where(inArray(appointments.petId, ids))
          .orderBy(desc(appointments.scheduledDate), desc(appointments.scheduledStart), asc(appointments.id)),
      (r) => r.petId,
      isUuid,
    ),
    appointmentsByOwnerId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(appointments)
          .where(inArray(appointments.ownerId, ids))
          .orderBy(desc(appointments.scheduledDate), desc(appointments.scheduledStart), asc(appointments.id)),
      (r) => r.ownerId,
      isUuid,
    ),
    historyByAppointmentId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(appointmentStatusHistory)
          .where(inArray(appointmentStatusHistory.appointmentId, ids))
          .orderBy(asc(appointmentStatusHistory.createdAt), asc(appointmentStatusHistory.id)),
      (r) => r.appointmentId,
      isUuid,
    ),
    vaccinesByAppointmentId: groupLoader(
      (ids: string[]) =>
        db.select().from(appointmentVaccinations).where(inArray(appointmentVaccinations.appointmentId, ids)).orderBy(asc(appointmentVaccinations.vaccineName)),
      (r) => r.appointmentId,
      isUuid,
    ),
    paymentsByAppointmentId: groupLoader(
      (ids: string[]) => db.select().from(payments).where(inArray(payments.appointmentId, ids)).orderBy(asc(payments.createdAt)),
      (r) => r.appointmentId,
      isUuid,
    ),
    paymentMethodsByOwnerId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(paymentMethods)
          .where(and(inArray(paymentMethods.userId, ids), isNull(paymentMethods.deletedAt)))
          .orderBy(desc(paymentMethods.isDefault), asc(paymentMethods.createdAt)),
      (r) => r.userId,
      isUuid,
    ),
    reviewByAppointmentId: rowLoader(
      (ids: string[]) => db.select().from(reviews).where(inArray(reviews.appointmentId, ids)),
      (r) => r.appointmentId,
      isUuid,
    ),
    // The newest REVIEWS_PER_CLINIC published reviews of each clinic, in one statement (a window, not every review).
    reviewsByClinicId: groupLoader(
      async (ids: string[]) => {
        const ranked = db
          .select({
            ...getTableColumns(reviews),
            rank: sql<number>`row_number() over (partition by ${reviews.clinicId} order by ${reviews.createdAt} desc, ${reviews.id})`.as('rank'),
          })
          .from(reviews)
          .where(and(inArray(reviews.clinicId, ids), eq(reviews.isPublished, true)))
          .as('ranked');
        const rows = await db
          .select()
          .from(ranked)
          .where(sql`${ranked.rank} <= ${REVIEWS_PER_CLINIC}`)
          .orderBy(desc(ranked.createdAt), asc(ranked.id));
        return rows.map(({ rank: _rank, ...review }) => review);
      },
      (r) => r.clinicId,
      isUuid,
    ),
    ...insuranceLoaders(db),
    ...wellnessLoaders(db),
    ...telemedicineLoaders(db),
    ...vetNetworkLoaders(db),
  };
}

export type HealthcareLoaders = ReturnType<typeof createHealthcareLoaders>;
