/**
 * A counting semaphore for the suite's `pulumi` scenarios: vitest may start every concurrent
 * test at once, and more than two CLI runs at a time only slow each other down on two cores.
 */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(count: number) {
    this.free = count;
  }

  /** Runs `work` once a slot is free and frees the slot when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) {
      this.free--;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        next();
      } else {
        this.free++;
      }
    }
  }
}

/** Per-test timeout of a slotted scenario: its own bounded waits plus its wait for a slot. */
export const slottedTestTimeoutMs = 400_000;
