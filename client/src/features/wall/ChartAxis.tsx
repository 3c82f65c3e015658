/** @module The time axis under the wall's five-minute charts. */
export function ChartAxis() {
  return (
    <div className="wchart__axis" aria-hidden="true">
      <span>5 min ago</span>
      <span>now</span>
    </div>
  );
}
