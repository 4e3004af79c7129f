import { createOutbox } from '@psa/events';
import { healthcareSchema } from './db-schema';

/** Healthcare's outbox: what other divisions keep of healthcare's records (vaccines given, for licensure). */
export const healthcareOutbox = createOutbox(healthcareSchema, 'healthcare');
/** Exported for drizzle-kit, which finds tables by their exports. */
export const outbox = healthcareOutbox.table;
