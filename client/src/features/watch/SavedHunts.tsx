/**
 * @module The team's saved hunts, each with what it finds now (alerts, hosts, events); one opens to its results.
 * Leads save new ones (segment, detector, technique, feed, score, time range) and remove them.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Hunt, HuntFilters } from '../../../../shared/schemas/watch.js';
import { Link } from '../../components/Link.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { useMe } from '../../hooks/useMe.js';
import { API, call, routeKey, routeQuery } from '../../lib/api.js';

/** The filters in words (the list shows them under each hunt's name). */
export function filtersText(f: HuntFilters): string {
  const parts = [
    f.segment ? `segment ${f.segment}` : '',
    f.detector ? `detector ${f.detector}` : '',
    f.technique ? `technique ${f.technique}` : '',
    f.feed ? `feed ${f.feed}` : '',
    f.minScore !== undefined ? `score ≥ ${f.minScore}` : '',
    f.lastMinutes !== undefined
      ? `last ${f.lastMinutes % 60 === 0 ? `${f.lastMinutes / 60} h` : `${f.lastMinutes} min`}`
      : f.from !== undefined || f.to !== undefined
        ? 'a fixed time range'
        : 'last 24 h',
  ];
  return parts.filter(Boolean).join(' · ');
}

export function SavedHunts() {
  const { canWatch } = useMe();
  const queryClient = useQueryClient();
  const hunts = useQuery({ ...routeQuery(API.hunts), refetchInterval: 15_000 });
  const [open, setOpen] = useState<string | null>(null);
  const changed = () => queryClient.invalidateQueries({ queryKey: routeKey(API.hunts) });
  const list = hunts.data?.hunts ?? [];
  return (
    <div className="hunts">
      <h3 className="detail__sub">Saved hunts</h3>
      {hunts.isError ? <p className="empty">Could not load the saved hunts.</p> : null}
      {hunts.data && list.length === 0 ? <p className="empty">No saved hunts yet.</p> : null}
      <ul className="hunts__items" aria-label="Saved hunts">
        {list.map((h) => (
          <li key={h.id} className="hunts__item" data-testid="hunt">
            <button
              type="button"
              className="linklike hunts__name"
              aria-expanded={open === h.id}
              onClick={() => setOpen(open === h.id ? null : h.id)}
            >
              {h.name}
            </button>{' '}
            <span className="hunts__counts" data-testid="hunt-counts">
              {h.counts.alerts} alerts · {h.counts.hosts} hosts · {h.counts.events} events
            </span>
            <div className="muted wrap">
              {filtersText(h.filters)} · by {h.author}
            </div>
            {open === h.id ? <HuntResultsView hunt={h} /> : null}
            {canWatch ? (
              <button
                type="button"
                className="btn btn--small"
                onClick={() => void call(API.removeHunt, { params: { id: h.id } }).then(changed)}
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {canWatch ? <HuntForm onSaved={() => void changed()} /> : null}
    </div>
  );
}

function HuntResultsView({ hunt }: { hunt: Hunt }) {
  const q = useQuery({ ...routeQuery(API.hunt, { params: { id: hunt.id } }), refetchInterval: 15_000 });
  if (q.isError) return <p className="empty">Could not run the hunt.</p>;
  if (!q.data) return <p className="empty">Running…</p>;
  const r = q.data;
  return (
    <div className="hunts__results">
      {r.alerts.length ? (
        <ul className="feed" aria-label={`Alerts of ${hunt.name}`}>
          {r.alerts.slice(0, 10).map((a) => (
            <li key={a.id} className="feed__item">
              <SeverityBadge severity={a.severity} short />
              <Link to={`/alerts?id=${encodeURIComponent(a.id)}`} className="mono wrap">
                {a.entity.id}
              </Link>
              <span className="wrap">
                {a.detector} · {a.segment}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No alerts.</p>
      )}
      {r.hosts.length ? (
        <p className="wrap">
          Hosts:{' '}
          {r.hosts.slice(0, 10).map((h) => (
            <Link key={h.ip} to={`/hosts/${encodeURIComponent(h.ip)}`} className="mono hunts__host">
              {h.ip}
            </Link>
          ))}
        </p>
      ) : null}
    </div>
  );
}

function HuntForm({ onSaved }: { onSaved(): void }) {
  const [name, setName] = useState('');
  const [segment, setSegment] = useState('');
  const [detector, setDetector] = useState('');
  const [technique, setTechnique] = useState('');
  const [feed, setFeed] = useState('');
  const [minScore, setMinScore] = useState('');
  const [hours, setHours] = useState(24);
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    const filters: HuntFilters = { lastMinutes: hours * 60 };
    if (segment.trim()) filters.segment = segment.trim();
    if (detector.trim()) filters.detector = detector.trim();
    if (technique.trim()) filters.technique = technique.trim().toUpperCase();
    if (feed.trim()) filters.feed = feed.trim();
    if (minScore.trim()) filters.minScore = Number(minScore);
    try {
      await call(API.addHunt, { body: { name, filters } });
      setName('');
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not save the hunt.');
    }
  };
  const field = (label: string, value: string, set: (v: string) => void, placeholder = '') => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        className="field__input"
        value={value}
        placeholder={placeholder}
        onChange={(e) => set(e.target.value)}
      />
    </label>
  );
  return (
    <form className="watchform" onSubmit={submit} aria-label="Save a hunt">
      <label className="field">
        <span className="field__label">Hunt name</span>
        <input
          className="field__input"
          name="hunt-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={80}
          required
        />
      </label>
      {field('Segment', segment, setSegment)}
      {field('Detector', detector, setDetector, 'beacon')}
      {field('Technique', technique, setTechnique, 'T1071')}
      {field('Feed', feed, setFeed)}
      {field('Min score', minScore, setMinScore, '0–100')}
      <label className="field">
        <span className="field__label">Over the last</span>
        <select className="field__input" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          <option value={1}>1 hour</option>
          <option value={24}>24 hours</option>
          <option value={168}>7 days</option>
          <option value={720}>30 days</option>
        </select>
      </label>
      <button type="submit" className="btn btn--primary">
        Save hunt
      </button>
      <div className="dialog__error" role="alert">
        {error}
      </div>
    </form>
  );
}
