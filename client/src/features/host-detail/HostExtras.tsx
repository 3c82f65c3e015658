/** @module The host's alerts (from the live store) and a note form (`POST /api/hosts/:ip/notes`). */
import { type FormEvent, useState } from 'react';
import { Link } from '../../components/Link.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { api } from '../../lib/api.js';
import { formatClock } from '../../lib/format.js';
import { ApiError } from '../../lib/request.js';

export function HostAlerts({ ip }: { ip: string }) {
  const alerts = useLiveSelector((s) => s.alerts);
  const mine = [...alerts.values()].filter((a) => a.entity.id === ip).sort((a, b) => b.lastSeen - a.lastSeen);
  if (mine.length === 0) return <p className="empty">No alerts for this host.</p>;
  return (
    <ul className="feed">
      {mine.map((a) => (
        <li key={a.id} className="feed__item">
          <SeverityBadge severity={a.severity} short />
          <Link to={`/alerts?state=all&id=${encodeURIComponent(a.id)}`}>
            {a.detector} · {a.segment}
          </Link>
          <span className={`state__name state__name--${a.state}`}>{a.state.toUpperCase()}</span>
          {a.owner ? <span>{a.owner}</span> : null}
          <span className="muted">last {formatClock(a.lastSeen)} UTC</span>
        </li>
      ))}
    </ul>
  );
}

export function HostNotes({ ip }: { ip: string }) {
  const [text, setText] = useState('');
  const [sent, setSent] = useState<{ at: number; text: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    try {
      await api.hostNote(ip, t);
      setSent((s) => [...s, { at: Date.now(), text: t }]);
      setText('');
      setError(null);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 404
          ? 'Host notes are not available on this server yet.'
          : 'Could not save the note.',
      );
    }
  };
  return (
    <>
      {sent.length === 0 ? <p className="empty">No notes added in this session.</p> : null}
      <ul className="notes">
        {sent.map((n) => (
          <li key={n.at}>
            <span className="muted">{formatClock(n.at)}</span> <span className="wrap">{n.text}</span>
          </li>
        ))}
      </ul>
      <form className="notes-form" onSubmit={submit}>
        <label className="visually-hidden" htmlFor="host-note">
          Note about this host
        </label>
        <input
          id="host-note"
          className="field__input"
          value={text}
          maxLength={2000}
          onChange={(e) => setText(e.target.value)}
          placeholder="Add a note about this host"
        />
        <button type="submit" className="btn">
          Add note
        </button>
      </form>
      <div className="dialog__error" role="alert">
        {error}
      </div>
    </>
  );
}
