/** @module The charts' time window: the live buffer holds 15 min; longer windows add history from `/api/series`. */

export const RANGES = [
  { ms: 300_000, label: '5 min' },
  { ms: 900_000, label: '15 min' },
  { ms: 3_600_000, label: '1 h' },
  { ms: 21_600_000, label: '6 h' },
] as const;

export function RangePicker({ value, onChange }: { value: number; onChange(ms: number): void }) {
  return (
    <fieldset className="range">
      <legend className="visually-hidden">Time window of the charts</legend>
      {RANGES.map((r) => (
        <button
          key={r.ms}
          type="button"
          className="range__btn"
          aria-pressed={value === r.ms}
          onClick={() => onChange(r.ms)}
        >
          {r.label}
        </button>
      ))}
    </fieldset>
  );
}
