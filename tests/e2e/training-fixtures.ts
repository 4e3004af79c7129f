import { randomUUID } from 'node:crypto';
import type { TestStack } from '@psa/testing';

/**
 * A trainer as the training tests start from, written straight into training's tables (the set-up, not the rule
 * under test): a verified profile in Seattle with one service and availability every day from 06:00 to 22:00 UTC.
 * The trainer signs in with `token`.
 */
export interface TestTrainer {
  id: string;
  subject: string;
  token: string;
  serviceId: string;
  priceCents: number;
  durationMinutes: number;
}

export async function seedTrainer(
  stack: TestStack,
  options: { verified?: boolean; priceCents?: number; durationMinutes?: number; latitude?: number; longitude?: number } = {},
): Promise<TestTrainer> {
  const sql = stack.subgraphs.training!.sql;
  const subject = `trainer-${randomUUID().slice(0, 8)}`;
  const { priceCents = 6000, durationMinutes = 60, verified = true, latitude = 47.61, longitude = -122.33 } = options;
  const location = await sql.query(
    `insert into training.locations (user_id, address, city, state, zip_code, latitude, longitude) values ($1, '1 Pike St', 'Seattle', 'WA', '98101', $2, $3) returning id`,
    [subject, latitude, longitude],
  );
  const trainer = await sql.query(
    `insert into training.trainers (user_id, display_name, years_of_experience, bio, is_verified, location_id) values ($1, $2, 5, 'Positive reinforcement.', $3, $4) returning id`,
    [subject, `Trainer ${subject}`, verified, location.rows[0].id],
  );
  const id: string = trainer.rows[0].id;
  const service = await sql.query(
    `insert into training.trainer_services (trainer_id, name, description, duration_minutes, price_cents) values ($1, 'Puppy basics', 'Sit, stay, come', $2, $3) returning id`,
    [id, durationMinutes, priceCents],
  );
  for (let day = 0; day < 7; day++) {
    await sql.query(`insert into training.trainer_availability (trainer_id, day_of_week, start_time, end_time) values ($1, $2, '06:00', '22:00')`, [id, day]);
  }
  return { id, subject, token: await stack.token(subject, ['trainer']), serviceId: service.rows[0].id, priceCents, durationMinutes };
}

/** Tomorrow at hh:mm UTC, as an ISO instant. */
export function tomorrowAt(hour: number, minute = 0): string {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  d.setUTCHours(hour, minute, 0, 0);
  return d.toISOString();
}
