/** @module How much history the live charts show. */

export const RANGES = [
  { ms: 60_000, label: '1 min' },
  { ms: 300_000, label: '5 min' },
  { ms: 900_000, label: '15 min' },
] as const;

export function RangePicker({ value, onChange }: { value: number; onChange(ms: number): void }) {
  return (
    <fieldset className="range">
      <legend className="visually-hidden">Time range of the live charts</legend>
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
