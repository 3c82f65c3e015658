/**
 * @module `/handover`: what the next shift needs: what the previous shift handed over, this shift's summary and
 * the "watch for" items leads write (stored, audited, optionally on the wall), every unresolved alert once (waiting,
 * snoozed, acknowledged with owner, age and claim expiry; escalated marked), every note (each lead action's reason
 * marked as such, the escalation's among them), and what was resolved this shift with its disposition. Printable: on
 * paper every time is a UTC date and time, not "6 min ago".
 */
import { useMemo, useState } from 'react';
import { Trans } from 'react-i18next';
import { may } from '../../../shared/permissions.js';
import type { Alert } from '../../../shared/schemas/alert.js';
import { useAlerting } from '../app/AlertingProvider.js';
import { AlertScore } from '../components/AlertScore.js';
import { Link } from '../components/Link.js';
import { SeverityBadge } from '../components/SeverityBadge.js';
import { alertCounts, alertStanding } from '../features/alerts/counts.js';
import { DISPOSITION_LABELS, snoozeText } from '../features/alerts/describe.js';
import { compareAlerts } from '../features/alerts/queue.js';
import { useAlerts } from '../features/alerts/useAlerts.js';
import { ShiftTrends } from '../features/handover/ShiftTrends.js';
import { useWrittenHandover } from '../features/handover/useWrittenHandover.js';
import { PreviousShift, ShiftSummary, WatchFor } from '../features/handover/WrittenHandover.js';
import { useMe } from '../hooks/useMe.js';
import { useNow } from '../hooks/useNow.js';
import { t } from '../i18n/index.js';
import { serverText } from '../i18n/server-text.js';
import { detectorName } from '../labels/detectors.js';
import { formatAge, formatClock, formatDateTime } from '../lib/format.js';
import '../styles/handover.css';
import { claimHolder } from '../../../shared/schemas/alert.js';
import { alertHref } from '../lib/paths.js';

const SHIFTS = [8, 12, 24] as const;
const STATES = ['open', 'acknowledged', 'resolved'] as const;

/** "2024-03-05 13:04 UTC". */
const stamp = (at: number) => `${formatDateTime(at).slice(0, 16)} UTC`;

/** A relative time on screen (the full time in its title); the UTC date and time on paper. */
function When({ at, children }: { at: number; children: string }) {
  return (
    <>
      <span className="noprint" title={stamp(at)}>
        {children}
      </span>
      <span className="printonly">{stamp(at)}</span>
    </>
  );
}

