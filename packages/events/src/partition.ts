import { createHash } from 'node:crypto';

/** A stable partition for a key, so every event of one aggregate lands in one ordered partition. */
export function partitionFor(key: string, partitions: number): number {
  return createHash('md5').update(key).digest().readUInt32BE(0) % partitions;
}
