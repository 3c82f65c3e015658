/**
 * @module The team's saved hunts, each with what it finds now (alerts, hosts, events); one opens to its results.
 * Leads save new ones (segment, detector, technique, feed, score, time range) and remove them.
 */

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { techniqueLabel } from '../../../../shared/attack.js';
import { isOwnReason } from '../../../../shared/schemas/alert.js';
import type { Hunt, HuntFilters } from '../../../../shared/schemas/watch.js';
import { Link } from '../../components/Link.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { useMe } from '../../hooks/useMe.js';
import { CATALOGUES, t } from '../../i18n/index.js';
import { errorText } from '../../i18n/server-text.js';
import { detectorName } from '../../labels/detectors.js';
import { API, call, routeKey, routeQuery } from '../../lib/api.js';

/** The filters in words (the list shows them under each hunt's name). */
/**
 * The detectors a hunt can name: those the catalogues have a name for, less the reasons no detector gives (an asset's
 * criticality, Watchfloor's own health), which say nothing of what a host did.
 */
export const HUNT_DETECTORS = Object.keys(CATALOGUES.en.detector).filter((id) => !isOwnReason(id));

export function filtersText(f: HuntFilters): string {
  const parts = [
    f.segment ? t('watch.f.segment', { value: f.segment }) : '',
    f.detector ? t('watch.f.detector', { value: detectorName(f.detector) }) : '',
    f.technique ? t('watch.f.technique', { value: techniqueLabel(f.technique) }) : '',
    f.feed ? t('watch.f.feed', { value: f.feed }) : '',
    f.minScore !== undefined ? t('watch.f.minScore', { value: f.minScore }) : '',
    f.lastMinutes !== undefined
      ? f.lastMinutes % 60 === 0
        ? t('watch.f.lastHours', { count: f.lastMinutes / 60 })
        : t('watch.f.lastMinutes', { count: f.lastMinutes })
      : f.from !== undefined || f.to !== undefined
        ? t('watch.f.fixed')
        : t('watch.f.day'),
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
      <h3 className="detail__sub">{t('watch.hunts')}</h3>
      {hunts.isError ? <p className="empty">{t('watch.huntsFailed')}</p> : null}
      {hunts.data && list.length === 0 ? <p className="empty">{t('watch.noHunts')}</p> : null}
      <ul className="hunts__items" aria-label={t('watch.hunts')}>
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
              {[
                t('watch.alerts', { count: h.counts.alerts }),
                t('watch.hosts', { count: h.counts.hosts }),
                t('watch.events', { count: h.counts.events }),
              ].join(' · ')}
            </span>
            <div className="muted wrap">
              {filtersText(h.filters)} · {t('watch.by', { author: h.author })}
            </div>
            {open === h.id ? <HuntResultsView hunt={h} /> : null}
            {canWatch ? (
              <button
                type="button"
                className="btn btn--small"
                onClick={() => void call(API.removeHunt, { params: { id: h.id } }).then(changed)}
              >
                {t('watch.remove')}
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
  if (q.isError) return <p className="empty">{t('watch.huntFailed')}</p>;
  if (!q.data) return <p className="empty">{t('watch.running')}</p>;
  const r = q.data;
  return (
    <div className="hunts__results">
      {r.alerts.length ? (
        <ul className="feed" aria-label={t('watch.alertsOf', { name: hunt.name })}>
          {r.alerts.map((a) => (
            <li key={a.id} className="feed__item">
              <SeverityBadge severity={a.severity} short />
              <Link to={`/alerts?id=${encodeURIComponent(a.id)}`} className="mono wrap">
                {a.entity.id}
              </Link>
              <span className="wrap">
                {detectorName(a.detector)} · {a.segment}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t('watch.noAlerts')}</p>
      )}
      {/* every one the answer lists (at most 100 of each), and how many there are: none left out unsaid */}
      {r.alerts.length < r.counts.alerts ? (
        <p className="muted">{t('watch.listedOf', { shown: r.alerts.length, count: r.counts.alerts })}</p>
      ) : null}
      {r.hosts.length ? (
        <p className="wrap">
          {t('watch.huntHosts')}{' '}
          {r.hosts.map((h) => (
            <Link key={h.ip} to={`/hosts/${encodeURIComponent(h.ip)}`} className="mono hunts__host">
              {h.ip}
            </Link>
          ))}
        </p>
      ) : null}
      {r.hosts.length < r.counts.hosts ? (
        <p className="muted">{t('watch.hostsListedOf', { shown: r.hosts.length, count: r.counts.hosts })}</p>
      ) : null}
    </div>
  );
}

function HuntForm({ onSaved }: { onSaved(): void }) {
  const live = useLiveSelector((s) => s.segments);
  const segments = useMemo(() => live.map((s) => s.segment).sort(), [live]);
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
      setError(errorText(err, t('watch.saveFailed')));
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
    <form
      className="watchform"
      onSubmit={submit}
      onInput={() => setError('')}
      aria-label={t('watch.saveHuntLabel')}
    >
      <label className="field">
        <span className="field__label">{t('watch.huntName')}</span>
        <input
          className="field__input"
          name="hunt-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={80}
          required
        />
      </label>
      <label className="field">
        <span className="field__label">{t('watch.segment')}</span>
        {/* the segments the live feed knows: a name typed by hand could match nothing, for ever */}
        <select className="field__input" value={segment} onChange={(e) => setSegment(e.target.value)}>
          <option value="">{t('watch.anySegment')}</option>
          {segments.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('watch.detector')}</span>
        <select className="field__input" value={detector} onChange={(e) => setDetector(e.target.value)}>
          <option value="">{t('watch.anyDetector')}</option>
          {HUNT_DETECTORS.map((id) => (
            <option key={id} value={id}>
              {detectorName(id)}
            </option>
          ))}
        </select>
      </label>
      {field(t('watch.technique'), technique, setTechnique, 'T1071')}
      {field(t('watch.feed'), feed, setFeed)}
      <label className="field">
        <span className="field__label">{t('watch.minScore')}</span>
        <input
          className="field__input"
          type="number"
          min={0}
          max={100}
          value={minScore}
          placeholder={t('watch.scoreRange')}
          onChange={(e) => setMinScore(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">{t('watch.overLast')}</span>
        <select className="field__input" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          <option value={1}>{t('watch.hours', { count: 1 })}</option>
          <option value={24}>{t('watch.hours', { count: 24 })}</option>
          <option value={168}>{t('watch.days', { count: 7 })}</option>
          <option value={720}>{t('watch.days', { count: 30 })}</option>
        </select>
      </label>
      <button type="submit" className="btn btn--primary">
        {t('watch.saveHunt')}
      </button>
      <div className="dialog__error" role="alert">
        {error}
      </div>
    </form>
  );
}
