/** @module A UTC date and time as the tables print it (`2026-12-06 13:22:06`): it may break between the date and the time, never inside the date. */
import { formatDateTime } from '../lib/format.js';

export function DateTime({ at }: { at: number }) {
  const [date, time] = formatDateTime(at).split(' ');
  return (
    <time dateTime={new Date(at).toISOString()}>
      <span className="nowrap">{date}</span> <span className="nowrap">{time}</span>
    </time>
  );
}
