/** @module One alert: what, why (reasons), who owns it, notes, the actions the role may take, and its audit history. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isIP } from '../../../../shared/ip.js';
import type { Alert } from '../../../../shared/schemas/alert.js';
import { alertScoreNow, claimHolder, shownScore } from '../../../../shared/schemas/alert.js';
import type { Reason } from '../../../../shared/schemas/score.js';
import { Link } from '../../components/Link.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { t } from '../../i18n/index.js';
import { serverText } from '../../i18n/server-text.js';
import { auditActionName } from '../../labels/audit.js';
import { detectorName } from '../../labels/detectors.js';
import { actorLabel } from '../../labels/roles.js';
import { type AlertAction, API, routeKey, routeQuery } from '../../lib/api.js';
import { formatAge, formatClock, formatReason } from '../../lib/format.js';
import { alertHref } from '../../lib/paths.js';
import { ApiError } from '../../lib/request.js';
import { HandoffActions } from '../handoff/HandoffActions.js';
import { alertPivotContext, PivotLinks } from '../pivots/PivotLinks.js';
import { WatchMark } from '../watch/WatchMark.js';
import { AlertScoreHistory } from './AlertScoreHistory.js';
import { alertStanding } from './counts.js';
import { auditDisposition, auditNote, dispositionLabel, snoozeText } from './describe.js';
import { RuleForm } from './RulesPanel.js';

export interface AlertDetailProps {
  alert: Alert;
  canAct: boolean;
  me: string;
  now: number;
  onAction(action: AlertAction, alert: Alert): void;
}

export function AlertDetail({ alert: a, canAct, me, now, onAction }: AlertDetailProps) {
  const [ruleOpen, setRuleOpen] = useState(false);
  // A new version means new history to fetch: the version is part of the key.
  const detail = routeQuery(API.alert, { params: { id: a.id } });
  const query = useQuery({
    ...detail,
    queryKey: [...routeKey(API.alert, { params: { id: a.id } }), a.version],
  });
  const history = query.data?.history ?? null;
  const historyError = query.error
    ? query.error instanceof ApiError && query.error.status === 404
      ? t('detail.noHistory')
      : t('detail.historyFailed')
    : null;

  const resolved = a.state === 'resolved';
  const snoozed = snoozeText(a, now);
  return (
    <article className="detail" aria-labelledby="detail-title">
      <header className="detail__head">
        <SeverityBadge severity={a.severity} />
        {/* an address whole on its line (the badge and the watch mark go to the next line first); a name may wrap */}
        <h2 id="detail-title" className={`detail__title mono ${isIP(a.entity.id) ? 'nowrap' : 'wrap'}`}>
          {a.entity.type === 'host' && isIP(a.entity.id) ? (
            <Link to={`/hosts/${encodeURIComponent(a.entity.id)}`}>{a.entity.id}</Link>
          ) : (
            a.entity.id
          )}
        </h2>
        <WatchMark ip={a.entity.id} />
      </header>
      <dl className="facts">
        <div>
          <dt>{t('col.state')}</dt>
          <dd data-testid="detail-state">
            {t(`stateWord.${alertStanding(a, now) === 'snoozed' ? 'snoozed' : a.state}`)}
            {resolved && a.disposition ? ` · ${dispositionLabel(a.disposition)}` : ''}
            {resolved && a.resolvedBy ? ` · ${t('detail.resolvedBy', { user: a.resolvedBy })}` : ''}
            {claimHolder(a) ? ` · ${t('detail.owner', { owner: claimHolder(a) })}` : ''}
            {a.escalated ? ` · ${t('wall.escalated')}` : ''}
          </dd>
        </div>
        {a.ackExpiresAt && a.state === 'acknowledged' ? (
          <div>
            <dt>{t('detail.claimExpires')}</dt>
            <dd>
              {t('detail.expiresAt', {
                clock: formatClock(a.ackExpiresAt),
                age: formatAge(a.ackExpiresAt - now),
              })}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('col.detector')}</dt>
          <dd className="wrap">
            {t('detail.detectorSegment', { detector: detectorName(a.detector), segment: a.segment })}
          </dd>
        </div>
        <div>
          <dt>{t('col.score')}</dt>
          <dd>
            {/* once the episode is over the alert's score is the one it ended at, not the host's now */}
            {t(alertScoreNow(a) !== null ? 'detail.score' : 'detail.scoreEnded', {
              score: shownScore(a.score),
              peak: shownScore(a.peakScore),
              count: a.count,
            })}
          </dd>
        </div>
        <div>
          <dt>{t('detail.seen')}</dt>
          <dd>{t('detail.seenAt', { first: formatClock(a.firstSeen), last: formatClock(a.lastSeen) })}</dd>
        </div>
        {snoozed ? (
          <div>
            <dt>{t('detail.snoozed')}</dt>
            <dd data-testid="detail-snoozed">{snoozed}</dd>
          </div>
        ) : null}
        {a.previousId ? (
          <div>
            <dt>{t('detail.previous')}</dt>
            <dd className="mono">
              <Link to={alertHref(a.previousId)} data-testid="detail-previous">
                {a.previousId}
              </Link>
            </dd>
          </div>
        ) : null}
      </dl>
      {!resolved ? (
        <div className="detail__actions" role="toolbar" aria-label={t('detail.actions')}>
          {canAct ? (
            <>
              {a.state === 'open' || a.owner !== me ? (
                <button type="button" className="btn btn--primary" onClick={() => onAction('ack', a)}>
                  {a.state === 'acknowledged' ? t('detail.takeOver') : t('action.verb.ack')} <kbd>a</kbd>
                </button>
              ) : null}
              {a.state === 'acknowledged' && a.owner === me ? (
                <button type="button" className="btn" onClick={() => onAction('release', a)}>
                  {t('action.verb.release')}
                </button>
              ) : null}
              {!a.escalated ? (
                <button type="button" className="btn" onClick={() => onAction('escalate', a)}>
                  {t('action.verb.escalate')} <kbd>e</kbd>
                </button>
              ) : null}
              <button type="button" className="btn" onClick={() => onAction('resolve', a)}>
                {t('action.verb.resolve')} <kbd>r</kbd>
              </button>
              <button type="button" className="btn" onClick={() => onAction('snooze', a)}>
                {t('action.verb.snooze')} <kbd>s</kbd>
              </button>
              <button
                type="button"
                className="btn"
                aria-expanded={ruleOpen}
                onClick={() => setRuleOpen((o) => !o)}
              >
                {t('detail.rule')}
              </button>
            </>
          ) : null}
          <button type="button" className="btn" onClick={() => onAction('note', a)}>
            {t('host.addNote')} <kbd>n</kbd>
          </button>
        </div>
      ) : null}
      {ruleOpen && canAct ? <RuleForm alert={a} onDone={() => setRuleOpen(false)} /> : null}
      <HandoffActions alert={a} />
      <PivotLinks context={alertPivotContext(a)} />
      <h3 className="detail__sub">{t('detail.reasonsNow')}</h3>
      <ReasonList reasons={a.reasons} scoreNow={a.score} testId="reasons-now" />
      <h3 className="detail__sub">{t('detail.reasonsRaised', { clock: formatClock(a.firstSeen) })}</h3>
      <ReasonList reasons={a.raiseReasons} testId="reasons-raise" />
      <h3 className="detail__sub">{t('detail.reasonsPeak', { score: shownScore(a.peakScore) })}</h3>
      <ReasonList reasons={a.peakReasons} testId="reasons-peak" />
      <AlertScoreHistory alert={a} now={now} />
      <h3 className="detail__sub">{t('host.notes')}</h3>
      {a.notes.length === 0 ? (
        <p className="empty">{t('detail.noNotes')}</p>
      ) : (
        <ul className="notes">
          {a.notes.map((n) => (
            <li key={`${n.at}/${n.author}`}>
              <span className="muted">
                {/* a system note (it carries its text's key) is the server's own */}
                {formatClock(n.at)} · {n.key ? actorLabel(n.author, 'system').name : n.author}
              </span>{' '}
              <span className="wrap">{serverText(n, n.text)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="detail__sub">{t('detail.history')}</h3>
      {historyError ? <p className="empty">{historyError}</p> : null}
      {history === null && !historyError ? <p className="empty">{t('app.loading')}</p> : null}
      {history && history.length === 0 ? <p className="empty">{t('detail.noActions')}</p> : null}
      {history && history.length > 0 ? (
        <ol className="history">
          {history.map((h) => {
            const disposition = dispositionLabel(auditDisposition(h));
            const who = actorLabel(h.actor, h.role);
            return (
              <li key={h.id}>
                <span className="mono">{formatClock(h.at)}</span> <strong>{who.name}</strong>
                {who.role ? <span className="muted"> ({who.role})</span> : null} {auditActionName(h.action)}
                {disposition ? ` · ${disposition}` : null}
                {h.from || h.to ? (
                  <span className="muted">
                    {' '}
                    {h.from ? t(`stateWord.${h.from}`) : '∅'} → {h.to ? t(`stateWord.${h.to}`) : '∅'}
                  </span>
                ) : null}
                {h.note ? <div className="history__note wrap">“{auditNote(h)}”</div> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </article>
  );
}

/** Reasons, strongest first, in words and units; alerts stored before a list was kept say so. */
function ReasonList({
  reasons,
  scoreNow,
  testId,
}: {
  reasons: readonly Reason[];
  /** The score the reasons are shown beside, when it is the one now (their points said "was" once it has faded). */
  scoreNow?: number;
  testId: string;
}) {
  if (reasons.length === 0) return <p className="empty">{t('detail.notRecorded')}</p>;
  return (
    <ul className="reasons-list" data-testid={testId}>
      {[...reasons]
        .sort((x, y) => y.contribution - x.contribution)
        .map((r) => (
          <li key={`${r.detector}/${r.feature}`} className="wrap">
            <strong>{detectorName(r.detector)}</strong> {formatReason(r, scoreNow)}
          </li>
        ))}
    </ul>
  );
}
