/** @module `/hosts/:ip`: one host's score, trend and the reasons behind it. */

import { SCORED_MIN } from '../../../shared/schemas/score.js';
import { useAlerting, useScoreStyle } from '../app/AlertingProvider.js';
import { Link } from '../components/Link.js';
import { Panel } from '../components/Panel.js';
import { ScoreBadge } from '../components/ScoreBadge.js';
import { Sparkline } from '../components/Sparkline.js';
import { ResolvedNote, useResolvedBehind } from '../features/alerts/ResolvedNote.js';
import { HostAlerts, HostNotes } from '../features/host-detail/HostExtras.js';
import { HostHistory } from '../features/host-detail/HostHistory.js';
import { ReasonsTable } from '../features/host-detail/ReasonsTable.js';
import { RecentEvents } from '../features/host-detail/RecentEvents.js';
import { ScoreTimeline } from '../features/host-detail/ScoreTimeline.js';
import { useHost } from '../features/host-detail/useHost.js';
import { NamedBy } from '../features/peers/NamedBy.js';
import { PivotLinks } from '../features/pivots/PivotLinks.js';
import { WatchHost } from '../features/watch/WatchHost.js';
import { useConnection } from '../hooks/useLive.js';
import { useNow } from '../hooks/useNow.js';
import { t } from '../i18n/index.js';
import { formatAge, formatClock, formatReason, topReason } from '../lib/format.js';

export default function Host({ ip }: { ip: string }) {
  const view = useHost(ip);
  const raise = useAlerting()?.raise;
  const conn = useConnection();
  const now = useNow(1000);
  const host = view.host;
  const scoreStyle = useScoreStyle();
  const behind = useResolvedBehind(view.alerts);
  const resolved = host ? behind(scoreStyle(host.score, host.reasons).band, { host: ip }) : null;
  const notLive = conn.status !== 'live' && conn.status !== 'connecting';
  return (
    <main className="page host" id="main">
      <nav className="crumbs" aria-label={t('host.breadcrumb')}>
        <Link to="/">{t('nav.overview')}</Link> <span aria-hidden="true">›</span> <span>{t('col.host')}</span>
      </nav>
      <h1 className="host__title mono">{ip}</h1>
      <WatchHost ip={ip} />
      <PivotLinks
        context={{ ip, from: (host?.lastSeen ?? now) - 3_600_000, to: (host?.lastSeen ?? now) + 300_000 }}
      />
      {view.error ? (
        <p className="error" role="alert">
          {view.error}
        </p>
      ) : null}
      {view.status === 'loading' ? <p className="empty">{t('app.loading')}</p> : null}
      {view.status === 'ready' && !host ? <p className="empty">{t('host.noActivity')}</p> : null}
      {host ? (
        <>
          <Panel
            title={t('col.score')}
            live={notLive ? false : undefined}
            notLiveText={t('overview.notLive')}
          >
            <div className="host__summary">
              <ScoreBadge score={host.score} reasons={host.reasons} size="large" />
              <dl className="facts">
                <div>
                  <dt>{t('col.topReason')}</dt>
                  <dd className="wrap" data-testid="top-reason">
                    {host.reasons.length > 0
                      ? formatReason(topReason(host.reasons)!, host.score)
                      : t('host.noneFound')}
                  </dd>
                </div>
                {resolved ? (
                  <div>
                    <dt>{t('host.alert')}</dt>
                    <dd className="wrap">
                      <ResolvedNote alert={resolved} />
                    </dd>
                  </div>
                ) : null}
                <div>
                  <dt>{t('col.segment')}</dt>
                  <dd>{host.segment}</dd>
                </div>
                <div>
                  <dt>{t('host.lastEvent')}</dt>
                  <dd>
                    {t('host.lastEventAt', {
                      clock: formatClock(host.lastSeen),
                      age: formatAge(now - host.lastSeen),
                    })}
                  </dd>
                </div>
                <div>
                  <dt>{t('host.values')}</dt>
                  <dd>
                    {t('host.valuesAge', {
                      source: view.source ? t(`host.source.${view.source}`) : '—',
                      age: formatAge(now - view.updatedAt),
                    })}
                  </dd>
                </div>
              </dl>
              <Sparkline
                values={host.spark}
                width={420}
                height={90}
                label={t('overview.scoreTrend', { ip: host.ip })}
                threshold={raise}
              />
            </div>
          </Panel>
          <Panel title={t('host.timeline')}>
            <ScoreTimeline
              points={view.timeline}
              threshold={raise}
              alerts={view.alerts}
              score={host.score}
              reasons={host.reasons}
            />
          </Panel>
          <Panel title={t('host.history')}>
            <HostHistory segment={host.segment} alerts={view.alerts} threshold={raise} />
          </Panel>
          <Panel
            title={
              host.reasons.length > 0 && host.score < SCORED_MIN ? t('host.reasonsFaded') : t('host.reasons')
            }
          >
            <ReasonsTable reasons={host.reasons} scoreNow={host.score} recent={view.recent} />
          </Panel>
        </>
      ) : null}
      {view.status === 'ready' ? (
        <>
          <Panel title={t('peers.panel')}>
            <NamedBy q={ip} />
          </Panel>
          <Panel title={t('host.recent')}>
            <RecentEvents events={view.recent} />
          </Panel>
          <Panel title={t('host.alerts')}>
            <HostAlerts ip={ip} fetched={view.alerts} />
          </Panel>
          <Panel title={t('host.notes')}>
            <HostNotes ip={ip} notes={view.notes} onAdded={view.addNote} />
          </Panel>
        </>
      ) : null}
    </main>
  );
}
