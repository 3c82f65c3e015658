/**
 * @module `/alerts`: the lead's queue. Sorted by severity then age; filters and grouping live in the URL
 * (deep links); j/k/a/e/r/s/x keys; actions through a note dialog; bulk on a selection or a group;
 * the selected alert's history; "changed since you last looked" markers; suppression rules.
 */

import { useCallback, useEffect, useMemo, useState } from 'react';
import { attackOfAlert } from '../../../shared/attack.js';
import { type Alert, claimHolder } from '../../../shared/schemas/alert.js';
import { BULK_MAX_IDS, type BulkAnswer } from '../../../shared/schemas/alert-api.js';
import type { SuggestedRule } from '../../../shared/schemas/rules.js';
import { useLiveContext } from '../app/LiveProvider.js';
import { ACTION_VERBS, ActionDialog, type ActionValues } from '../features/alerts/ActionDialog.js';
import { AlertDetail } from '../features/alerts/AlertDetail.js';
import { AlertTable } from '../features/alerts/AlertTable.js';
import { act, actionBody } from '../features/alerts/actions.js';
import { alertStanding, standingPerson } from '../features/alerts/counts.js';
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
import { t } from '../i18n/index.js';
import { serverText } from '../i18n/server-text.js';
import { detectorName } from '../labels/detectors.js';
import { roleName } from '../labels/roles.js';
import { type AlertAction, API, call } from '../lib/api.js';
import { ApiError } from '../lib/request.js';
import { navigate, useLocation } from '../lib/router.js';
import { loadSeen, markSeen } from '../lib/seen.js';

const ALL_STATES = ['open', 'acknowledged', 'resolved'] as const;
const ACTIVE_STATES = ['open', 'acknowledged'] as const;

type Pending =
  | { kind: 'one'; action: AlertAction; alert: Alert }
  | { kind: 'bulk'; action: 'bulk-ack' | 'bulk-resolve'; ids: string[]; group?: AlertGroup; by?: string };

