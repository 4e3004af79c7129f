import { createOutbox } from '@psa/events';
import { trainingSchema } from './db-schema';

/** Training's outbox: what other divisions keep of training's records (certificates issued, for licensure). */
export const trainingOutbox = createOutbox(trainingSchema, 'training');
/** Exported for drizzle-kit, which finds tables by their exports. */
export const outbox = trainingOutbox.table;
