import { EventEmitter } from 'node:events';

/**
 * In-process wake-up calls from a producer's writes to its relay, so events leave right after their commit
 * instead of at the next poll. Losing one costs a poll interval, never an event: the relay also polls.
 */
const commits = new EventEmitter();
commits.setMaxListeners(0);

export function notifyOutbox(name: string): void {
  commits.emit(name);
}

export function onOutboxCommit(name: string, listener: () => void): () => void {
  commits.on(name, listener);
  return () => commits.off(name, listener);
}
