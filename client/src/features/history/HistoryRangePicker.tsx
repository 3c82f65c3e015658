/** @module The history window of an explored chart: 1 h, 6 h or 24 h. */
import { t } from '../../i18n/index.js';
import { HISTORY_RANGES, rangeLabel } from './history-rows.js';

const TEXT = {
  get legend() {
    return t('explore.rangeLegend');
  },
};

export function HistoryRangePicker({ value, onChange }: { value: number; onChange(ms: number): void }) {
  return (
    <fieldset className="range">
      <legend className="visually-hidden">{TEXT.legend}</legend>
      {HISTORY_RANGES.map((r) => (
        <button
          key={r.ms}
          type="button"
          className="range__btn"
          aria-pressed={value === r.ms}
          onClick={() => onChange(r.ms)}
        >
          {rangeLabel(r.ms)}
        </button>
      ))}
    </fieldset>
  );
}
