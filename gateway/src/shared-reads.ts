/**
 * Identical subgraph reads in flight at the same moment, made once. Two client requests of one identity that
 * need the same subgraph query with the same variables share one call and each parse its answer's text, so no
 * object is shared between requests. The key is the identity (as encoded for the subgraphs), the subgraph and the
 * exact body: one caller never gets an answer that was made for another.
 *
 * A write ends the sharing for its identity: after a mutation is sent, that identity's later reads start new calls
 * instead of joining ones that began before the write, so a client always reads its own writes. Reads by other
 * identities may still join a call that began up to one call's duration earlier, as any read racing a write may.
 */
export class SharedReads<T> {
  /** identity -> (subgraph + body -> the call in flight). */
  private readonly inFlight = new Map<string, Map<string, Promise<T>>>();

  /** `call()`'s answer, or that of the identical call in flight; `leader` is true for the request that made the call. */
  share(identity: string, key: string, call: () => Promise<T>): { answer: Promise<T>; leader: boolean } {
    let calls = this.inFlight.get(identity);
    const running = calls?.get(key);
    if (running) return { answer: running, leader: false };
    if (!calls) this.inFlight.set(identity, (calls = new Map()));
    const own = calls;
    const answer = call().finally(() => {
      // Only the entry this call made: a write may have replaced the identity's map meanwhile.
      if (own.get(key) === answer) own.delete(key);
      if (own.size === 0 && this.inFlight.get(identity) === own) this.inFlight.delete(identity);
    });
    own.set(key, answer);
    return { answer, leader: true };
  }

  /** A write by `identity` is on its way: none of its later reads joins a call made before it. */
  forget(identity: string): void {
    this.inFlight.delete(identity);
  }
}