/** What a group's action acts on: its unresolved alerts as the queue shows them (its filters applied). */
const actionable = (g: AlertGroup): string[] =>
  g.alerts.filter((a) => a.state !== 'resolved').map((a) => a.id);

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
  /** What the last action or key came to: done (green), or refused (amber, as a refusal reads everywhere). */
  const [flash, setFlash] = useState<{ text: string; refused: boolean } | null>(null);
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
      const person = standingPerson(a);
      if (person) owners.add(person);
      const attack = attackOfAlert(a);
      for (const x of attack.techniques) techniques.add(x);
      for (const x of attack.tactics) tactics.add(x);
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
      if (action !== 'note' && !me.canAct) {
        // a key pressed to no effect said nothing: say why
        setFlash({ text: t('alerts.roleMayNotAct', { role: roleName(me.role ?? '') }), refused: true });
        return;
      }
      // what the server would refuse, said at once rather than after a note is written (the detail offers neither)
      const already =
        action === 'ack' && alert.state !== 'resolved' && claimHolder(alert) === me.username
          ? 'already_yours'
          : action === 'escalate' && alert.escalated && alert.state !== 'resolved'
            ? 'already_escalated'
            : null;
      if (already) {
        setFlash({ text: t(`server.alert.${already}`, { id: alert.id }), refused: true });
        return;
      }
      // a resolution is final: only a note can still be added
      if (alert.state === 'resolved' && action !== 'note') {
        const by = alert.resolvedBy;
        setFlash({
          text: by
            ? t('server.alert.resolved_by', { id: alert.id, user: by })
            : t('server.alert.resolved', { id: alert.id }),
          refused: true,
        });
        return;
      }
      setPending({ kind: 'one', action, alert });
    },
    [me.canAct, me.role, me.username],
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
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
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
      else if (e.key === 'x' && selected && me.canAct) toggle(selected.id);
      else if (act[e.key] && selected) open(act[e.key]!, selected);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ordered, selected, pending, select, open, toggle, me.canAct]);

  const submit = async (v: ActionValues) => {
    if (!pending) return;
    if (pending.kind === 'one') {
      const { action, alert } = pending;
      const answer = await act(alert.id, action, actionBody(action, v, alert.version)).catch(async (err) => {
        // someone else changed it: the dialog, still open with the refusal, now shows the alert as it is (a claim
        // to take over, a lead's claim) and a second submit acts on that, not on the version it was opened on
        if (err instanceof ApiError && err.status === 409) {
          const fresh = await call(API.alert, { params: { id: alert.id } }).catch(() => null);
          if (fresh) {
            store.applyAlert(fresh.alert);
            setPending((p) =>
              p?.kind === 'one' && p.alert.id === alert.id ? { ...p, alert: fresh.alert } : p,
            );
          }
        }
        throw err;
      });
      store.applyAlert(answer.alert);
      setFlash({
        text: t('alerts.done', { verb: ACTION_VERBS[action], entity: alert.entity.id }),
        refused: false,
      });
      setSuggestion(answer.suggestedRule ?? null);
    } else {
      const action = pending.action === 'bulk-ack' ? 'ack' : 'resolve';
      // the ids on screen, never the group's key (the server would act on every alert of the segment, those the
      // filters hide and those raised while the dialog was open included); at most BULK_MAX_IDS a request
      const answer: BulkAnswer = { alerts: [], failed: [] };
      for (let i = 0; i < pending.ids.length; i += BULK_MAX_IDS) {
        const part = await call(API.bulk, {
          body: {
            ids: pending.ids.slice(i, i + BULK_MAX_IDS),
            action,
            note: v.note,
            ...(v.disposition ? { disposition: v.disposition } : {}),
            ...(v.expiresInMinutes ? { expiresInMinutes: v.expiresInMinutes } : {}),
          },
        });
        answer.alerts.push(...part.alerts);
        answer.failed.push(...part.failed);
      }
      setChecked(new Set());
      store.applyAlerts(answer.alerts);
      const first = answer.failed[0];
      setFlash({
        text: first
          ? t(`alerts.bulkRefused_${action}`, {
              done: answer.alerts.length,
              count: answer.failed.length,
              reason: serverText(first, first.error),
            })
          : t(`alerts.bulkDone_${action}`, { count: answer.alerts.length }),
        refused: first !== undefined,
      });
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
        <h1 className="page__title">{t('alerts.title')}</h1>
        <p className="alerts__count" aria-live="polite">
          {t('alerts.count', {
            count: rows.length,
            open: rows.filter((a) => alertStanding(a, now) === 'waiting').length,
          })}
        </p>
        <button type="button" className="btn" aria-expanded={help} onClick={() => setHelp((h) => !h)}>
          {t('alerts.shortcuts')}
        </button>
      </div>
      {help ? <ShortcutHelp canAct={me.canAct} /> : null}
      {error ? (
        <p className="notice" role="status">
          {error}
        </p>
      ) : null}
      {flash ? (
        <p className={`flash ${flash.refused ? 'flash--refused' : ''}`} role="status">
          {flash.text}
        </p>
      ) : null}
      {suggestion && me.canAct ? (
        <SuggestedRuleOffer rule={suggestion} onDone={() => setSuggestion(null)} />
      ) : null}
      {/* Only leads and admins can own alerts: "me" in the Owner filter is for them. */}
      <FilterBar filters={filters} values={values} me={me.canAct ? me.username : ''} onChange={setFilters} />
      {me.canAct && checkedIds.length > 0 ? (
        <div className="bulkbar" role="toolbar" aria-label={t('alerts.bulkBar')}>
          <span>{t('alerts.selected', { count: checkedIds.length })}</span>
          <button
            type="button"
            className="btn"
            onClick={() => setPending({ kind: 'bulk', action: 'bulk-ack', ids: checkedIds })}
          >
            {t('alerts.ackSelected')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => setPending({ kind: 'bulk', action: 'bulk-resolve', ids: checkedIds })}
          >
            {t('alerts.resolveSelected')}
          </button>
          <button type="button" className="btn" onClick={() => setChecked(new Set())}>
            {t('alerts.clearSelection')}
          </button>
        </div>
      ) : null}
      <div className="alerts__body">
        <section className="alerts__queue" aria-label={t('nav.alerts')}>
          {me.canAct ? null : <p className="alerts__readonly">{t('alerts.readonly')}</p>}
          {rows.length === 0 ? <p className="empty">{t('alerts.noMatch')}</p> : null}
          {rows.length > 0 ? (
            <AlertTable
              rows={
                groups
                  ? {
                      groups: groups.map((g) => ({
                        key: g.key,
                        rows: g.alerts,
                        head: (
                          <div className="group__head">
                            <h2 className="group__title">
                              {filters.group === 'segment' ? t('col.segment') : t('col.detector')}{' '}
                              <span className="wrap">
                                {filters.group === 'detector' ? detectorName(g.label) : g.label}
                              </span>
                            </h2>
                            <span className="group__counts">
                              {t('alerts.groupCounts', {
                                count: g.alerts.length,
                                critical: g.counts.critical,
                                high: g.counts.high,
                                medium: g.counts.medium,
                              })}
                            </span>
                            {me.canAct ? (
                              <span className="group__actions">
                                {(
                                  [
                                    ['bulk-ack', 'alerts.ackGroup'],
                                    ['bulk-resolve', 'alerts.resolveGroup'],
                                  ] as const
                                ).map(([action, label]) => (
                                  <button
                                    key={action}
                                    type="button"
                                    className="btn btn--small"
                                    disabled={actionable(g).length === 0}
                                    onClick={() =>
                                      setPending({
                                        kind: 'bulk',
                                        action,
                                        ids: actionable(g),
                                        group: g,
                                        by: filters.group,
                                      })
                                    }
                                  >
                                    {t(label)}
                                  </button>
                                ))}
                              </span>
                            ) : null}
                          </div>
                        ),
                      })),
                    }
                  : rows
              }
              selectedId={selected?.id ?? null}
              checked={checked}
              seen={seen}
              now={now}
              canAct={me.canAct}
              onSelect={select}
              onToggle={toggle}
            />
          ) : null}
        </section>
        <aside className="alerts__detail" aria-label={t('alerts.selectedAlert')}>
          {selected ? (
            <AlertDetail alert={selected} canAct={me.canAct} me={me.username} now={now} onAction={open} />
          ) : (
            <p className="empty">{t('alerts.selectHint')}</p>
          )}
        </aside>
      </div>
      <RulesPanel canAct={me.canAct} />
      <ActionDialog
        action={pending ? (pending.kind === 'one' ? pending.action : pending.action) : null}
        alert={pending?.kind === 'one' ? pending.alert : null}
        targetText={
          pending?.kind === 'bulk'
            ? pending.group
              ? t(pending.by === 'detector' ? 'alerts.targetDetector' : 'alerts.targetSegment', {
                  name: pending.by === 'detector' ? detectorName(pending.group.label) : pending.group.label,
                  count: pending.ids.length,
                })
              : t('alerts.targetSelected', { count: pending.ids.length })
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
    ['j', t('alerts.key.next'), true],
    ['k', t('alerts.key.previous'), true],
    ['a', t('alerts.key.ack'), canAct],
    ['e', t('alerts.key.escalate'), canAct],
    ['r', t('alerts.key.resolve'), canAct],
    ['s', t('alerts.key.snooze'), canAct],
    ['n', t('alerts.key.note'), true],
    ['x', t('alerts.key.select'), canAct],
    ['/', t('alerts.key.search'), true],
    ['?', t('alerts.key.help'), true],
  ];
  return (
    <section className="shortcuts" aria-label={t('alerts.shortcutsTitle')}>
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
