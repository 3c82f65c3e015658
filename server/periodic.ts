/**
 * @module Jobs in time: one run every so often, never two at once (a slow run is not stacked on by the next), its
 * failures logged once per distinct message; and a job on offered values, skipping what comes while it runs.
 */
import type { Logger } from './logger.js';

export class Periodic {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private lastError = '';

  constructor(
    private readonly what: string,
    private readonly everyMs: number,
    private readonly job: () => Promise<void> | void,
    private readonly logger: Logger,
  ) {}

  start(): this {
    this.timer ??= setInterval(() => this.runOnce(), this.everyMs);
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private runOnce(): void {
    if (this.running) return;
    this.running = true;
    Promise.resolve()
      .then(this.job)
      .then(
        () => {
          this.lastError = '';
        },
        (err: Error) => {
          if (err.message !== this.lastError) this.logger.warn({ err: err.message }, `${this.what} failed`);
          this.lastError = err.message;
        },
      )
      .finally(() => {
        this.running = false;
      });
  }
}

/** Runs a job on the values offered to it, one at a time: a value offered while the job runs is skipped. */
export class OneAtATime<T> {
  private running = false;

  constructor(
    private readonly job: (value: T) => Promise<void>,
    private readonly onError: (err: Error) => void,
  ) {}

  offer(value: T): void {
    if (this.running) return;
    this.running = true;
    this.job(value)
      .catch(this.onError)
      .finally(() => {
        this.running = false;
      });
  }
}
