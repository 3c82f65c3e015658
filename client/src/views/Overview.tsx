/**
 * @module `/`: ingest health, per-segment activity and scores, events by kind, the most anomalous hosts
 * and the live alert feed. The time window reaches back 6 h (history from `/api/series`); "Pause" freezes
 * the screen for inspection and counts the updates held back.
 */
import { type ReactNode, useMemo, useState } from 'react';
import { useAlerting } from '../app/AlertingProvider.js';
import { LiveContext, useLiveContext } from '../app/LiveProvider.js';
import { Panel } from '../components/Panel.js';
import { AlertFeed } from '../features/alert-feed/AlertFeed.js';
import { KpiTiles } from '../features/kpis/KpiTiles.js';
import { KindChart } from '../features/segment-series/KindChart.js';
import { RangePicker } from '../features/segment-series/RangePicker.js';
import { SegmentChart } from '../features/segment-series/SegmentChart.js';
import { useWindowSeries } from '../features/segment-series/useSegmentSeries.js';
import { SegmentStrip } from '../features/segment-strip/SegmentStrip.js';
import { TopHostsTable } from '../features/top-hosts/TopHostsTable.js';
import { WatchPanel } from '../features/watch/WatchPanel.js';
import { useConnection, useLiveSelector } from '../hooks/useLive.js';
import { t } from '../i18n/index.js';
import { formatAge } from '../lib/format.js';
import { navigate, useLocation } from '../lib/router.js';
import { type LiveState, LiveStore } from '../state/live-store.js';

const WINDOWS = new Set([300_000, 900_000, 3_600_000, 21_600_000]);

export default function Overview() {
  const { store, connection } = useLiveContext();
  const { search } = useLocation();
  const q = new URLSearchParams(search);
  const w = Number(q.get('window'));
  const rangeMs = WINDOWS.has(w) ? w : 300_000;
  const setRange = (ms: number) => {
    q.set('window', String(ms));
    navigate(`/?${q.toString()}`, { replace: true });
  };
  const [paused, setPaused] = useState<LiveState | null>(null);
  const frozen = useMemo(() => (paused ? LiveStore.frozen(paused) : null), [paused]);
  const frames = useLiveSelector((s) => s.frames);
  const held = paused ? frames - paused.frames : 0;

  const pauseBar = (
    <div className="pausebar">
      {paused ? (
        <>
          <span className="pausebar__count" aria-live="polite">
            {t('overview.pausedHeld', { count: held })}
          </span>
          <button type="button" className="btn btn--primary" onClick={() => setPaused(null)}>
            {t('overview.resume')}
          </button>
        </>
      ) : (
        <button type="button" className="btn" onClick={() => setPaused(store.getState())}>
          {t('overview.pause')}
        </button>
      )}
    </div>
  );

  const body = (
    <OverviewBody rangeMs={rangeMs} setRange={setRange} paused={paused !== null} pauseBar={pauseBar} />
  );
  return frozen ? <LiveContext value={{ store: frozen, connection }}>{body}</LiveContext> : body;
}

/** Rows of the alert feed and the top hosts shown above the fold. */
const FIRST_ROWS = 6;

function OverviewBody({
  rangeMs,
  setRange,
  paused,
  pauseBar,
}: {
  rangeMs: number;
  setRange(ms: number): void;
  paused: boolean;
  pauseBar: ReactNode;
}) {
  const conn = useConnection();
  const raise = useAlerting()?.raise;
  const live = conn.status === 'live' && !paused;
  const notLive = paused
    ? t('overview.paused')
    : conn.ageMs === null
      ? t('overview.notLive')
      : t('overview.notLiveAge', { age: formatAge(conn.ageMs) });
  const { series, historyState } = useWindowSeries(rangeMs);
  const historyNote =
    historyState === 'loading'
      ? t('overview.historyLoading')
      : historyState === 'error'
        ? t('overview.historyError')
        : '';
  return (
    <main className="page overview" id="main">
      <div className="overview__bar">
        <h1 className="page__title">{t('title.overview')}</h1>
        <RangePicker value={rangeMs} onChange={setRange} />
        {historyNote ? <span className="muted">{historyNote}</span> : null}
        {pauseBar}
      </div>
      <Panel title={t('overview.ingest')} live={live} notLiveText={notLive}>
        <KpiTiles />
      </Panel>
      {/* The newest alerts and the hosts to open first stay above the fold at 1440×900. */}
      <div className="grid2 overview__first">
        <Panel title={t('overview.feed')} live={live} notLiveText={notLive}>
          <AlertFeed limit={FIRST_ROWS} />
        </Panel>
        <Panel title={t('overview.topHosts')} live={live} notLiveText={notLive}>
          <TopHostsTable limit={FIRST_ROWS} spark={false} />
        </Panel>
      </div>
      <WatchPanel />
      <Panel
        title={t('overview.segments')}
        live={live}
        notLiveText={notLive}
        actions={<span className="panel__caption">{t('overview.segmentsCaption')}</span>}
      >
        <SegmentStrip series={series} rangeMs={rangeMs} />
      </Panel>
      <div className="grid2">
        <Panel title={t('overview.scoreChart')} live={live} notLiveText={notLive}>
          <SegmentChart
            series={series}
            metric="score"
            rangeMs={rangeMs}
            label={
              raise !== undefined ? t('overview.scoreLabelThreshold', { raise }) : t('overview.scoreLabel')
            }
          />
        </Panel>
        <Panel title={t('overview.eventsChart')} live={live} notLiveText={notLive}>
          <SegmentChart series={series} metric="events" rangeMs={rangeMs} label={t('overview.eventsLabel')} />
        </Panel>
      </div>
      <Panel title={t('overview.kindChart')} live={live} notLiveText={notLive}>
        <KindChart series={series} rangeMs={rangeMs} label={t('overview.kindLabel')} />
      </Panel>
    </main>
  );
}
