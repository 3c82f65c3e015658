/**
 * @module `/attack`: the ATT&CK matrix of the alerts seen in a chosen period (1 h, 24 h, 7 d), per segment (all, or
 * one), each cell linking to the alert queue filtered to its segment and technique. Both choices live in the URL.
 */
import { useMemo } from 'react';
import { Panel } from '../components/Panel.js';
import { AttackMatrix } from '../features/attack-matrix/AttackMatrix.js';
import { buildMatrix, PERIODS, type Period } from '../features/attack-matrix/matrix.js';
import { useAttackAlerts } from '../features/attack-matrix/useAttackAlerts.js';
import { useNow } from '../hooks/useNow.js';
import { navigate, useLocation } from '../lib/router.js';
import '../styles/attack.css';
import { t } from '../i18n/index.js';

const isPeriod = (p: string | null): p is Period => p !== null && p in PERIODS;

export default function Attack() {
  const { search } = useLocation();
  const q = new URLSearchParams(search);
  const period: Period = isPeriod(q.get('period')) ? (q.get('period') as Period) : '24h';
  const segment = q.get('segment') ?? '';
  const now = useNow(60_000);
  const from = now - PERIODS[period];
  const query = useAttackAlerts(from);
  const alerts = query.data?.alerts;
  const matrix = useMemo(() => buildMatrix(alerts ?? [], from, now, segment), [alerts, from, now, segment]);
  const segments = useMemo(() => [...new Set((alerts ?? []).map((a) => a.segment))].sort(), [alerts]);
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams({ period, segment, ...patch });
    if (!next.get('segment')) next.delete('segment');
    navigate(`/attack?${next}`, { replace: true });
  };
  return (
    <main className="page" id="main">
      <h1 className="page__title">ATT&amp;CK</h1>
      <form className="filters" aria-label={t('attack.matrix')} onSubmit={(e) => e.preventDefault()}>
        <label className="filter">
          <span>{t('attack.period')}</span>
          <select name="period" value={period} onChange={(e) => set({ period: e.target.value })}>
            <option value="1h">{t('attack.lastHour')}</option>
            <option value="24h">{t('attack.last24h')}</option>
            <option value="7d">{t('attack.last7d')}</option>
          </select>
        </label>
        <label className="filter">
          <span>{t('col.segment')}</span>
          <select name="segment" value={segment} onChange={(e) => set({ segment: e.target.value })}>
            <option value="">{t('filter.all')}</option>
            {(segments.includes(segment) || !segment ? segments : [...segments, segment]).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Panel title={t('attack.title', { count: matrix.alerts })}>
        {query.error ? <p className="empty">{t('alerts.loadFailed')}</p> : null}
        {alerts ? (
          <AttackMatrix matrix={matrix} />
        ) : query.error ? null : (
          <p className="empty">{t('app.loading')}</p>
        )}
      </Panel>
    </main>
  );
}
