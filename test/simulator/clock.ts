/**
 * Simulated wall clock in Unix seconds. It follows real time from its start value unless
 * frozen, and `advance` moves it forward so a test can cover hours in milliseconds.
 */
export class SimulatedClock {
  private readonly startSeconds: number;
  private readonly realStartMs: number;
  private readonly frozen: boolean;
  private advancedSeconds: number;

  constructor(startSeconds: number, frozen: boolean, advancedSeconds = 0) {
    this.startSeconds = startSeconds;
    this.realStartMs = Date.now();
    this.frozen = frozen;
    this.advancedSeconds = advancedSeconds;
  }

  /** Current simulated time in Unix seconds, with a fractional part. */
  nowExact(): number {
    const realElapsed = this.frozen ? 0 : (Date.now() - this.realStartMs) / 1000;
    return this.startSeconds + realElapsed + this.advancedSeconds;
  }

  /** Current simulated time in whole Unix seconds, the unit of every API timestamp. */
  now(): number {
    return Math.floor(this.nowExact());
  }

  advance(seconds: number): void {
    this.advancedSeconds += seconds;
  }

  /** Total seconds added by `advance`, which the state file keeps across restarts. */
  totalAdvanced(): number {
    return this.advancedSeconds;
  }
}
