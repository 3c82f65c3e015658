/**
 * @module Admin: the dead-letter queue — filter by reason, page through (newest first), read each raw entry as
 * text, and re-queue a selection or every entry of a reason to its source after a fix.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Panel } from '../../components/Panel.js';
import { t } from '../../i18n/index.js';
import { serverText } from '../../i18n/server-text.js';
import { dlqReason } from '../../labels/dlq.js';
import { formatDateTime } from '../../lib/format.js';
import {
  adminApi,
  type DlqPage,
  errorText,
  REJECT_REASONS,
  type RejectReason,
  type RequeueResult,
} from './admin-api.js';

const PAGE_SIZE = 20;

export function DlqPanel() {
  const [reason, setReason] = useState<RejectReason | ''>('');
  /** Cursors of the pages before the current one (for "Newer"); the current page's cursor last. */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [actionError, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<RequeueResult | null>(null);
  const [confirmReason, setConfirmReason] = useState(false);
  const cursor = cursors[cursors.length - 1];
  const query = useQuery({
    queryKey: ['admin', 'dlq', reason, cursor],
    queryFn: ({ signal }) => adminApi.dlq({ reason: reason || undefined, cursor, limit: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const page: DlqPage | null = query.data ?? null;
  const error = actionError ?? (query.error ? errorText(query.error, t('dlq.loadFailed')) : null);
  const { refetch } = query;
  const reload = () => void refetch();
  const changeReason = (r: RejectReason | '') => {
    setReason(r);
    setCursors([undefined]);
    setSelected(new Set());
    setConfirmReason(false);
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const requeue = async (selection: { ids: string[] } | { reason: RejectReason }) => {
    try {
      setResult(await adminApi.requeue(selection));
      setSelected(new Set());
      setConfirmReason(false);
      setError(null);
      setCursors([undefined]);
      reload();
    } catch (e) {
      setError(errorText(e, t('dlq.requeueFailed')));
    }
  };

  const items = page?.items ?? [];
  const allOnPage = items.length > 0 && items.every((i) => selected.has(i.id));
  return (
    <Panel
      title={t('admin.dlq')}
      className="admin__panel"
      actions={<span className="panel__caption">{page ? t('dlq.total', { count: page.total }) : ''}</span>}
    >
      <div className="admin__row admin__toolbar">
        <label className="field field--inline">
          <span className="field__label">{t('rules.reason')}</span>
          <select
            className="field__input"
            value={reason}
            onChange={(e) => changeReason(REJECT_REASONS.find((r) => r === e.target.value) ?? '')}
            name="dlq-reason"
          >
            <option value="">{t('dlq.allReasons')}</option>
            {REJECT_REASONS.map((r) => (
              <option key={r} value={r}>
                {dlqReason(r)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          disabled={selected.size === 0}
          onClick={() => void requeue({ ids: [...selected] })}
        >
          {t('dlq.requeueSelected', { n: selected.size })}
        </button>
        {reason ? (
          confirmReason ? (
            <>
              <button type="button" className="btn btn--danger" onClick={() => void requeue({ reason })}>
                {t('dlq.confirmAll', { reason: dlqReason(reason) })}
              </button>
              <button type="button" className="btn" onClick={() => setConfirmReason(false)}>
                {t('action.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="btn" onClick={() => setConfirmReason(true)}>
              {t('dlq.requeueAll', { reason: dlqReason(reason) })}
            </button>
          )
        ) : null}
        <button type="button" className="btn btn--small" onClick={reload}>
          {t('admin.refresh')}
        </button>
      </div>
      <div role="status" className="flash">
        {result
          ? result.failed.length
            ? t('dlq.requeuedSome', { n: result.requeued, count: result.failed.length })
            : t('dlq.requeued', { n: result.requeued })
          : null}
      </div>
      {result && result.failed.length > 0 ? (
        <ul className="admin__list error-text">
          {result.failed.slice(0, 10).map((f) => (
            <li key={f.id}>
              <span className="mono">{f.id}</span>: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div role="alert" className="error-text">
        {error}
      </div>
      {page && items.length === 0 ? (
        <p className="empty">{reason ? t('dlq.noneWith', { reason: dlqReason(reason) }) : t('dlq.none')}</p>
      ) : null}
      {items.length > 0 ? (
        <table className="table admin__table dlq">
          <caption className="visually-hidden">{t('dlq.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t('dlq.selectPage')}
                  checked={allOnPage}
                  onChange={() =>
                    setSelected((s) => {
                      const next = new Set(s);
                      for (const i of items)
                        if (allOnPage) next.delete(i.id);
                        else next.add(i.id);
                      return next;
                    })
                  }
                />
              </th>
              <th scope="col">{t('col.timeUtc')}</th>
              <th scope="col">{t('rules.reason')}</th>
              <th scope="col">{t('dlq.source')}</th>
              <th scope="col">{t('col.detail')}</th>
              <th scope="col">{t('dlq.raw')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} className={selected.has(i.id) ? 'queue__row--selected' : ''}>
                <td>
                  <input
                    type="checkbox"
                    checked={selected.has(i.id)}
                    onChange={() => toggle(i.id)}
                    aria-label={t('dlq.selectEntry', { id: i.id })}
                  />
                </td>
                <td>{formatDateTime(i.at)}</td>
                <td>
                  <span className="tag">{dlqReason(i.reason)}</span>
                </td>
                <td className="mono wrap">
                  {i.source}
                  <div className="muted">{i.entryId}</div>
                </td>
                <td className="wrap">{serverText(i, i.detail)}</td>
                <td className="dlq__raw">
                  {i.raw.length > 160 ? (
                    <details>
                      <summary className="mono wrap">{i.raw.slice(0, 160)}…</summary>
                      <pre className="mono wrap">{i.raw}</pre>
                    </details>
                  ) : (
                    <pre className="mono wrap">{i.raw}</pre>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <nav className="admin__row admin__pager" aria-label={t('dlq.pages')}>
        <button
          type="button"
          className="btn btn--small"
          disabled={cursors.length <= 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          ← {t('host.newer')}
        </button>
        <span className="muted">{t('dlq.page', { n: cursors.length })}</span>
        <button
          type="button"
          className="btn btn--small"
          disabled={!page?.nextCursor}
          onClick={() => page?.nextCursor && setCursors((c) => [...c, page.nextCursor ?? undefined])}
        >
          {t('host.older')} →
        </button>
      </nav>
    </Panel>
  );
}
