/** @module Suppression rules: listed with reason, author and expiry; removable; created from an alert or a false positive's suggestion. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Alert } from '../../../../shared/schemas/alert.js';
import type { SuggestedRule } from '../../../../shared/schemas/rules.js';
import { Panel } from '../../components/Panel.js';
import { API, call, routeKey, routeQuery } from '../../lib/api.js';
import { formatAge, formatClock, formatDateTime } from '../../lib/format.js';
import { ApiError } from '../../lib/request.js';

/** After a change: every rules list on the page fetches again. */
function useRulesChanged(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: routeKey(API.rules) });
}

export function RulesPanel({ canAct }: { canAct: boolean }) {
  const query = useQuery(routeQuery(API.rules));
  const rulesChanged = useRulesChanged();
  const [removeError, setRemoveError] = useState<string | null>(null);
  const rules = query.data?.rules ?? null;
  const error =
    removeError ??
    (query.error
      ? query.error instanceof ApiError && query.error.status === 404
        ? 'Rules are not available on this server yet.'
        : 'Could not load rules.'
      : null);
  const now = Date.now();
  const remove = async (id: string) => {
    try {
      await call(API.removeRule, { params: { id } });
      setRemoveError(null);
      await rulesChanged();
    } catch (e) {
      setRemoveError(e instanceof Error ? e.message : 'Could not remove the rule.');
    }
  };
  return (
    <Panel title="Suppression rules">
      {error ? <p className="empty">{error}</p> : null}
      {rules && rules.length === 0 ? <p className="empty">No suppression rules.</p> : null}
      {rules && rules.length > 0 ? (
        <table className="table rules">
          <thead>
            <tr>
              <th scope="col">Matches</th>
              <th scope="col">Reason</th>
              <th scope="col">Author</th>
              <th scope="col">Expires</th>
              {canAct ? (
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td className="wrap mono">
                  {[
                    r.entity && `entity ${r.entity}`,
                    r.detector && `detector ${r.detector}`,
                    r.segment && `segment ${r.segment}`,
                  ]
                    .filter(Boolean)
                    .join(' · ') || 'everything'}
                </td>
                <td className="wrap">{r.reason}</td>
                <td>{r.author ?? '—'}</td>
                <td>
                  {formatClock(r.expiresAt)} UTC (
                  {r.expiresAt > now ? `in ${formatAge(r.expiresAt - now)}` : 'expired'})
                </td>
                {canAct ? (
                  <td>
                    <button type="button" className="btn btn--small" onClick={() => void remove(r.id)}>
                      Remove
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Panel>
  );
}

/** Create a rule from an alert: which of entity / detector / segment to match, a reason, a required expiry. */
export function RuleForm({ alert, onDone }: { alert: Alert; onDone(): void }) {
  const [useEntity, setUseEntity] = useState(true);
  const [useDetector, setUseDetector] = useState(true);
  const [useSegment, setUseSegment] = useState(false);
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState(24);
  const [error, setError] = useState<string | null>(null);
  const rulesChanged = useRulesChanged();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError('A reason is required.');
    if (!useEntity && !useDetector && !useSegment)
      return setError('Match at least one of entity, detector, segment.');
    try {
      await call(API.addRule, {
        body: {
          ...(useEntity ? { entity: alert.entity.id } : {}),
          ...(useDetector ? { detector: alert.detector } : {}),
          ...(useSegment ? { segment: alert.segment } : {}),
          reason: reason.trim(),
          expiresAt: Date.now() + hours * 3_600_000,
        },
      });
      void rulesChanged();
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not create the rule.');
    }
  };
  return (
    <form className="ruleform" onSubmit={submit} aria-label="New suppression rule">
      <fieldset>
        <legend>Suppress future alerts matching</legend>
        <label>
          <input type="checkbox" checked={useEntity} onChange={(e) => setUseEntity(e.target.checked)} />{' '}
          entity <span className="mono">{alert.entity.id}</span>
        </label>
        <label>
          <input type="checkbox" checked={useDetector} onChange={(e) => setUseDetector(e.target.checked)} />{' '}
          detector {alert.detector}
        </label>
        <label>
          <input type="checkbox" checked={useSegment} onChange={(e) => setUseSegment(e.target.checked)} />{' '}
          segment {alert.segment}
        </label>
      </fieldset>
      <label className="field">
        <span className="field__label">Reason (required)</span>
        <input className="field__input" value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      <label className="field">
        <span className="field__label">Expires after (required)</span>
        <select className="field__input" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          <option value={4}>4 hours</option>
          <option value={24}>1 day</option>
          <option value={168}>7 days</option>
          <option value={720}>30 days</option>
        </select>
      </label>
      <div className="dialog__error" role="alert">
        {error}
      </div>
      <div className="dialog__buttons">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn--primary">
          Create rule
        </button>
      </div>
    </form>
  );
}

/** The rule a false-positive resolve suggests, created in one click (leads; the server checks again). */
export function SuggestedRuleOffer({ rule, onDone }: { rule: SuggestedRule; onDone(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rulesChanged = useRulesChanged();
  const create = async () => {
    setBusy(true);
    try {
      await call(API.addRule, { body: rule });
      void rulesChanged();
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not create the rule.');
      setBusy(false);
    }
  };
  return (
    <section className="suggestion" aria-label="Suggested suppression rule">
      <p className="suggestion__text">
        Suppress <span className="mono wrap">{rule.entity}</span> · {rule.detector} · segment {rule.segment}{' '}
        until {formatDateTime(rule.expiresAt).slice(0, 16)} UTC (in {formatAge(rule.expiresAt - Date.now())})?
      </p>
      <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void create()}>
        Create rule
      </button>
      <button type="button" className="btn" onClick={onDone}>
        Dismiss
      </button>
      {error ? (
        <p className="dialog__error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
