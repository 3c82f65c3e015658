/**
 * @module The loaded feeds and the index the intel detector matches with: reloads every feed on a timer and on
 * demand, never pausing ingest (reads are asynchronous; the new index replaces the old in one assignment). A feed
 * that fails keeps its previous contents, says why on the admin page and raises a system alert until it loads (a
 * feed URL named there without its secrets).
 * Warninglists (`WF_INTEL_WARNINGLISTS`) are read first on each refresh; an indicator naming a benign value they list
 * is left out (./warninglist.ts); a warninglist that fails keeps its previous lists, as a feed does.
 */

import { redactUrlIn } from '../../shared/redact-url.js';
import {
  FEED_FAILED,
  type IntelFeedStatus,
  type IntelStatus,
  type WarninglistStatus,
} from '../../shared/schemas/intel.js';
import type { Observation } from '../alerts/raise-tracker.js';
import { readFeed } from './feed-reader.js';
import type { FeedSpec } from './feed-spec.js';
import { IndicatorTable } from './indicator-table.js';
import { IntelIndex } from './intel-index.js';
import { applyWarninglists, readWarninglists, type Warninglist } from './warninglist.js';

interface FeedState {
  spec: FeedSpec;
  status: IntelFeedStatus;
  /** The last contents that loaded, flat (kept when a later attempt fails; the parsed objects are let go). */
  table: IndicatorTable | null;
}

interface WarninglistState {
  status: WarninglistStatus;
  /** The lists that loaded last (kept when a later attempt fails). */
  lists: Warninglist[];
}

export interface IntelFeedsOptions {
  feeds: readonly FeedSpec[];
  refreshMs: number;
  /** Locations of warninglists (files or folders). */
  warninglists?: readonly string[];
  /** Told once per refresh that changed the index, and of each failure. */
  onLoaded?: (status: IntelStatus) => void;
  onError?: (feed: string, message: string) => void;
  now?: () => number;
}

export class IntelFeeds {
  private readonly feeds: FeedState[];
  private readonly warninglists: WarninglistState[];
  private current: IntelIndex | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly o: IntelFeedsOptions) {
    this.feeds = o.feeds.map((spec) => ({
      spec,
      table: null,
      status: {
        name: spec.name,
        kind: spec.kind,
        location: spec.location,
        state: 'loading',
        indicators: 0,
        observables: 0,
        expired: 0,
        skipped: 0,
        warned: 0,
        skippedList: [],
      },
    }));
    this.warninglists = (o.warninglists ?? []).map((location) => ({
      lists: [],
      status: { location, state: 'loading', names: [], entries: 0, unsupported: 0 },
    }));
  }

  /** The index to match with now; null while nothing is loaded. */
  readonly index = (): IntelIndex | null => this.current;

  /** Loads every feed now, then every `refreshMs`. */
  async start(): Promise<void> {
    if (this.feeds.length === 0) return;
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.o.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reloads every feed (a refresh already under way is joined, not repeated). */
  refresh(): Promise<void> {
    this.running ??= this.load().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loadWarninglists(now: number): Promise<Warninglist[]> {
    await Promise.all(
      this.warninglists.map(async (w) => {
        try {
          w.lists = await readWarninglists(w.status.location);
          w.status = {
            location: w.status.location,
            state: 'ok',
            names: w.lists.map((l) => l.name),
            entries: w.lists.reduce((n, l) => n + l.entries, 0),
            unsupported: w.lists.reduce((n, l) => n + l.unsupported, 0),
            loadedAt: now,
          };
        } catch (err) {
          const message = (err as Error).message.slice(0, 500);
          w.status = { ...w.status, state: 'error', error: message };
          this.o.onError?.(`warninglist ${w.status.location}`, message);
        }
      }),
    );
    return this.warninglists.flatMap((w) => w.lists);
  }

  private async load(): Promise<void> {
    const now = (this.o.now ?? Date.now)();
    const warninglists = await this.loadWarninglists(now);
    await Promise.all(
      this.feeds.map(async (f) => {
        f.status.attemptedAt = now;
        try {
          const { parsed, kind } = await readFeed(f.spec, now);
          const warned = applyWarninglists(parsed, warninglists);
          f.table = new IndicatorTable(parsed.indicators);
          f.status = {
            ...f.status,
            state: 'ok',
            error: undefined,
            recognisedAs: f.spec.kind === 'auto' ? kind : undefined,
            loadedAt: now,
            indicators: parsed.indicators.length,
            observables: f.table.observables,
            expired: parsed.expired,
            skipped: parsed.skipped.length,
            warned,
            skippedList: parsed.skipped.slice(0, 200),
          };
        } catch (err) {
          // the reader names a URL without its secrets; this holds for any message that would name it whole
          const message = redactUrlIn((err as Error).message, f.spec.location).slice(0, 500);
          f.status = { ...f.status, state: 'error', error: message };
          this.o.onError?.(f.spec.name, message);
        }
      }),
    );
    const tables = this.feeds.flatMap((f) => (f.table ? [f.table] : []));
    this.current = new IntelIndex(tables);
    this.o.onLoaded?.(this.status());
  }

  status(): IntelStatus {
    return {
      feeds: this.feeds.map((f) => ({ ...f.status, skippedList: f.status.skippedList.slice() })),
      warninglists: this.warninglists.map((w) => ({ ...w.status, names: w.status.names.slice() })),
      observables: this.current?.size ?? 0,
      refreshS: Math.round(this.o.refreshMs / 1000),
      refreshing: this.running !== null,
    };
  }

  /** System alert evidence: one entity per failing feed (scored as the ingest health alerts are). */
  observations(at: number): Observation[] {
    const failing = [
      ...this.feeds
        .filter((f) => f.status.state === 'error')
        .map((f) => ({
          entityId: `intel-feed:${f.spec.name}`,
          feature: `${FEED_FAILED} ${f.status.error ?? ''}`,
        })),
      ...this.warninglists
        .filter((w) => w.status.state === 'error')
        .map((w) => ({
          entityId: `intel-warninglist:${w.status.location}`,
          feature: `warninglist_failed: ${w.status.error ?? ''}`,
        })),
    ];
    return failing.map(({ entityId, feature }) => ({
      entityType: 'system' as const,
      entityId,
      segment: 'watchfloor',
      score: 70,
      at,
      reasons: [
        {
          detector: 'intel',
          feature: feature.slice(0, 300),
          observed: 1,
          expected: 0,
          contribution: 70,
          attack: [],
        },
      ],
    }));
  }
}
