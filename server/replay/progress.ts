/**
 * @module Replay progress: a bar redrawn in place on a terminal, plain periodic lines otherwise (logs, CI), and
 * the final summary.
 */

export interface Progress {
  sent: number;
  /** Records to send in all. */
  total: number;
  /** Events per second over the last few seconds. */
  rate: number;
  /** Time left, ms, or null when unknown. */
  etaMs: number | null;
}

export interface ProgressOut {
  write(text: string): unknown;
  isTTY?: boolean;
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const count = (n: number) => int.format(n);

/** `1:02:03` or `2:03`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** `[######------]  50%  1,000/2,000 events  800/s  ETA 0:01` */
export function progressBar(p: Progress, width = 24): string {
  const frac = p.total > 0 ? Math.min(1, p.sent / p.total) : 1;
  const filled = Math.round(frac * width);
  const pct = `${Math.floor(frac * 100)}%`.padStart(4);
  const eta = p.etaMs === null ? '--:--' : duration(p.etaMs);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}  ${count(p.sent)}/${count(p.total)} events  ${count(p.rate)}/s  ETA ${eta}`;
}

/** `replay: 1,000/2,000 events (50%), 800/s, ETA 0:01` */
export function progressLine(p: Progress): string {
  const pct = p.total > 0 ? Math.floor((100 * p.sent) / p.total) : 100;
  const eta = p.etaMs === null ? 'unknown' : duration(p.etaMs);
  return `replay: ${count(p.sent)}/${count(p.total)} events (${pct}%), ${count(p.rate)}/s, ETA ${eta}\n`;
}

/** Draws progress: in place at most every `ttyEveryMs` on a terminal, a line every `plainEveryMs` otherwise. */
export class ProgressReporter {
  /** The bar draws at once; plain lines start after one interval. */
  private last: number;

  constructor(
    private readonly out: ProgressOut,
    private readonly o: { ttyEveryMs?: number; plainEveryMs?: number; now?: number } = {},
  ) {
    this.last = out.isTTY ? Number.NEGATIVE_INFINITY : (o.now ?? Date.now());
  }

  update(p: Progress, now = Date.now()): void {
    const every = this.out.isTTY ? (this.o.ttyEveryMs ?? 200) : (this.o.plainEveryMs ?? 5_000);
    if (now - this.last < every) return;
    this.last = now;
    if (this.out.isTTY) {
      this.out.write(`\r${progressBar(p)}\u001b[K`);
    } else {
      this.out.write(progressLine(p));
    }
  }

  /** Draws the final bar and ends its line, so the summary starts on its own (terminal only). */
  finish(p: Progress): void {
    if (this.out.isTTY) this.out.write(`\r${progressBar(p)}\u001b[K\n`);
  }
}

/** Keeps the send rate over a sliding window of about `windowMs`. */
export class RateMeter {
  private readonly samples: [at: number, sent: number][] = [];

  constructor(private readonly windowMs = 5_000) {}

  rate(sent: number, now = Date.now()): number {
    this.samples.push([now, sent]);
    while (this.samples.length > 2 && now - this.samples[0]![0] > this.windowMs) this.samples.shift();
    const [t0, s0] = this.samples[0]!;
    return now > t0 ? ((sent - s0) * 1000) / (now - t0) : 0;
  }
}
