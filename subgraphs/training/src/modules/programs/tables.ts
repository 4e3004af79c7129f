import { timestamps } from '@psa/db';
import { sql } from 'drizzle-orm';
import { check, date, index, integer, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { trainingSchema } from '../../db-schema';
import { locations, trainers } from '../trainers/tables';

export const programLevel = trainingSchema.enum('program_level', ['BEGINNER', 'INTERMEDIATE', 'ADVANCED']);
export const programStatus = trainingSchema.enum('program_status', ['DRAFT', 'OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED']);
/** What a completed program certifies: licensure's certification types that training awards. */
export const programCertificationType = trainingSchema.enum('program_certification_type', [
  'GOOD_CITIZEN',
  'TRAINING_SPECIALTY',
  'THERAPY_DOG',
  'SERVICE_DOG',
  'COMPETITION_TITLE',
]);

/**
 * A course a school runs (TrainingProgram): `sessions_count` sessions between the start and end dates, as
 * `schedule` describes them, for at most `capacity` dogs. `enrolled_count` is the active enrollments, moved by one
 * guarded UPDATE, so it never passes capacity.
 */
export const programs = trainingSchema.table(
  'programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trainerId: uuid('trainer_id')
      .notNull()
      .references(() => trainers.id),
    name: varchar('name', { length: 200 }).notNull(),
    description: text('description'),
    level: programLevel('level').notNull().default('BEGINNER'),
    certificationType: programCertificationType('certification_type').notNull(),
    capacity: integer('capacity').notNull(),
    enrolledCount: integer('enrolled_count').notNull().default(0),
    sessionsCount: integer('sessions_count').notNull(),
    schedule: varchar('schedule', { length: 500 }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: varchar('currency', { length: 3 }).notNull().default('USD'),
    locationId: uuid('location_id').references(() => locations.id),
    status: programStatus('status').notNull().default('OPEN'),
    ...timestamps(),
  },
  (t) => [
    index('programs_trainer_id_idx').on(t.trainerId),
    index('programs_status_start_idx').on(t.status, t.startDate),
    check('programs_capacity', sql`${t.capacity} between 1 and 500`),
    check('programs_enrolled_within_capacity', sql`${t.enrolledCount} between 0 and ${t.capacity}`),
    check('programs_sessions', sql`${t.sessionsCount} between 1 and 200`),
    check('programs_dates', sql`${t.startDate} <= ${t.endDate}`),
    check('programs_price', sql`${t.priceCents} >= 0`),
  ],
);

export const enrollmentStatus = trainingSchema.enum('enrollment_status', ['ENROLLED', 'COMPLETED', 'WITHDRAWN', 'FAILED']);

/** A dog (core's pet) in a program (TrainingEnrollment); progress is the sessions attended of the program's. */
export const enrollments = trainingSchema.table(
  'enrollments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    petId: uuid('pet_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    status: enrollmentStatus('status').notNull().default('ENROLLED'),
    sessionsAttended: integer('sessions_attended').notNull().default(0),
    trainerNotes: text('trainer_notes'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index('enrollments_program_id_idx').on(t.programId),
    index('enrollments_pet_id_idx').on(t.petId),
    index('enrollments_owner_id_idx').on(t.ownerId),
    // A dog is in a program once, unless it withdrew.
    uniqueIndex('enrollments_one_per_pet_idx')
      .on(t.programId, t.petId)
      .where(sql`${t.status} <> 'WITHDRAWN'`),
    check('enrollments_sessions', sql`${t.sessionsAttended} >= 0`),
  ],
);

/**
 * What a completed enrollment earns (TrainingCertification): one per enrollment, numbered. Training publishes it
 * (its outbox, topic training.certification) and licensure records it on the pet's certifications.
 */
export const trainingCertifications = trainingSchema.table(
  'training_certifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    petId: uuid('pet_id').notNull(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    trainerId: uuid('trainer_id')
      .notNull()
      .references(() => trainers.id),
    type: programCertificationType('type').notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    issuedBy: varchar('issued_by', { length: 200 }).notNull(),
    certificateNumber: varchar('certificate_number', { length: 32 }).notNull(),
    issuedDate: date('issued_date', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('training_certifications_enrollment_idx').on(t.enrollmentId),
    uniqueIndex('training_certifications_number_idx').on(t.certificateNumber),
    index('training_certifications_pet_id_idx').on(t.petId),
  ],
);

export type TrainingProgramRow = typeof programs.$inferSelect;
export type TrainingEnrollmentRow = typeof enrollments.$inferSelect;
export type TrainingCertificationRow = typeof trainingCertifications.$inferSelect;
