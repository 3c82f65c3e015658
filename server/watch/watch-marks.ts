/**
 * @module Which of the hosts a screen shows are watched: its top hosts (each already says so, asked where its recent
 * events are) and the hosts of its unresolved alerts. Frames and snapshots carry the answer as `watched`, cut to a
 * screen's segments with the rest of the frame, so a wall learns whether the hosts on it are watched and nothing else
 * of the watchlist (no value, range, domain, reason or author).
 */
import type { Alert } from '../../shared/schemas/alert.js';
import type { HostScore, SegmentScore } from '../../shared/schemas/score.js';
import type { WatchedHost, WatchKind } from '../../shared/schemas/watch-mark.js';

/** A host an unresolved alert is about. */
interface AlertHost {
  ip: string;
  segment: string;
}

/**
 * The watched hosts among `topHosts` (by their own `watched`: the network's and each segment's, see
 * {@link shownHosts}) and `alertHosts` (asked with `watchOf`), each once. Pure.
 */
export function watchedHosts(
  topHosts: Iterable<Pick<HostScore, 'ip' | 'segment' | 'watched'>>,
  alertHosts: Iterable<AlertHost>,
  watchOf: (ip: string) => WatchKind | null,
): WatchedHost[] {
  const out = new Map<string, WatchedHost>();
  for (const h of topHosts) if (h.watched) out.set(h.ip, { ip: h.ip, segment: h.segment, kind: h.watched });
  for (const a of alertHosts) {
    if (out.has(a.ip)) continue;
    const kind = watchOf(a.ip);
    if (kind) out.set(a.ip, { ip: a.ip, segment: a.segment, kind });
  }
  return [...out.values()];
}

/** The hosts a frame or snapshot shows: the network's top hosts, then each segment's. */
export function shownHosts(s: {
  topHosts: readonly HostScore[];
  segments?: readonly SegmentScore[];
}): Pick<HostScore, 'ip' | 'segment' | 'watched'>[] {
  const out: Pick<HostScore, 'ip' | 'segment' | 'watched'>[] = [...s.topHosts];
  for (const seg of s.segments ?? [])
    for (const h of seg.topHosts ?? []) out.push({ ip: h.ip, segment: seg.segment, watched: h.watched });
  return out;
}

/** The hosts of unresolved host alerts. */
export function alertHostsOf(alerts: Iterable<Alert>): AlertHost[] {
  const out: AlertHost[] = [];
  for (const a of alerts)
    if (a.entity.type === 'host' && a.state !== 'resolved') out.push({ ip: a.entity.id, segment: a.segment });
  return out;
}

export interface WatchMarksOptions {
  /** The unresolved alerts (read in the background, never by a tick). */
  unresolved: () => Promise<Alert[]>;
  /** The one answer whether a host is watched (`WatchlistStore.hostWatch` over the engine holding the host). */
  watchOf: (ip: string) => WatchKind | null;
  /**
   * How old the unresolved alerts' hosts and their marks may be, ms (this process's alert changes apply at once).
   * @default 5000
   */
  refreshMs?: number;
  onError?: (err: Error) => void;
}

/**
 * The `watched` of each frame and snapshot this web instance sends. Top hosts are asked each tick (a few, and they
 * answer for themselves); the unresolved alerts' hosts are asked when the alerts are read again (every `refreshMs`)
 * and when this process changes one, so a tick's cost does not grow with the alerts.
 */
export class WatchMarks {
  /** Unresolved alerts' hosts by alert id, each with its watch when watched. */
  private alertHosts = new Map<string, WatchedHost | null>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly o: WatchMarksOptions) {}

  /** A frame with `watched`: its top hosts and the known alerts' watched hosts. */
  frame<F extends { topHosts: HostScore[]; segments?: SegmentScore[] }>(
    f: F,
    now = Date.now(),
  ): F & { watched?: WatchedHost[] } {
    this.refreshIfOld(now);
    const marked: WatchedHost[] = [];
    for (const w of this.alertHosts.values()) if (w) marked.push(w);
    const kinds = new Map(marked.map((w) => [w.ip, w.kind]));
    return withWatched(
      f,
      watchedHosts(shownHosts(f), marked, (ip) => kinds.get(ip) ?? null),
    );
  }

  /** A snapshot with `watched`, from its own alerts (read just now). */
  snapshot<S extends { topHosts: HostScore[]; segments?: SegmentScore[]; alerts: Alert[] }>(
    s: S,
  ): S & { watched?: WatchedHost[] } {
    return withWatched(s, watchedHosts(shownHosts(s), alertHostsOf(s.alerts), this.o.watchOf));
  }

  /** An alert changed in this process: its host is asked at once (a resolved one no longer counts). */
  alertChanged(a: Alert): void {
    const [host] = alertHostsOf([a]);
    if (host) this.alertHosts.set(a.id, this.mark(host));
    else this.alertHosts.delete(a.id);
  }

  private mark(h: AlertHost): WatchedHost | null {
    const kind = this.o.watchOf(h.ip);
    return kind ? { ...h, kind } : null;
  }

  private refreshIfOld(now: number): void {
    if (this.loading || now - this.loadedAt < (this.o.refreshMs ?? 5_000)) return;
    this.loadedAt = now;
    this.loading = this.o
      .unresolved()
      .then((alerts) => {
        const next = new Map<string, WatchedHost | null>();
        for (const a of alerts) for (const h of alertHostsOf([a])) next.set(a.id, this.mark(h));
        this.alertHosts = next;
      })
      .catch((err: Error) => this.o.onError?.(err))
      .finally(() => {
        this.loading = null;
      });
  }
}

function withWatched<T extends object>(x: T, watched: WatchedHost[]): T & { watched?: WatchedHost[] } {
  return watched.length ? { ...x, watched } : x;
}
