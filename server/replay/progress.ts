/**
 * @module Replay progress: on a terminal, a bar redrawn in place by cli-progress (rate, ETA, records skipped, gaps
 * compressed); off a terminal nothing until the one summary line. Also the number and duration formats the
 * replay's messages share.
 */
import { SingleBar } from 'cli-progress';
import type { Output } from '../command-support.js';

export interface Progress {
  sent: number;
  /** Records to send in all. */
  total: number;
  /** Events per second over the last few seconds. */
  rate: number;
  /** Time left, ms, or null when unknown. */
  etaMs: number | null;
  /** Lines and records not sent so far (every reason). */
  skipped: number;
  /** Gaps of the capture compressed so far (`--max-gap`). */
  gaps: number;
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const count = (n: number) => int.format(n);

/** `1:02:03` or `2:03`; `3 d 4:05:06` from a day up. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  if (d > 0) return `${count(d)} d ${h}:${String(m).padStart(2, '0')}:${sec}`;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** `[######------]  50%  1,000/2,000 events  800/s  ETA 0:01  skipped 3  gaps compressed 1` */
export function progressBar(p: Progress, width = 24): string {
  const frac = p.total > 0 ? Math.min(1, p.sent / p.total) : 1;
  const filled = Math.round(frac * width);
  const pct = `${Math.floor(frac * 100)}%`.padStart(4);
  const eta = p.etaMs === null ? '--:--' : duration(p.etaMs);
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}  ${count(p.sent)}/${count(p.total)} events  ` +
    `${count(p.rate)}/s  ETA ${eta}  skipped ${count(p.skipped)}  gaps compressed ${count(p.gaps)}`
  );
}

/** What the replay command draws progress on. */
export interface ProgressDisplay {
  update(p: Progress): void;
  /** Draws the last state and ends the bar's line (the summary starts on its own). */
  stop(): void;
}

const silent: ProgressDisplay = { update: () => {}, stop: () => {} };

/**
 * A cli-progress bar on `out` when it is a terminal (redrawn at most 5 times a second, cursor hidden, no line
 * wrapping); nothing otherwise.
 */
export function progressDisplay(out: Output): ProgressDisplay {
  if (!out.isTTY) return silent;
  let last: Progress | null = null;
  const bar = new SingleBar({
    stream: out as NodeJS.WritableStream,
    fps: 5,
    hideCursor: true,
    linewrap: false,
    // the line is ours (rate, ETA from the replay's own schedule, skips, gaps); cli-progress draws it in place
    format: () => (last ? progressBar(last) : ''),
  });
  let started = false;
  return {
    update(p) {
      last = p;
      if (!started) {
        started = true;
        bar.start(p.total, p.sent);
      } else bar.update(p.sent);
    },
    stop() {
      if (started) bar.stop();
    },
  };
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
