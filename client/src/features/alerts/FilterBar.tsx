/** The alert queue's filters: state, segment, detector, owner, ATT&CK technique and tactic, grouping. Every value lives in the URL. */
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
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label className="filter">
        <span>State</span>
        <select
          name="state"
          value={filters.state}
          onChange={(e) => onChange({ state: e.target.value as QueueFilters['state'] })}
        >
          <option value="active">Open + acknowledged</option>
          <option value="open">Open</option>
          <option value="acknowledged">Acknowledged</option>
          <option value="resolved">Resolved</option>
          <option value="all">All</option>
        </select>
      </label>
      <ValueSelect
        label="Segment"
        name="segment"
        values={values.segments}
        value={filters.segment}
        onChange={(segment) => onChange({ segment })}
      />
      <ValueSelect
        label="Detector"
        name="detector"
        values={values.detectors}
        value={filters.detector}
        onChange={(detector) => onChange({ detector })}
      />
      <ValueSelect
        label="Technique"
        name="technique"
        values={values.techniques ?? []}
        value={filters.technique}
        onChange={(technique) => onChange({ technique })}
      />
      <ValueSelect
        label="Tactic"
        name="tactic"
        values={values.tactics ?? []}
        value={filters.tactic}
        onChange={(tactic) => onChange({ tactic })}
      />
      <label className="filter">
        <span>Owner</span>
        <select name="owner" value={filters.owner} onChange={(e) => onChange({ owner: e.target.value })}>
          <option value="">Anyone</option>
          <option value="-">Unowned</option>
          {withCurrent(owners, filters.owner === '-' ? '' : filters.owner).map((s) => (
            <option key={s} value={s}>
              {s === me ? `${s} (me)` : s}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Group by</span>
        <select
          name="group"
          value={filters.group}
          onChange={(e) => onChange({ group: e.target.value as QueueFilters['group'] })}
        >
          <option value="none">No grouping</option>
          <option value="segment">Segment</option>
          <option value="detector">Detector</option>
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
}

/** A filter over the values present in the queue ("All" first); a value from the URL stays selectable. */
function ValueSelect({ label, name, values, value, onChange }: ValueSelectProps) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {withCurrent(values, value).map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}
