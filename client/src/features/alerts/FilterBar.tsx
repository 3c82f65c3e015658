/** The alert queue's filters: state, segment, detector, owner, ATT&CK technique and tactic, grouping. Every value lives in the URL. */

import { tacticName, techniqueLabel } from '../../../../shared/attack.js';
import { t } from '../../i18n/index.js';
import { detectorName } from '../../labels/detectors.js';
import type { QueueFilters } from './queue.js';

export interface FilterBarProps {
  filters: QueueFilters;
  values: {
    segments: string[];
    detectors: string[];
    owners: string[];
    techniques?: string[];
    tactics?: string[];
  };
  me: string;
  onChange(patch: Partial<QueueFilters>): void;
}

export function FilterBar({ filters, values, me, onChange }: FilterBarProps) {
  const owners = [...new Set([me, ...values.owners])].filter(Boolean);
  return (
    <form className="filters" aria-label={t('filter.title')} onSubmit={(e) => e.preventDefault()}>
      <label className="filter">
        <span>{t('col.state')}</span>
        <select
          name="state"
          value={filters.state}
          onChange={(e) => onChange({ state: e.target.value as QueueFilters['state'] })}
        >
          <option value="active">{t('filter.active')}</option>
          <option value="open">{t('filter.open')}</option>
          <option value="snoozed">{t('filter.snoozed')}</option>
          <option value="acknowledged">{t('filter.acknowledged')}</option>
          <option value="resolved">{t('filter.resolved')}</option>
          <option value="all">{t('filter.all')}</option>
        </select>
      </label>
      <ValueSelect
        label={t('col.segment')}
        name="segment"
        values={values.segments}
        value={filters.segment}
        onChange={(segment) => onChange({ segment })}
      />
      <ValueSelect
        label={t('col.detector')}
        name="detector"
        values={values.detectors}
        show={detectorName}
        value={filters.detector}
        onChange={(detector) => onChange({ detector })}
      />
      <ValueSelect
        label={t('filter.technique')}
        name="technique"
        values={values.techniques ?? []}
        show={techniqueLabel}
        value={filters.technique}
        onChange={(technique) => onChange({ technique })}
      />
      <ValueSelect
        label={t('filter.tactic')}
        name="tactic"
        values={values.tactics ?? []}
        show={tacticName}
        value={filters.tactic}
        onChange={(tactic) => onChange({ tactic })}
      />
      <label className="filter">
        <span>{t('filter.owner')}</span>
        <select name="owner" value={filters.owner} onChange={(e) => onChange({ owner: e.target.value })}>
          <option value="">{t('filter.anyone')}</option>
          <option value="-">{t('filter.unowned')}</option>
          {withCurrent(owners, filters.owner === '-' ? '' : filters.owner).map((s) => (
            <option key={s} value={s}>
              {s === me ? t('filter.me', { name: s }) : s}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t('filter.groupBy')}</span>
        <select
          name="group"
          value={filters.group}
          onChange={(e) => onChange({ group: e.target.value as QueueFilters['group'] })}
        >
          <option value="none">{t('filter.noGrouping')}</option>
          <option value="segment">{t('col.segment')}</option>
          <option value="detector">{t('col.detector')}</option>
        </select>
      </label>
    </form>
  );
}

function withCurrent(list: string[], current: string): string[] {
  return current && !list.includes(current) ? [...list, current] : list;
}

interface ValueSelectProps {
  label: string;
  name: string;
  values: string[];
  value: string;
  onChange(value: string): void;
  /** How a value is printed (a detector's name); as it is by default. */
  show?: (value: string) => string;
}

/** A filter over the values present in the queue ("All" first); a value from the URL stays selectable. */
function ValueSelect({ label, name, values, value, onChange, show = (v) => v }: ValueSelectProps) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('filter.all')}</option>
        {withCurrent(values, value).map((s) => (
          <option key={s} value={s}>
            {show(s)}
          </option>
        ))}
      </select>
    </label>
  );
}
