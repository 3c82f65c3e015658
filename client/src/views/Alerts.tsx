/**
 * @module `/alerts`: the lead's queue. Sorted by severity then age; filters and grouping live in the URL
 * (deep links); j/k/a/e/r/s/x keys; actions through a note dialog; bulk on a selection or a group;
 * the selected alert's history; "changed since you last looked" markers; suppression rules.
 */

import { useCallback, useEffect, useMemo, useState } from 'react';
import { attackOfReasons } from '../../../shared/attack.js';
import type { Alert } from '../../../shared/schemas/alert.js';
import type { SuggestedRule } from '../../../shared/schemas/rules.js';
import { useLiveContext } from '../app/LiveProvider.js';
import { ACTION_TITLES, ActionDialog, type ActionValues } from '../features/alerts/ActionDialog.js';
import { AlertDetail } from '../features/alerts/AlertDetail.js';
import { AlertTable } from '../features/alerts/AlertTable.js';
import { act, actionBody } from '../features/alerts/actions.js';
import { FilterBar } from '../features/alerts/FilterBar.js';
import {
  type AlertGroup,
  filtersToSearch,
  groupAlerts,
  parseFilters,
  type QueueFilters,
  queue,
} from '../features/alerts/queue.js';
import { RulesPanel, SuggestedRuleOffer } from '../features/alerts/RulesPanel.js';
import { useAlerts } from '../features/alerts/useAlerts.js';
import { useMe } from '../hooks/useMe.js';
import { useNow } from '../hooks/useNow.js';
import { type AlertAction, API, call } from '../lib/api.js';
import { navigate, useLocation } from '../lib/router.js';
import { loadSeen, markSeen } from '../lib/seen.js';

const ALL_STATES = ['open', 'acknowledged', 'resolved'] as const;
const ACTIVE_STATES = ['open', 'acknowledged'] as const;

type Pending =
  | { kind: 'one'; action: AlertAction; alert: Alert }
  | { kind: 'bulk'; action: 'bulk-ack' | 'bulk-resolve'; ids?: string[]; group?: AlertGroup; by?: string };

