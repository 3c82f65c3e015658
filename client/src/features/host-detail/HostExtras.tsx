/**
 * @module The host's alerts (`GET /api/hosts/:ip`, kept current from the live store) and its notes (list, and a
 * form that posts to `POST /api/hosts/:ip/notes`). Note text is attacker-reachable: rendered as text only.
 */
import { type FormEvent, useState } from 'react';
import type { Alert } from '../../../../shared/schemas/alert.js';
import type { HostNote } from '../../../../shared/schemas/api.js';
import { Link } from '../../components/Link.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { useNow } from '../../hooks/useNow.js';
import { t } from '../../i18n/index.js';
import { errorText } from '../../i18n/server-text.js';
import { detectorName } from '../../labels/detectors.js';
import { API, call } from '../../lib/api.js';
import { formatClock, formatDateTime } from '../../lib/format.js';
import { alertHref } from '../../lib/paths.js';
import { ApiError } from '../../lib/request.js';
import { StateCell } from '../alerts/AlertTable.js';

/** The fetched alerts, each replaced by the live store's copy when that is newer; live ones the fetch missed too. */
export function mergeHostAlerts(
  ip: string,
  fetched: readonly Alert[],
  live: ReadonlyMap<string, Alert>,
): Alert[] {
  const byId = new Map<string, Alert>();
  for (const a of fetched) byId.set(a.id, a);
  for (const a of live.values()) {
    if (a.entity.type !== 'host' || a.entity.id !== ip) continue;
    const had = byId.get(a.id);
    if (!had || a.version >= had.version) byId.set(a.id, a);
  }
  return [...byId.values()].sort(
    (a, b) => Number(a.state === 'resolved') - Number(b.state === 'resolved') || b.lastSeen - a.lastSeen,
  );
}

export function HostAlerts({ ip, fetched }: { ip: string; fetched: readonly Alert[] }) {
  const alerts = useLiveSelector((s) => s.alerts);
  const now = useNow(5_000);
  const mine = mergeHostAlerts(ip, fetched, alerts);
  if (mine.length === 0) return <p className="empty">{t('host.noAlerts')}</p>;
  return (
    <ul className="feed">
      {mine.map((a) => (
        <li key={a.id} className="feed__item">
          <SeverityBadge severity={a.severity} short />
          <Link to={alertHref(a.id)}>
            {detectorName(a.detector)} · {a.segment}
          </Link>
          {/* the queue's words: standing, who, escalated, snoozed */}
          <StateCell alert={a} now={now} />
          <span className="muted">{t('host.lastAt', { clock: formatClock(a.lastSeen) })}</span>
        </li>
      ))}
    </ul>
  );
}

export function HostNotes({
  ip,
  notes,
  onAdded,
}: {
  ip: string;
  notes: readonly HostNote[];
  onAdded(note: HostNote): void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = text.trim();
    if (!typed || busy) return;
    setBusy(true);
    try {
      onAdded((await call(API.addHostNote, { params: { ip }, body: { text: typed } })).note);
      setText('');
      setError(null);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? t('host.noteFailedWith', { reason: errorText(err, '') })
          : t('host.noteFailed'),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <form className="notes-form" onSubmit={submit}>
        <label className="visually-hidden" htmlFor="host-note">
          {t('host.noteLabel')}
        </label>
        <input
          id="host-note"
          className="field__input"
          value={text}
          maxLength={4000}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('host.notePlaceholder')}
        />
        <button type="submit" className="btn" disabled={busy || !text.trim()}>
          {t('host.addNote')}
        </button>
      </form>
      <div className="dialog__error" role="alert">
        {error}
      </div>
      {notes.length === 0 ? <p className="empty">{t('host.noNotes')}</p> : null}
      <ul className="notes" aria-label={t('host.notesList')}>
        {notes.map((n) => (
          <li key={`${n.at}\u0000${n.author}\u0000${n.text.slice(0, 64)}`} className="notes__item">
            <span className="muted">{formatDateTime(n.at)} UTC</span> <strong>{n.author}</strong>{' '}
            <span className="wrap">{n.text}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
