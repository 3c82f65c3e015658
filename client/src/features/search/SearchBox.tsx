/**
 * @module The header search: IP, asset name, segment or sensor. An IP opens its host page at once; other
 * text asks `GET /api/search` and lists the matches as buttons (arrow keys move between them).
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useState } from 'react';
import { isIP } from '../../../../shared/ip.js';
import { API, routeQuery } from '../../lib/api.js';
import { navigate } from '../../lib/router.js';
import { resultPath } from './result-path.js';

export function SearchBox() {
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const listId = useId();
  const inputId = `${listId}-input`;
  // Asks once typing pauses for 200 ms; an IP opens its host page instead.
  const text = useDebounced(q.trim(), 200);
  const wanted = text.length >= 2 && !isIP(text);
  const query = useQuery({ ...routeQuery(API.search, { query: { q: text } }), enabled: wanted });
  const found = wanted ? query.data?.results : undefined;
  const results = found?.slice(0, 12) ?? [];
  const status = !wanted
    ? ''
    : query.isError
      ? 'Search is not available'
      : found
        ? found.length === 0
          ? 'No matches'
          : `${found.length} match${found.length === 1 ? '' : 'es'}`
        : '';
  useEffect(() => {
    if (found) setOpen(true);
  }, [found]);

  const go = (path: string) => {
    setOpen(false);
    setQ('');
    navigate(path);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    if (isIP(text)) return go(`/hosts/${encodeURIComponent(text)}`);
    const pick = results[0];
    if (pick) go(resultPath(pick));
  };
  const items = () => [...document.querySelectorAll<HTMLButtonElement>(`[data-search="${listId}"]`)];
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && results.length > 0) {
      setOpen(true);
      e.preventDefault();
      requestAnimationFrame(() => items()[0]?.focus());
    } else if (e.key === 'Escape') setOpen(false);
  };
  const onItemKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const list = items();
    const i = list.indexOf(e.currentTarget);
    if (e.key === 'ArrowDown') list[Math.min(list.length - 1, i + 1)]?.focus();
    else if (e.key === 'ArrowUp') {
      if (i <= 0) document.getElementById(inputId)?.focus();
      else list[i - 1]?.focus();
    } else if (e.key === 'Escape') {
      setOpen(false);
      document.getElementById(inputId)?.focus();
    } else return;
    e.preventDefault();
  };

  return (
    <search className="search">
      <form
        onSubmit={submit}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
        }}
      >
        <label className="visually-hidden" htmlFor={inputId}>
          Search by IP, asset name, segment or sensor
        </label>
        <input
          id={inputId}
          className="search__input"
          type="search"
          name="q"
          placeholder="Search IP, host, segment…"
          autoComplete="off"
          spellCheck={false}
          aria-controls={listId}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={onKey}
          onFocus={() => setOpen(true)}
        />
        <span className="visually-hidden" aria-live="polite">
          {status}
        </span>
        {open && results.length > 0 ? (
          <ul className="search__list" id={listId} aria-label="Search results">
            {results.map((r) => (
              <li key={`${r.type}/${r.id}`}>
                <button
                  type="button"
                  className="search__item"
                  data-search={listId}
                  onClick={() => go(resultPath(r))}
                  onKeyDown={onItemKey}
                >
                  <span className="search__type">{r.type}</span> <span className="wrap">{r.label}</span>
                  {r.segment ? <span className="muted"> · {r.segment}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </form>
    </search>
  );
}

/** `value` once it has stayed the same for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