export default function Handover() {
  const [hours, setHours] = useState<number>(12);
  const now = useNow(10_000);
  const me = useMe();
  const { alerts, error } = useAlerts(STATES);
  const written = useWrittenHandover();
  const canWrite = me.role !== null && may(me.role, 'handover.write');
  const raise = useAlerting()?.raise;
  const since = now - hours * 3_600_000;
  const list = useMemo(() => [...alerts.values()].sort(compareAlerts), [alerts]);
  // Each unresolved alert in exactly one section (escalated is a mark on its row, not a section of its own).
  const counts = alertCounts(list, now);
  const waiting = list.filter((a) => alertStanding(a, now) === 'waiting');
  const snoozed = list.filter((a) => alertStanding(a, now) === 'snoozed');
  const acked = list.filter((a) => alertStanding(a, now) === 'acknowledged');
  const resolvedThisShift = list
    .filter((a) => a.state === 'resolved' && (a.resolvedAt ?? 0) >= since)
    .sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0));

  return (
    <main className="page handover" id="main">
      <div className="handover__head">
        <h1 className="page__title">{t('handover.title')}</h1>
        <p className="muted">
          {t('handover.prepared', {
            at: formatDateTime(now),
            user: me.username,
            hours,
            since: formatDateTime(since),
          })}
        </p>
        <label className="filter noprint">
          <span>{t('handover.shiftLength')}</span>
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {SHIFTS.map((h) => (
              <option key={h} value={h}>
                {t('duration.hours', { count: h })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn noprint" onClick={() => window.print()}>
          {t('handover.print')}
        </button>
      </div>
      {error ? <p className="notice">{error}</p> : null}
      {written.loadError ? <p className="notice">{written.loadError}</p> : null}
      {written.writeError ? (
        <p className="notice" role="alert">
          {written.writeError}
        </p>
      ) : null}
      <PreviousShift previous={written.data?.previous ?? null} />
      <ShiftSummary handover={written} canWrite={canWrite} />
      <WatchFor handover={written} canWrite={canWrite} />
      <ul className="handover__summary" aria-label={t('handover.summary')} data-testid="handover-summary">
        <li>
          <Trans
            i18nKey="handover.sum"
            values={{
              unresolved: counts.unresolved,
              waiting: counts.waiting,
              snoozed: counts.snoozed,
              acknowledged: counts.acknowledged,
            }}
            components={{ b: <strong /> }}
          />
        </li>
        <li>
          <Trans
            i18nKey="handover.escalatedCount"
            values={{ n: counts.escalated }}
            components={{ b: <strong /> }}
          />
        </li>
        <li>
          <Trans
            i18nKey="handover.resolvedCount"
            count={resolvedThisShift.length}
            values={{ count: resolvedThisShift.length }}
            components={{ b: <strong /> }}
          />
        </li>
      </ul>
      <ShiftTrends hours={hours} alerts={list} threshold={raise} />
      <HandoverSection
        id="waiting"
        title={t('handover.waiting')}
        alerts={waiting}
        now={now}
        empty={t('handover.noWaiting')}
      />
      <HandoverSection
        id="snoozed"
        title={t('handover.snoozed')}
        alerts={snoozed}
        now={now}
        empty={t('handover.noSnoozed')}
      />
      <HandoverSection
        id="acknowledged"
        title={t('handover.acknowledged')}
        alerts={acked}
        now={now}
        empty={t('handover.noAcknowledged')}
        showClaim
      />
      <section className="hsection" aria-labelledby="h-resolved">
        <h2 id="h-resolved" className="hsection__title">
          {t('handover.resolvedTitle')}
        </h2>
        {resolvedThisShift.length === 0 ? <p className="empty">{t('handover.noResolved')}</p> : null}
        {resolvedThisShift.length > 0 ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('col.severity')}</th>
                <th scope="col">{t('col.entity')}</th>
                <th scope="col">{t('col.detectorSegment')}</th>
                <th scope="col">{t('handover.resolvedAt')}</th>
                <th scope="col">{t('handover.by')}</th>
                <th scope="col">{t('action.disposition')}</th>
                <th scope="col">{t('host.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {resolvedThisShift.map((a) => {
                return (
                  <tr key={a.id}>
                    <td>
                      <SeverityBadge severity={a.severity} short />
                    </td>
                    <td className="mono wrap">{a.entity.id}</td>
                    <td className="wrap">
                      {detectorName(a.detector)} · {a.segment}
                    </td>
                    <td>{a.resolvedAt ? <Stamp text={stamp(a.resolvedAt)} /> : '—'}</td>
                    <td>{a.resolvedBy ?? '—'}</td>
                    <td>{a.disposition ? DISPOSITION_LABELS[a.disposition] : '—'}</td>
                    <td className="wrap hnotes">
                      <Notes alert={a} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </section>
    </main>
  );
}

function HandoverSection({
  id: name,
  title,
  alerts,
  now,
  empty,
  showClaim = false,
}: {
  id: string;
  title: string;
  alerts: Alert[];
  now: number;
  empty: string;
  showClaim?: boolean;
}) {
  const id = `h-${name}`;
  return (
    <section className="hsection" aria-labelledby={id}>
      <h2 id={id} className="hsection__title">
        {title} ({alerts.length})
      </h2>
      {alerts.length === 0 ? <p className="empty">{empty}</p> : null}
      {alerts.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('col.severity')}</th>
              <th scope="col">{t('col.entity')}</th>
              <th scope="col">{t('col.detectorSegment')}</th>
              <th scope="col">
                <span className="noprint">{t('col.age')}</span>
                <span className="printonly">{t('handover.firstSeen')}</span>
              </th>
              <th scope="col">{t('col.score')}</th>
              {showClaim ? (
                <>
                  <th scope="col">{t('filter.owner')}</th>
                  <th scope="col">{t('handover.claimed')}</th>
                  <th scope="col">{t('detail.claimExpires')}</th>
                </>
              ) : null}
              <th scope="col">{t('host.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => {
              const snoozed = snoozeText(a, now, stamp);
              return (
                <tr key={a.id}>
                  <td>
                    <SeverityBadge severity={a.severity} short />
                  </td>
                  <td className="mono wrap">
                    <Link to={alertHref(a.id)}>{a.entity.id}</Link>
                    {a.escalated ? <span className="tag tag--esc">{t('wall.escalated')}</span> : null}
                    {snoozed ? (
                      <div className="handover__snoozed">
                        <span className="tag">{t('standing.snoozed')}</span> {snoozed}
                      </div>
                    ) : null}
                  </td>
                  <td className="wrap">
                    {detectorName(a.detector)} · {a.segment}
                  </td>
                  <td>
                    <When at={a.firstSeen}>{formatAge(now - a.firstSeen)}</When>
                  </td>
                  <td className="num nowrap">
                    <AlertScore alert={a} />
                  </td>
                  {showClaim ? (
                    <>
                      <td>{claimHolder(a) ?? '—'}</td>
                      <td>
                        {a.ackedAt ? (
                          <When at={a.ackedAt}>{t('handover.ago', { age: formatAge(now - a.ackedAt) })}</When>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        {a.ackExpiresAt ? (
                          <When at={a.ackExpiresAt}>
                            {a.ackExpiresAt > now
                              ? t('handover.in', { age: formatAge(a.ackExpiresAt - now) })
                              : t('handover.expired')}
                          </When>
                        ) : (
                          '—'
                        )}
                      </td>
                    </>
                  ) : null}
                  <td className="wrap hnotes">
                    <Notes alert={a} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** Every note of an alert, oldest first, with its author and time; a lead action's reason is marked as such. */
function Notes({ alert: a }: { alert: Alert }) {
  if (a.notes.length === 0) return <>—</>;
  return (
    <ul className="handover__notes">
      {a.notes.map((n) => (
        <li key={`${n.at}/${n.author}`} data-note-action={n.action ?? 'note'}>
          <span className="muted">
            {formatClock(n.at)} {n.author}:
          </span>{' '}
          {n.action ? (
            <span className={`notemark ${n.action === 'escalate' ? 'notemark--esc' : ''}`}>
              {t(`written.noteMark.${n.action}`)}
            </span>
          ) : null}{' '}
          {serverText(n, n.text)}
        </li>
      ))}
    </ul>
  );
}

/** "2026-12-07 13:12 UTC" breaking only between its date and its time (it broke at a hyphen on paper). */
function Stamp({ text }: { text: string }) {
  const space = text.indexOf(' ');
  if (space < 0) return <span className="nowrap">{text}</span>;
  return (
    <>
      <span className="nowrap">{text.slice(0, space)}</span>{' '}
      <span className="nowrap">{text.slice(space + 1)}</span>
    </>
  );
}
