/**
 * @module Admin: the processes sharing this Redis (`WF_ROLES`) with their roles, partitions and heartbeats, and each
 * partition's scorer, lag and snapshot age; each process's event rate since this page opened, explored as a chart.
 * A partition without an owner is flagged: its segments show stale figures until a scorer takes it over.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ProcessRole } from '../../../../shared/schemas/cluster.js';
import { Panel } from '../../components/Panel.js';
import { t } from '../../i18n/index.js';
import { API, call, routeKey } from '../../lib/api.js';
import { formatCount } from '../../lib/format.js';
import { SampledRateChart } from '../history/SampledRateChart.js';

/** Processes drawn at once in the rate chart: the busiest now. */
const SHOWN = 8;

/** A process role in words (WF_ROLES keeps its English names). */
const ROLE_WORD: Record<ProcessRole, () => string> = {
  ingest: () => t('cluster.role.ingest'),
  score: () => t('cluster.role.score'),
  web: () => t('cluster.role.web'),
};
const age = (ms: number) =>
  t('cluster.seconds', { n: ms < 10_000 ? (ms / 1000).toFixed(1) : formatCount(Math.round(ms / 1000)) });

export function ClusterPanel() {
  const query = useQuery({
    queryKey: routeKey(API.cluster),
    queryFn: ({ signal }) => call(API.cluster, {}, { signal }),
    refetchInterval: 2000,
  });
  const c = query.data;
  const members = c?.members;
  const rates = useMemo(
    () => (members ?? []).map((m) => ({ name: m.id, eventsPerSec: m.eventsPerSec })),
    [members],
  );
  const orphans = c?.partitions.filter((p) => p.owner === null).length ?? 0;
  return (
    <Panel
      title={
        c
          ? t(c.partitions.length ? 'cluster.titleSplit' : 'cluster.titleOne', {
              processes: t('cluster.processes', { count: c.members.length }),
              partitions: t('cluster.partitionCount', { count: c.partitions.length }),
            })
          : t('admin.cluster')
      }
      className="admin__panel"
    >
      {query.error ? (
        <p className="error" role="alert">
          {t('cluster.loadFailed')}
        </p>
      ) : null}
      {c && orphans > 0 ? (
        <p className="notice" role="status">
          {t('cluster.orphans', { count: orphans })}
        </p>
      ) : null}
      {c ? (
        <div className="admin__scroll">
          <table className="table admin__table" data-testid="cluster-members">
            <caption className="visually-hidden">{t('cluster.membersCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cluster.process')}</th>
                <th scope="col">{t('cluster.roles')}</th>
                <th scope="col">{t('cluster.partitions')}</th>
                <th scope="col" className="num">
                  {t('cluster.eventsPerSec')}
                </th>
                <th scope="col" className="num">
                  {t('cluster.lastSeen')}
                </th>
              </tr>
            </thead>
            <tbody>
              {c.members.map((m) => (
                <tr key={m.id} data-member={m.id}>
                  <td className="mono wrap">{m.id}</td>
                  <td>{m.roles.map((r) => ROLE_WORD[r]()).join(', ')}</td>
                  <td className="mono wrap">{m.partitions.length ? m.partitions.join(' ') : '—'}</td>
                  <td className="num">{formatCount(m.eventsPerSec)}</td>
                  <td className="num">
                    {t('cluster.ago', { age: age(Math.max(0, Date.now() - m.lastSeen)) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <SampledRateChart
            rates={rates}
            at={query.dataUpdatedAt}
            shown={SHOWN}
            testId="cluster-rates"
            intro={(n, total) => t('cluster.ratesIntro', { n, total })}
            label={t('cluster.ratesLabel')}
          />
          {c.partitions.length ? (
            <table className="table admin__table" data-testid="cluster-partitions">
              <caption className="visually-hidden">{t('cluster.partitionsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('cluster.partition')}
                  </th>
                  <th scope="col">{t('cluster.scorer')}</th>
                  <th scope="col" className="num">
                    {t('cluster.lag')}
                  </th>
                  <th scope="col" className="num">
                    {t('cluster.snapshotAge')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.partitions.map((p) => (
                  <tr key={p.n} data-partition={p.n}>
                    <td className="num">{p.n}</td>
                    <td className="mono wrap">
                      {p.owner ?? <span className="tag tag--bad">{t('cluster.noScorer')}</span>}
                    </td>
                    <td className="num">{formatCount(p.lag)}</td>
                    <td className="num">{p.snapshotAge === null ? '—' : age(p.snapshotAge)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">{t('cluster.single')}</p>
          )}
        </div>
      ) : null}
    </Panel>
  );
}
