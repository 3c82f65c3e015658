/** @module One alert: what, why (reasons), who owns it, notes, the actions the role may take, and its audit history. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isIP } from '../../../../shared/ip.js';
import type { Alert } from '../../../../shared/schemas/alert.js';
import type { Reason } from '../../../../shared/schemas/score.js';
import { Link } from '../../components/Link.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { type AlertAction, API, routeKey, routeQuery } from '../../lib/api.js';
import { formatAge, formatClock, formatReason } from '../../lib/format.js';
import { ApiError } from '../../lib/request.js';
import { AlertScoreHistory } from './AlertScoreHistory.js';
import { auditDisposition, auditNoteText, dispositionLabel, snoozeText } from './describe.js';
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
      ? 'No history available.'
      : 'Could not load the history.'
    : null;

  const resolved = a.state === 'resolved';
  const snoozed = snoozeText(a, now);
  return (
    <article className="detail" aria-labelledby="detail-title">
      <header className="detail__head">
        <SeverityBadge severity={a.severity} />
        <h2 id="detail-title" className="detail__title mono wrap">
          {a.entity.type === 'host' && isIP(a.entity.id) ? (
            <Link to={`/hosts/${encodeURIComponent(a.entity.id)}`}>{a.entity.id}</Link>
          ) : (
            a.entity.id
          )}
        </h2>
      </header>
      <dl className="facts">
        <div>
          <dt>State</dt>
          <dd data-testid="detail-state">
            {a.state}
            {resolved && a.disposition ? ` · ${dispositionLabel(a.disposition)}` : ''}
            {a.owner ? ` · owner ${a.owner}` : ''}
            {a.escalated ? ' · ESCALATED' : ''}
          </dd>
        </div>
        {a.ackExpiresAt && a.state === 'acknowledged' ? (
          <div>
            <dt>Claim expires</dt>
            <dd>
              {formatClock(a.ackExpiresAt)} UTC (in {formatAge(a.ackExpiresAt - now)})
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Detector</dt>
          <dd className="wrap">
            {a.detector} · segment {a.segment}
          </dd>
        </div>
        <div>
          <dt>Score</dt>
          <dd>
            {Math.round(a.score)} now · peak {Math.round(a.peakScore)} · {a.count}×
          </dd>
        </div>
        <div>
          <dt>Seen</dt>
          <dd>
            first {formatClock(a.firstSeen)} · last {formatClock(a.lastSeen)} UTC
          </dd>
        </div>
        {snoozed ? (
          <div>
            <dt>Snoozed</dt>
            <dd data-testid="detail-snoozed">{snoozed}</dd>
          </div>
        ) : null}
        {a.previousId ? (
          <div>
            <dt>Previous</dt>
            <dd className="mono">{a.previousId}</dd>
          </div>
        ) : null}
      </dl>
      {!resolved ? (
        <div className="detail__actions" role="toolbar" aria-label="Alert actions">
          {canAct ? (
            <>
              {a.state === 'open' || a.owner !== me ? (
                <button type="button" className="btn btn--primary" onClick={() => onAction('ack', a)}>
                  {a.state === 'acknowledged' ? 'Take over' : 'Acknowledge'} <kbd>a</kbd>
                </button>
              ) : null}
              {a.state === 'acknowledged' && a.owner === me ? (
                <button type="button" className="btn" onClick={() => onAction('release', a)}>
                  Release
                </button>
              ) : null}
              {!a.escalated ? (
                <button type="button" className="btn" onClick={() => onAction('escalate', a)}>
                  Escalate <kbd>e</kbd>
                </button>
              ) : null}
              <button type="button" className="btn" onClick={() => onAction('resolve', a)}>
                Resolve <kbd>r</kbd>
              </button>
              <button type="button" className="btn" onClick={() => onAction('snooze', a)}>
                Snooze <kbd>s</kbd>
              </button>
              <button
                type="button"
                className="btn"
                aria-expanded={ruleOpen}
                onClick={() => setRuleOpen((o) => !o)}
              >
                Suppression rule…
              </button>
            </>
          ) : null}
          <button type="button" className="btn" onClick={() => onAction('note', a)}>
            Add note <kbd>n</kbd>
          </button>
        </div>
      ) : null}
      {ruleOpen && canAct ? <RuleForm alert={a} onDone={() => setRuleOpen(false)} /> : null}
      <h3 className="detail__sub">Reasons now</h3>
      <ReasonList reasons={a.reasons} testId="reasons-now" />
      <h3 className="detail__sub">Reasons when raised · {formatClock(a.firstSeen)} UTC</h3>
      <ReasonList reasons={a.raiseReasons} testId="reasons-raise" />
      <h3 className="detail__sub">Reasons at the peak · score {Math.round(a.peakScore)}</h3>
      <ReasonList reasons={a.peakReasons} testId="reasons-peak" />
      <AlertScoreHistory alert={a} now={now} />
      <h3 className="detail__sub">Notes</h3>
      {a.notes.length === 0 ? (
        <p className="empty">No notes.</p>
      ) : (
        <ul className="notes">
          {a.notes.map((n) => (
            <li key={`${n.at}/${n.author}`}>
              <span className="muted">
                {formatClock(n.at)} · {n.author}
              </span>{' '}
              <span className="wrap">{n.text}</span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="detail__sub">History</h3>
      {historyError ? <p className="empty">{historyError}</p> : null}
      {history === null && !historyError ? <p className="empty">Loading…</p> : null}
      {history && history.length === 0 ? <p className="empty">No recorded actions.</p> : null}
      {history && history.length > 0 ? (
        <ol className="history">
          {history.map((h) => {
            const disposition = dispositionLabel(auditDisposition(h));
            return (
              <li key={h.id}>
                <span className="mono">{formatClock(h.at)}</span> <strong>{h.actor}</strong>
                {h.role ? <span className="muted"> ({h.role})</span> : null} {h.action}
                {disposition ? ` · ${disposition}` : null}
                {h.from || h.to ? (
                  <span className="muted">
                    {' '}
                    {h.from ?? '∅'} → {h.to ?? '∅'}
                  </span>
                ) : null}
                {h.note ? (
                  <div className="history__note wrap">
                    “{h.actor === 'system' ? auditNoteText(h.note) : h.note}”
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </article>
  );
}

/** Reasons, strongest first, in words and units; alerts stored before a list was kept say so. */
function ReasonList({ reasons, testId }: { reasons: readonly Reason[]; testId: string }) {
  if (reasons.length === 0) return <p className="empty">Not recorded.</p>;
  return (
    <ul className="reasons-list" data-testid={testId}>
      {[...reasons]
        .sort((x, y) => y.contribution - x.contribution)
        .map((r) => (
          <li key={`${r.detector}/${r.feature}`} className="wrap">
            <strong>{r.detector}</strong> {formatReason(r)}
          </li>
        ))}
    </ul>
  );
}
