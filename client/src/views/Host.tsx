/** @module `/hosts/:ip`: one host's score, trend and the reasons behind it. */
import { useAlerting } from '../app/AlertingProvider.js';
import { Link } from '../components/Link.js';
import { Panel } from '../components/Panel.js';
import { ScoreBadge } from '../components/ScoreBadge.js';
import { Sparkline } from '../components/Sparkline.js';
import { HostAlerts, HostNotes } from '../features/host-detail/HostExtras.js';
import { HostHistory } from '../features/host-detail/HostHistory.js';
import { ReasonsTable } from '../features/host-detail/ReasonsTable.js';
import { RecentEvents } from '../features/host-detail/RecentEvents.js';
import { ScoreTimeline } from '../features/host-detail/ScoreTimeline.js';
import { useHost } from '../features/host-detail/useHost.js';
import { useConnection } from '../hooks/useLive.js';
import { useNow } from '../hooks/useNow.js';
import { formatAge, formatClock, formatReason, topReason } from '../lib/format.js';

const SOURCE_TEXT = {
  fetched: 'from the server',
  frame: 'live (top hosts)',
  watch: 'live (watched)',
} as const;

export default function Host({ ip }: { ip: string }) {
  const view = useHost(ip);
  const raise = useAlerting()?.raise;
  const conn = useConnection();
  const now = useNow(1000);
  const host = view.host;
  const notLive = conn.status !== 'live' && conn.status !== 'connecting';
  return (
    <main className="page host" id="main">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/">Overview</Link> <span aria-hidden="true">›</span> <span>Host</span>
      </nav>
      <h1 className="host__title mono">{ip}</h1>
      {view.error ? (
        <p className="error" role="alert">
          {view.error}
        </p>
      ) : null}
      {view.status === 'loading' ? <p className="empty">Loading…</p> : null}
      {view.status === 'ready' && !host ? (
        <p className="empty">No recent activity recorded for this host.</p>
      ) : null}
      {host ? (
        <>
          <Panel title="Score" live={notLive ? false : undefined} notLiveText="NOT LIVE">
            <div className="host__summary">
              <ScoreBadge score={host.score} reasons={host.reasons} size="large" />
              <dl className="facts">
                <div>
                  <dt>Top reason</dt>
                  <dd className="wrap" data-testid="top-reason">
                    {host.reasons.length > 0 ? formatReason(topReason(host.reasons)!) : 'none: nothing found'}
                  </dd>
                </div>
                <div>
                  <dt>Segment</dt>
                  <dd>{host.segment}</dd>
                </div>
                <div>
                  <dt>Last event</dt>
                  <dd>
                    {formatClock(host.lastSeen)} UTC ({formatAge(now - host.lastSeen)} ago)
                  </dd>
                </div>
                <div>
                  <dt>Values</dt>
                  <dd>
                    {view.source ? SOURCE_TEXT[view.source] : '—'}, {formatAge(now - view.updatedAt)} old
                  </dd>
                </div>
              </dl>
              <Sparkline
                values={host.spark}
                width={420}
                height={90}
                label={`Score trend of ${host.ip}`}
                threshold={raise}
              />
            </div>
          </Panel>
          <Panel title="Score timeline by detector">
            <ScoreTimeline points={view.timeline} threshold={raise} alerts={view.alerts} />
          </Panel>
          <Panel title="History: 1 h, 6 h, 24 h">
            <HostHistory segment={host.segment} alerts={view.alerts} threshold={raise} />
          </Panel>
          <Panel title="Reasons">
            <ReasonsTable reasons={host.reasons} recent={view.recent} />
          </Panel>
        </>
      ) : null}
      {view.status === 'ready' ? (
        <>
          <Panel title="Recent events">
            <RecentEvents events={view.recent} />
          </Panel>
          <Panel title="Alerts for this host">
            <HostAlerts ip={ip} fetched={view.alerts} />
          </Panel>
          <Panel title="Notes">
            <HostNotes ip={ip} notes={view.notes} onAdded={view.addNote} />
          </Panel>
        </>
      ) : null}
    </main>
  );
}
