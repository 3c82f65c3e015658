/** @module Suppression rules: listed with reason, author and expiry; removable; created from an alert or a false positive's suggestion. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Alert } from '../../../../shared/schemas/alert.js';
import type { SuggestedRule } from '../../../../shared/schemas/rules.js';
import { Panel } from '../../components/Panel.js';
import { t } from '../../i18n/index.js';
import { errorText } from '../../i18n/server-text.js';
import { detectorName } from '../../labels/detectors.js';
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
        ? t('rules.unavailable')
        : t('rules.loadFailed')
      : null);
  const now = Date.now();
  const remove = async (id: string) => {
    try {
      await call(API.removeRule, { params: { id } });
      setRemoveError(null);
      await rulesChanged();
    } catch (e) {
      setRemoveError(errorText(e, t('rules.removeFailed')));
    }
  };
  return (
    <Panel title={t('rules.title')}>
      {error ? <p className="empty">{error}</p> : null}
      {rules && rules.length === 0 ? <p className="empty">{t('rules.none')}</p> : null}
      {rules && rules.length > 0 ? (
        <table className="table rules">
          <thead>
            <tr>
              <th scope="col">{t('rules.matches')}</th>
              <th scope="col">{t('rules.reason')}</th>
              <th scope="col">{t('rules.author')}</th>
              <th scope="col">{t('rules.expires')}</th>
              {canAct ? (
                <th scope="col">
                  <span className="visually-hidden">{t('account.remove')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td className="wrap mono">
                  {[
                    r.entity && t('rules.entity', { value: r.entity }),
                    r.detector && t('rules.detector', { value: detectorName(r.detector) }),
                    r.segment && t('rules.segment', { value: r.segment }),
                  ]
                    .filter(Boolean)
                    .join(' · ') || t('rules.everything')}
                </td>
                <td className="wrap">{r.reason}</td>
                <td>{r.author ?? '—'}</td>
                <td>
                  {r.expiresAt > now
                    ? t('rules.expiresIn', {
                        clock: formatClock(r.expiresAt),
                        age: formatAge(r.expiresAt - now),
                      })
                    : t('rules.expired', { clock: formatClock(r.expiresAt) })}
                </td>
                {canAct ? (
                  <td>
                    <button type="button" className="btn btn--small" onClick={() => void remove(r.id)}>
                      {t('account.remove')}
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
    if (!reason.trim()) return setError(t('rules.reasonRequired'));
    if (!useEntity && !useDetector && !useSegment) return setError(t('rules.matchOne'));
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
      setError(errorText(err, t('rules.createFailed')));
    }
  };
  return (
    <form className="ruleform" onSubmit={submit} onInput={() => setError(null)} aria-label={t('rules.new')}>
      <fieldset>
        <legend>{t('rules.suppressMatching')}</legend>
        <label>
          <input type="checkbox" checked={useEntity} onChange={(e) => setUseEntity(e.target.checked)} />{' '}
          {t('rules.entityWord')} <span className="mono">{alert.entity.id}</span>
        </label>
        <label>
          <input type="checkbox" checked={useDetector} onChange={(e) => setUseDetector(e.target.checked)} />{' '}
          {t('rules.detector', { value: detectorName(alert.detector) })}
        </label>
        <label>
          <input type="checkbox" checked={useSegment} onChange={(e) => setUseSegment(e.target.checked)} />{' '}
          {t('rules.segment', { value: alert.segment })}
        </label>
      </fieldset>
      <label className="field">
        <span className="field__label">{t('rules.reasonLabel')}</span>
        <input className="field__input" value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      <label className="field">
        <span className="field__label">{t('rules.expiresLabel')}</span>
        <select className="field__input" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          <option value={4}>{t('duration.hours', { count: 4 })}</option>
          <option value={24}>{t('duration.days', { count: 1 })}</option>
          <option value={168}>{t('duration.days', { count: 7 })}</option>
          <option value={720}>{t('duration.days', { count: 30 })}</option>
        </select>
      </label>
      <div className="dialog__error" role="alert">
        {error}
      </div>
      <div className="dialog__buttons">
        <button type="button" className="btn" onClick={onDone}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn--primary">
          {t('rules.create')}
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
      setError(errorText(err, t('rules.createFailed')));
      setBusy(false);
    }
  };
  return (
    <section className="suggestion" aria-label={t('rules.suggested')}>
      <p className="suggestion__text">
        {t('rules.suppress')} <span className="mono wrap">{rule.entity}</span> ·{' '}
        {t('rules.suggestion', {
          detector: detectorName(rule.detector),
          segment: rule.segment,
          until: formatDateTime(rule.expiresAt).slice(0, 16),
          age: formatAge(rule.expiresAt - Date.now()),
        })}
      </p>
      <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void create()}>
        {t('rules.create')}
      </button>
      <button type="button" className="btn" onClick={onDone}>
        {t('rules.dismiss')}
      </button>
      {error ? (
        <p className="dialog__error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
