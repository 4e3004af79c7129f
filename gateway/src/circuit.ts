/**
 * One subgraph's circuit. Closed: calls go through. After `failuresToOpen` calls in a row that got no answer
 * (refused, timed out, not 2xx) it opens: calls fail at once, so a dead or hung subgraph costs its fields a
 * coded error instead of every request a timeout. After `openMs` one trial call goes through (half-open): an
 * answer closes the circuit, another failure opens it again.
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitOptions {
  failuresToOpen: number;
  openMs: number;
}

export class Circuit {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private opened = false;

  constructor(
    readonly name: string,
    private readonly options: CircuitOptions,
    private readonly log: (line: string) => void = console.log,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    if (!this.opened) return 'closed';
    return this.now() - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  /** Whether a call may go out now; in half-open, only one at a time. */
  allows(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  succeeded(): void {
    if (this.opened) this.log(`gateway: subgraph ${this.name} answers again; circuit closed`);
    this.failures = 0;
    this.opened = false;
    this.trialInFlight = false;
  }

  failed(reason: string): void {
    this.trialInFlight = false;
    this.failures++;
    if (this.opened) {
      this.openedAt = this.now();
      return;
    }
    if (this.failures >= this.options.failuresToOpen) {
      this.opened = true;
      this.openedAt = this.now();
      this.log(`gateway: subgraph ${this.name} did not answer ${this.failures} times (${reason}); circuit open for ${this.options.openMs} ms`);
    }
  }
}