export default function Alerts() {
  const { search } = useLocation();
  const filters = useMemo(() => parseFilters(search), [search]);
  const selectedId = new URLSearchParams(search).get('id');
  const me = useMe();
  const now = useNow(5000);
  const { store } = useLiveContext();
  const wantResolved = filters.state === 'resolved' || filters.state === 'all';
  const { alerts, error } = useAlerts(wantResolved ? ALL_STATES : ACTIVE_STATES);
  const [seen, setSeen] = useState(() => loadSeen(me.username));
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState<Pending | null>(null);
  const [help, setHelp] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const [suggestion, setSuggestion] = useState<SuggestedRule | null>(null);

  const rows = useMemo(() => queue(alerts.values(), filters, now), [alerts, filters, now]);
  const groups = filters.group === 'none' ? null : groupAlerts(rows, filters.group);
  const ordered = groups ? groups.flatMap((g) => g.alerts) : rows;
  const selected = (selectedId ? alerts.get(selectedId) : undefined) ?? null;
  const values = useMemo(() => {
    const segs = new Set<string>();
    const dets = new Set<string>();
    const owners = new Set<string>();
    const techniques = new Set<string>();
    const tactics = new Set<string>();
    for (const a of alerts.values()) {
      segs.add(a.segment);
      dets.add(a.detector);
      if (a.owner) owners.add(a.owner);
      const attack = attackOfReasons(a);
      for (const t of attack.techniques) techniques.add(t);
      for (const t of attack.tactics) tactics.add(t);
    }
    return {
      segments: [...segs].sort(),
      detectors: [...dets].sort(),
      owners: [...owners].sort(),
      techniques: [...techniques].sort(),
      tactics: [...tactics].sort(),
    };
  }, [alerts]);

  const setFilters = (patch: Partial<QueueFilters>) =>
    navigate(`/alerts${filtersToSearch({ ...filters, ...patch }, selectedId)}`, { replace: true });
  const select = useCallback(
    (id: string | null) => navigate(`/alerts${filtersToSearch(filters, id)}`, { replace: true }),
    [filters],
  );

  // Opening an alert marks its current version as seen.
  useEffect(() => {
    if (selected && seen[selected.id] !== selected.version) {
      setSeen((s) => markSeen(me.username, s, selected.id, selected.version));
    }
  }, [selected, seen, me.username]);

  const open = useCallback(
    (action: AlertAction, alert: Alert | null) => {
      if (!alert) return;
      if (action !== 'note' && !me.canAct) return;
      setPending({ kind: 'one', action, alert });
    },
    [me.canAct],
  );

  const toggle = useCallback(
    (id: string) =>
      setChecked((c) => {
        const next = new Set(c);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );

  // Keyboard: j/k move, a/e/r/s act, x toggles the checkbox, ? shows the help. Not while typing or in a dialog.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (pending || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      const i = selected ? ordered.findIndex((a) => a.id === selected.id) : -1;
      const move = (d: number) => {
        const next = ordered[Math.max(0, Math.min(ordered.length - 1, i + d))];
        if (next) {
          select(next.id);
          document.getElementById(`alert-row-${next.id}`)?.scrollIntoView({ block: 'nearest' });
        }
      };
      const act: Record<string, AlertAction> = {
        a: 'ack',
        e: 'escalate',
        r: 'resolve',
        s: 'snooze',
        n: 'note',
      };
      if (e.key === 'j') move(1);
      else if (e.key === 'k') move(i < 0 ? 1 : -1);
      else if (e.key === '?') setHelp((h) => !h);
      else if (e.key === 'x' && selected) toggle(selected.id);
      else if (act[e.key] && selected) open(act[e.key]!, selected);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ordered, selected, pending, select, open, toggle]);

  const submit = async (v: ActionValues) => {
    if (!pending) return;
    if (pending.kind === 'one') {
      const { action, alert } = pending;
      const answer = await act(alert.id, action, actionBody(action, v, alert.version));
      store.applyAlert(answer.alert);
      setFlash(`${ACTION_TITLES[action].split(' ')[0]}: ${alert.entity.id} — done.`);
      setSuggestion(answer.suggestedRule ?? null);
    } else {
      const action = pending.action === 'bulk-ack' ? 'ack' : 'resolve';
      const target = pending.ids
        ? { ids: pending.ids }
        : { group: { [pending.by === 'detector' ? 'detector' : 'segment']: pending.group!.key } };
      const answer = await call(API.bulk, {
        body: {
          ...target,
          action,
          note: v.note,
          ...(v.disposition ? { disposition: v.disposition } : {}),
          ...(v.expiresInMinutes ? { expiresInMinutes: v.expiresInMinutes } : {}),
        },
      });
      setChecked(new Set());
      store.applyAlerts(answer.alerts);
      setFlash(
        `Bulk ${action === 'ack' ? 'acknowledge' : 'resolve'}: ${answer.alerts.length} done` +
          (answer.failed.length > 0 ? `, ${answer.failed.length} refused (${answer.failed[0]!.error})` : '.'),
      );
    }
  };

  // After an action (or Escape) keyboard focus returns to the alert's row, not to whichever button
  // now sits where the dialog's opener was; runs after the native dialog restores its own focus.
  const closeDialog = () => {
    const id = pending?.kind === 'one' ? pending.alert.id : selected?.id;
    setPending(null);
    if (id) setTimeout(() => document.getElementById(`alert-row-${id}`)?.focus({ preventScroll: true }), 0);
  };

  const checkedIds = [...checked].filter((id) => alerts.has(id));
  return (
    <main className="page alerts" id="main">
      <div className="alerts__head">
        <h1 className="page__title">Alert queue</h1>
        <p className="alerts__count" aria-live="polite">
          {rows.length} alert{rows.length === 1 ? '' : 's'} · {rows.filter((a) => a.state === 'open').length}{' '}
          open
        </p>
        <button type="button" className="btn" aria-expanded={help} onClick={() => setHelp((h) => !h)}>
          Keyboard shortcuts (?)
        </button>
      </div>
      {help ? <ShortcutHelp canAct={me.canAct} /> : null}
      {error ? (
        <p className="notice" role="status">
          {error}
        </p>
      ) : null}
      {flash ? (
        <p className="flash" role="status">
          {flash}
        </p>
      ) : null}
      {suggestion && me.canAct ? (
        <SuggestedRuleOffer rule={suggestion} onDone={() => setSuggestion(null)} />
      ) : null}
      {/* Only leads and admins can own alerts: "me" in the Owner filter is for them. */}
      <FilterBar filters={filters} values={values} me={me.canAct ? me.username : ''} onChange={setFilters} />
      {me.canAct && checkedIds.length > 0 ? (
        <div className="bulkbar" role="toolbar" aria-label="Bulk actions on the selection">
          <span>{checkedIds.length} selected</span>
          <button
            type="button"
            className="btn"
            onClick={() => setPending({ kind: 'bulk', action: 'bulk-ack', ids: checkedIds })}
          >
            Acknowledge selected
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => setPending({ kind: 'bulk', action: 'bulk-resolve', ids: checkedIds })}
          >
            Resolve selected
          </button>
          <button type="button" className="btn" onClick={() => setChecked(new Set())}>
            Clear selection
          </button>
        </div>
      ) : null}
      <div className="alerts__body">
        <section className="alerts__queue" aria-label="Alerts">
          {me.canAct ? null : (
            <p className="alerts__readonly">Read-only: operators can add notes; leads act on alerts.</p>
          )}
          {rows.length === 0 ? <p className="empty">No alerts match these filters.</p> : null}
          {groups
            ? groups.map((g) => (
                <div key={g.key} className="group">
                  <div className="group__head">
                    <h2 className="group__title">
                      {filters.group === 'segment' ? 'Segment' : 'Detector'}{' '}
                      <span className="wrap">{g.label}</span>
                    </h2>
                    <span className="group__counts">
                      {g.alerts.length} · {g.counts.critical} crit · {g.counts.high} high · {g.counts.medium}{' '}
                      med
                    </span>
                    {me.canAct ? (
                      <span className="group__actions">
                        <button
                          type="button"
                          className="btn btn--small"
                          onClick={() =>
                            setPending({ kind: 'bulk', action: 'bulk-ack', group: g, by: filters.group })
                          }
                        >
                          Acknowledge group
                        </button>
                        <button
                          type="button"
                          className="btn btn--small"
                          onClick={() =>
                            setPending({ kind: 'bulk', action: 'bulk-resolve', group: g, by: filters.group })
                          }
                        >
                          Resolve group
                        </button>
                      </span>
                    ) : null}
                  </div>
                  <AlertTable
                    rows={g.alerts}
                    selectedId={selected?.id ?? null}
                    checked={checked}
                    seen={seen}
                    now={now}
                    canAct={me.canAct}
                    onSelect={select}
                    onToggle={toggle}
                  />
                </div>
              ))
            : rows.length > 0 && (
                <AlertTable
                  rows={rows}
                  selectedId={selected?.id ?? null}
                  checked={checked}
                  seen={seen}
                  now={now}
                  canAct={me.canAct}
                  onSelect={select}
                  onToggle={toggle}
                />
              )}
        </section>
        <aside className="alerts__detail" aria-label="Selected alert">
          {selected ? (
            <AlertDetail alert={selected} canAct={me.canAct} me={me.username} now={now} onAction={open} />
          ) : (
            <p className="empty">Select an alert (click, or j / k) to see its reasons, notes and history.</p>
          )}
        </aside>
      </div>
      <RulesPanel canAct={me.canAct} />
      <ActionDialog
        action={pending ? (pending.kind === 'one' ? pending.action : pending.action) : null}
        alert={pending?.kind === 'one' ? pending.alert : null}
        targetText={
          pending?.kind === 'bulk'
            ? pending.ids
              ? `${pending.ids.length} selected alert(s)`
              : `every unresolved alert of ${pending.by} ${pending.group?.label} (${pending.group?.alerts.length})`
            : undefined
        }
        me={me.username}
        onSubmit={submit}
        onClose={closeDialog}
      />
    </main>
  );
}

function ShortcutHelp({ canAct }: { canAct: boolean }) {
  const keys: [string, string, boolean][] = [
    ['j', 'next alert', true],
    ['k', 'previous alert', true],
    ['a', 'acknowledge (claim) with a note', canAct],
    ['e', 'escalate', canAct],
    ['r', 'resolve with a disposition', canAct],
    ['s', 'snooze', canAct],
    ['n', 'add a note', true],
    ['x', 'select / unselect for bulk actions', canAct],
    ['?', 'show / hide this help', true],
  ];
  return (
    <section className="shortcuts" aria-label="Keyboard shortcuts">
      <dl>
        {keys
          .filter(([, , on]) => on)
          .map(([k, what]) => (
            <div key={k}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
