/** @module The charts' time window: the live buffer holds 15 min; longer windows add history from `/api/series`. */

export const RANGES = [
  { ms: 300_000, label: () => t('unit.minutes', { n: 5 }) },
  { ms: 900_000, label: () => t('unit.minutes', { n: 15 }) },
  { ms: 3_600_000, label: () => t('unit.hours', { n: 1 }) },
  { ms: 21_600_000, label: () => t('unit.hours', { n: 6 }) },
] as const;

import { t } from '../../i18n/index.js';

export function RangePicker({ value, onChange }: { value: number; onChange(ms: number): void }) {
  return (
    <fieldset className="range">
      <legend className="visually-hidden">{t('chart.window')}</legend>
      {RANGES.map((r) => (
        <button
          key={r.ms}
          type="button"
          className="range__btn"
          aria-pressed={value === r.ms}
          onClick={() => onChange(r.ms)}
        >
          {r.label()}
        </button>
      ))}
    </fieldset>
  );
}
