import { OutboxRelay, Projector, type Outbox, type Projection, type TopicSpec } from '@psa/events';
import type { Worker, WorkerDeps } from './subgraph';

const secondsSince = (at: Date | null) => (at ? Math.round((Date.now() - at.getTime()) / 100) / 10 : null);

/**
 * A division's projector as a worker. GET /ready fails while it is not consuming (its copies would go stale
 * unseen); GET /status shows its state, since when, and how long ago it last applied an event.
 */
export function projectorWorker(projector: Projector, log: (line: string) => void, name = 'projector of core events'): Worker {
  return {
    name,
    start: async () => {
      await projector.start();
      // Reported, not awaited: the API serves while a late-starting division rebuilds its copies.
      projector.caughtUp(24 * 3600_000).catch((error: Error) => log(error.message));
    },
    stop: () => projector.stop(),
    notReady: () => {
      const health = projector.health();
      return health.consuming ? null : `not consuming: ${health.state} since ${health.since.toISOString()}${health.lastError ? ` (${health.lastError})` : ''}`;
    },
    status: async () => {
      const health = projector.health();
      let lag: number | null = null;
      let lagError: string | undefined;
      try {
        lag = await projector.lag();
      } catch (error) {
        lagError = (error as Error).message;
      }
      return {
        consuming: health.consuming,
        state: health.state,
        since: health.since.toISOString(),
        lastError: health.lastError,
        rejoins: health.rejoins,
        lag,
        ...(lagError ? { lagError } : {}),
        applied: projector.applied,
        deadLettered: projector.deadLettered,
        lastDeadLetterReason: projector.lastDeadLetterReason,
        lastAppliedAt: health.lastAppliedAt?.toISOString() ?? null,
        secondsSinceLastApplied: secondsSince(health.lastAppliedAt),
      };
    },
  };
}

/**
 * An outbox relay as a worker. It never makes the subgraph unready: while the broker is down, writes still commit
 * and their events wait in the outbox. GET /status shows the backlog and since when publishing fails.
 */
export function relayWorker(relay: OutboxRelay, name = 'outbox relay'): Worker {
  return {
    name,
    start: () => relay.start(),
    stop: () => relay.stop(),
    status: async () => ({ ...(await relay.status()), secondsSinceLastPublished: secondsSince(relay.lastPublishedAt) }),
  };
}

/**
 * What a subgraph declares of its events: `publishes`, its outbox and the topics it writes (an outbox relay
 * runs); `consumes`, its projections of other subgraphs' topics (a projector runs, its consumer group named
 * after the subgraph). The kit turns the declaration into the workers.
 */
export interface SubgraphEvents {
  publishes?: { outbox: Outbox; topics: TopicSpec[] };
  consumes?: Projection[];
}

export function eventWorkers(subgraph: string, events: SubgraphEvents | undefined, { database, transport, log }: WorkerDeps): Worker[] {
  const workers: Worker[] = [];
  if (events?.publishes) {
    const { outbox, topics } = events.publishes;
    workers.push(relayWorker(new OutboxRelay({ db: database.db, outbox: outbox.table, transport, name: outbox.name, topics, log })));
  }
  if (events?.consumes?.length) {
    const names = [...new Set(events.consumes.map((p) => p.topic.split('.')[0]))];
    // "core", "core and healthcare", "core, healthcare and training"
    const sources = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
    workers.push(
      projectorWorker(new Projector({ groupId: subgraph, database, transport, projections: events.consumes, log }), log, `projector of ${sources} events`),
    );
  }
  return workers;
}
