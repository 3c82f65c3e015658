/** The alert queue as a table: severity by colour and shape, entity, detector · segment, score, age, state. */
import type { ReactNode } from 'react';
import type { Alert } from '../../../../shared/schemas/alert.js';
import { isSnoozed } from '../../../../shared/schemas/alert.js';
import { AlertScore } from '../../components/AlertScore.js';
import { SegmentName } from '../../components/SegmentName.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { t } from '../../i18n/index.js';
import { STANDING_LABEL } from '../../labels/alerts.js';
import { detectorName } from '../../labels/detectors.js';
import { formatAge } from '../../lib/format.js';
import { seenMark } from '../../lib/seen.js';
import { WatchMark } from '../watch/WatchMark.js';
import { alertStanding, standingPerson } from './counts.js';

/** A group of the queue: its heading (title, counts, group actions) and its alerts. */
export interface AlertTableGroup {
  key: string;
  head: ReactNode;
  rows: readonly Alert[];
}

export interface AlertTableProps {
  /** The alerts, or (grouped) the groups: one table either way, so that every group's columns line up. */
  rows: readonly Alert[] | { groups: readonly AlertTableGroup[] };
  selectedId: string | null;
  checked: ReadonlySet<string>;
  seen: Record<string, number>;
  now: number;
  canAct: boolean;
  onSelect(id: string): void;
  onToggle(id: string): void;
}

export function AlertTable({
  rows,
  selectedId,
  checked,
  seen,
  now,
  canAct,
  onSelect,
  onToggle,
}: AlertTableProps) {
  const row = (a: Alert) => {
    const mark = seenMark(seen[a.id], a.version);
    return (
      <tr
        key={a.id}
        id={`alert-row-${a.id}`}
        className={`queue__row ${a.id === selectedId ? 'queue__row--selected' : ''}`}
        aria-selected={a.id === selectedId}
        data-alert-id={a.id}
        data-state={a.state}
        tabIndex={-1}
        onClick={() => onSelect(a.id)}
      >
        {canAct ? (
          <td>
            <input
              type="checkbox"
              aria-label={t('alerts.selectAlert', { entity: a.entity.id })}
              checked={checked.has(a.id)}
              onClick={(e) => e.stopPropagation()}
              onChange={() => onToggle(a.id)}
            />
          </td>
        ) : null}
        <td>
          <SeverityBadge severity={a.severity} short />
        </td>
        <td>
          <button
            type="button"
            // An address (IPv4 / IPv6) stays on one line; longer (hostile) identifiers still wrap.
            className={`linklike mono ${a.entity.id.length > 39 ? 'wrap' : 'nowrap'}`}
            onClick={() => onSelect(a.id)}
          >
            {a.entity.id}
          </button>
          <WatchMark ip={a.entity.id} />
          {mark ? (
            <span className={`seen seen--${mark}`} title={t('alerts.changedSince')}>
              {mark === 'new' ? t('alerts.new') : t('alerts.changed')}
            </span>
          ) : null}
        </td>
        <td className="queue__detseg" title={`${detectorName(a.detector)} · ${a.segment}`}>
          <span className="nowrap">{detectorName(a.detector)} ·</span> <SegmentName name={a.segment} />
        </td>
        <td className="num nowrap">
          {/* an episode over: its last score is no score now (it read "20 / 98" beside a host at 0) */}
          <AlertScore alert={a} />
        </td>
        <td className="nowrap">{formatAge(now - a.firstSeen)}</td>
        <td className="queue__state">
          <StateCell alert={a} now={now} />
        </td>
      </tr>
    );
  };
  return (
    <table className="table queue">
      <thead>
        <tr>
          {canAct ? (
            <th scope="col">
              <span className="visually-hidden">{t('alerts.select')}</span>
            </th>
          ) : null}
          <th scope="col">{t('col.severity')}</th>
          <th scope="col">{t('col.entity')}</th>
          <th scope="col">{t('col.detectorSegment')}</th>
          <th scope="col" className="num">
            {t('col.score')}
          </th>
          <th scope="col">{t('col.age')}</th>
          <th scope="col">{t('col.state')}</th>
        </tr>
      </thead>
      {'groups' in rows ? (
        rows.groups.map((g) => (
          <tbody key={g.key} className="group">
            <tr className="group__row">
              <th scope="rowgroup" colSpan={canAct ? 7 : 6}>
                {g.head}
              </th>
            </tr>
            {g.rows.map(row)}
          </tbody>
        ))
      ) : (
        <tbody>{rows.map(row)}</tbody>
      )}
    </table>
  );
}

/** An alert's standing in the words the counts use (waiting, snoozed, acknowledged, resolved), its owner and tags. */
export function StateCell({ alert: a, now }: { alert: Alert; now: number }) {
  const standing = alertStanding(a, now);
  const person = standingPerson(a);
  return (
    <span className="state">
      <span className={`state__name state__name--${a.state}`}>{STANDING_LABEL[standing]}</span>
      {person ? <span className="state__owner"> {person}</span> : null}
      {a.escalated ? <span className="tag tag--esc">{t('wall.escalated')}</span> : null}
      {standing !== 'snoozed' && isSnoozed(a, now) ? (
        <span className="tag">{t('standing.snoozed')}</span>
      ) : null}
    </span>
  );
}
