/**
 * @module Admin: the processes sharing this Redis (`WF_ROLES`) with their roles, partitions and heartbeats, and each
 * partition's scorer, lag and snapshot age. A partition without an owner is flagged: its segments show stale figures
 * until a scorer takes it over.
 */
import { useQuery } from '@tanstack/react-query';
import { Panel } from '../../components/Panel.js';
import { API, call, routeKey } from '../../lib/api.js';

const count = (n: number) => n.toLocaleString('en-US');
const age = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

export function ClusterPanel() {
  const query = useQuery({
    queryKey: routeKey(API.cluster),
    queryFn: ({ signal }) => call(API.cluster, {}, { signal }),
    refetchInterval: 2000,
  });
  const c = query.data;
  const orphans = c?.partitions.filter((p) => p.owner === null).length ?? 0;
  return (
    <Panel
      title={
        c
          ? `Processes · ${c.members.length} ${c.members.length === 1 ? 'process' : 'processes'}${
              c.partitions.length ? `, ${c.partitions.length} partitions` : ''
            }`
          : 'Processes'
      }
      className="admin__panel"
    >
      {query.error ? (
        <p className="error" role="alert">
          Could not load the processes.
        </p>
      ) : null}
      {c && orphans > 0 ? (
        <p className="notice" role="status">
          {orphans} {orphans === 1 ? 'partition has' : 'partitions have'} no scorer:{' '}
          {orphans === 1 ? 'its' : 'their'} segments show their last figures, marked stale.
        </p>
      ) : null}
      {c ? (
        <div className="admin__scroll">
          <table className="table admin__table" data-testid="cluster-members">
            <caption className="visually-hidden">Processes and their last heartbeat</caption>
            <thead>
              <tr>
                <th scope="col">Process</th>
                <th scope="col">Roles</th>
                <th scope="col">Partitions</th>
                <th scope="col" className="num">
                  Events/s
                </th>
                <th scope="col" className="num">
                  Last seen
                </th>
              </tr>
            </thead>
            <tbody>
              {c.members.map((m) => (
                <tr key={m.id} data-member={m.id}>
                  <td className="mono wrap">{m.id}</td>
                  <td>{m.roles.join(', ')}</td>
                  <td className="mono wrap">{m.partitions.length ? m.partitions.join(' ') : '—'}</td>
                  <td className="num">{count(m.eventsPerSec)}</td>
                  <td className="num">{age(Math.max(0, Date.now() - m.lastSeen))} ago</td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.partitions.length ? (
            <table className="table admin__table" data-testid="cluster-partitions">
              <caption className="visually-hidden">Partitions, their scorer, lag and snapshot age</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Partition
                  </th>
                  <th scope="col">Scorer</th>
                  <th scope="col" className="num">
                    Lag (entries)
                  </th>
                  <th scope="col" className="num">
                    Snapshot age
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.partitions.map((p) => (
                  <tr key={p.n} data-partition={p.n}>
                    <td className="num">{p.n}</td>
                    <td className="mono wrap">
                      {p.owner ?? <span className="tag tag--bad">✕ no scorer</span>}
                    </td>
                    <td className="num">{count(p.lag)}</td>
                    <td className="num">{p.snapshotAge === null ? '—' : age(p.snapshotAge)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">One process runs every role (WF_ROLES unset): nothing is partitioned.</p>
          )}
        </div>
      ) : null}
    </Panel>
  );
}
