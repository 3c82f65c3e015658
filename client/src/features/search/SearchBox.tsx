/**
 * @module The header search: IP, asset name, segment or sensor. An IP opens its host page at once (which lists the
 * hosts whose evidence names it); other text asks `GET /api/search` and lists the best matches as buttons (arrow keys
 * move between them), saying how many matched in all, and a name (`evil.example`) also offers the hosts whose evidence
 * names it; Enter opens the best match, or for a name nothing else matched, those hosts.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useState } from 'react';
import { isIP } from '../../../../shared/ip.js';
import { shownScore } from '../../../../shared/schemas/alert.js';
import { t } from '../../i18n/index.js';
import { API, routeQuery } from '../../lib/api.js';
import { navigate } from '../../lib/router.js';
import { namedByPath, resultPath } from './result-path.js';

export function SearchBox() {
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const listId = useId();
  const inputId = `${listId}-input`;
  // Asks once typing pauses for 200 ms; an IP opens its host page instead.
  const text = useDebounced(q.trim(), 200);
  const wanted = text.length >= 2 && !isIP(text);
  const query = useQuery({ ...routeQuery(API.search, { query: { q: text } }), enabled: wanted });
  const client = useQueryClient();
  const answer = wanted ? query.data : undefined;
  const results = answer?.results ?? [];
  // a name as a report gives it: also offered as "hosts whose evidence names it" (the scored hosts are addresses)
  const name = wanted && looksLikeName(text) ? text : null;
  const status = !wanted ? '' : query.isError ? t('search.unavailable') : answer ? matchesText(answer) : '';
  useEffect(() => {
    if (answer) setOpen(true);
  }, [answer]);
  // "/" anywhere but in a field or a dialog puts the cursor in the search box, as in most tools of the trade
  useEffect(() => {
    const onSlash = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const el = e.target as HTMLElement | null;
      if (el?.closest('input, textarea, select, [contenteditable="true"], dialog[open]')) return;
      e.preventDefault();
      document.getElementById(inputId)?.focus();
    };
    window.addEventListener('keydown', onSlash);
    return () => window.removeEventListener('keydown', onSlash);
  }, [inputId]);

  const go = (path: string) => {
    setOpen(false);
    setQ('');
    navigate(path);
  };
  /** Enter opens the best match: an address at once, else the first result (asked now if typing has not paused). */
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = q.trim();
    if (isIP(typed)) return go(`/hosts/${encodeURIComponent(typed)}`);
    if (typed.length < 2) return;
    void client
      .fetchQuery({ ...routeQuery(API.search, { query: { q: typed } }), staleTime: 5_000 })
      .then((a) => {
        const best = a.results[0];
        if (best) go(resultPath(best));
        else if (looksLikeName(typed)) go(namedByPath(typed));
        // nothing to open: the list says so ("No matches"), rather than Enter doing nothing
        else setOpen(true);
      })
      .catch(() => undefined);
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
          {t('search.label')}
        </label>
        <input
          id={inputId}
          className="search__input"
          type="search"
          name="q"
          placeholder={t('search.placeholder')}
          title={t('search.labelKey', { label: t('search.label') })}
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
        {/* open with no result too: "No matches" is said where the results would be, not only to a screen reader */}
        {open && answer ? (
          <ul className="search__list" id={listId} aria-label={t('search.results')}>
            <li className="search__count muted" data-testid="search-count">
              {matchesText(answer)}
            </li>
            {results.map((r) => (
              <li key={`${r.type}/${r.id}`}>
                <button
                  type="button"
                  className="search__item"
                  data-search={listId}
                  onClick={() => go(resultPath(r))}
                  onKeyDown={onItemKey}
                >
                  <span className="search__type">{t(`search.type.${r.type}`)}</span>{' '}
                  <span className="wrap">{r.label}</span>
                  {r.segment ? <span className="muted"> · {r.segment}</span> : null}
                  {r.score !== undefined ? (
                    <span className="muted"> · {t('search.score', { score: shownScore(r.score) })}</span>
                  ) : null}
                </button>
              </li>
            ))}
            {name ? (
              <li>
                <button
                  type="button"
                  className="search__item"
                  data-search={listId}
                  data-testid="search-named-by"
                  onClick={() => go(namedByPath(name))}
                  onKeyDown={onItemKey}
                >
                  <span className="search__type">{t('search.type.evidence')}</span>{' '}
                  <span className="wrap">{t('peers.searchItem', { q: name })}</span>
                </button>
              </li>
            ) : null}
          </ul>
        ) : null}
      </form>
    </search>
  );
}

/** A domain or host name as a report gives it (`c2.evil.example`): a dot, a letter after it, no space or slash. */
export function looksLikeName(s: string): boolean {
  return /^[^\s/]+\.[^\s/]*[a-z]/i.test(s) && !isIP(s);
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

/** "3 matches", or "12 best of 31 matches" when more matched than are listed. */
function matchesText({ results, total }: { results: readonly unknown[]; total: number }): string {
  if (total === 0) return t('search.none');
  return results.length < total
    ? t('search.best', { count: total, shown: results.length })
    : t('search.matches', { count: total });
}
