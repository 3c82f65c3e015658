/**
 * @module The alert lifecycle as a pure function: an alert, an action and an actor in; the next alert and its
 * audit record out, or a refusal with a stable code. No I/O; the store makes it atomic.
 */

import type { ErrorCode } from '../../shared/envelope.js';
import type { TextParams, TextRef } from '../../shared/locale.js';
import { ALERT_ACTION_PERMISSION, may } from '../../shared/permissions.js';
import type { Role } from '../../shared/roles.js';
import type { Alert, Disposition, NoteAction } from '../../shared/schemas/alert.js';
import {
  ALERT_NOTE_MAX,
  ALERT_PLAIN_NOTES_MAX,
  claimHolder,
  shownScore,
} from '../../shared/schemas/alert.js';
import type { AuditAction } from '../../shared/schemas/audit.js';
import type { NewAuditRecord } from './audit.js';

export interface Actor {
  name: string;
  role: Role | 'system';
}

export const DEFAULT_ACK_MINUTES = 240;

export type AlertAction =
  | { type: 'ack'; note: string; version?: number; expiresInMinutes?: number; takeover?: boolean }
  | { type: 'release'; note?: string; version?: number }
  | { type: 'escalate'; note: string; version?: number }
  | { type: 'resolve'; note: string; disposition: Disposition; version?: number }
  | { type: 'snooze'; note: string; version?: number; minutes?: number; until?: number; untilPeak?: boolean }
  | { type: 'note'; text: string }
  /** System: an unresolved claim past its expiry returns to open. */
  | { type: 'expire'; at: number }
  /** System: a snooze "until it gets worse" ends when the score passes the peak. */
  | { type: 'unsnooze'; reason: string; score: number };

/** The alert actions a transition's audit record names (`alert.<act>`, one of `AUDIT_ACTIONS`). */
type AlertAuditAct = AuditAction extends infer A ? (A extends `alert.${infer Act}` ? Act : never) : never;

export type Transition =
  | { ok: true; alert: Alert; audit: NewAuditRecord }
  | { ok: false; code: ErrorCode; message: string; text: TextRef };

/** A refusal: English for programs, and the same as a catalogue key (`server.<key>`) with parameters for screens. */
const refuse = (code: ErrorCode, message: string, key: string, params?: TextParams): Transition => ({
  ok: false,
  code,
  message,
  text: params ? { key, params } : { key },
});

/** What each action needs, from the one authorization table; expiry and unsnooze are the system's alone. */
function mayAct(actor: Actor, action: AlertAction): boolean {
  if (actor.role === 'system') return true;
  if (action.type === 'expire' || action.type === 'unsnooze') return false;
  return may(actor.role, ALERT_ACTION_PERMISSION[action.type]);
}

export function applyAction(alert: Alert, action: AlertAction, actor: Actor, now: number): Transition {
  if (!mayAct(actor, action))
    return refuse('forbidden', `role ${actor.role} may not ${action.type} alerts`, 'alert.role_may_not', {
      role: actor.role,
      action: action.type,
    });
  // resolved first: "changed since you opened it" would hide that it is over, and who ended it
  if (alert.state === 'resolved' && action.type !== 'note') {
    return refuse(
      'conflict',
      `alert ${alert.id} is resolved${alert.resolvedBy ? ` by ${alert.resolvedBy}` : ''}`,
      alert.resolvedBy ? 'alert.resolved_by' : 'alert.resolved',
      { id: alert.id, ...(alert.resolvedBy ? { user: alert.resolvedBy } : {}) },
    );
  }
  if ('version' in action && action.version !== undefined && action.version !== alert.version) {
    const owner = claimHolder(alert);
    return refuse(
      'conflict',
      `alert changed since version ${action.version} (now ${alert.version}${owner ? `, acknowledged by ${owner}` : ''})`,
      owner ? 'alert.changed_owned' : 'alert.changed',
      owner ? { owner } : {},
    );
  }
  const next: Alert = { ...alert, version: alert.version + 1, notes: [...alert.notes] };
  const note = 'note' in action ? action.note?.trim() : action.type === 'note' ? action.text.trim() : '';
  const audit = (act: AlertAuditAct, extra: Partial<NewAuditRecord> = {}): NewAuditRecord => ({
    at: now,
    actor: actor.name,
    role: actor.role,
    action: `alert.${act}` as const,
    alertId: alert.id,
    from: alert.state,
    to: next.state,
    ...(note ? { note } : {}),
    ...extra,
  });
  const addNote = (text: string, kind?: NoteAction) =>
    next.notes.push({ at: now, author: actor.name, text, ...(kind ? { action: kind } : {}) });

  switch (action.type) {
    case 'ack': {
      if (!note) return refuse('bad_request', 'acknowledging needs a note', 'alert.note_required');
      const minutes = action.expiresInMinutes ?? DEFAULT_ACK_MINUTES;
      if (!(minutes > 0 && minutes <= 7 * 24 * 60))
        return refuse('bad_request', 'expiresInMinutes must be 1…10080', 'alert.expiry_range');
      const takeover = alert.state === 'acknowledged';
      if (takeover && alert.owner === actor.name)
        return refuse('conflict', `alert ${alert.id} is already yours`, 'alert.already_yours', {
          id: alert.id,
        });
      if (takeover && !action.takeover)
        return refuse('conflict', `alert ${alert.id} is acknowledged by ${alert.owner}`, 'alert.acked_by', {
          id: alert.id,
          owner: alert.owner ?? '',
        });
      next.state = 'acknowledged';
      next.owner = actor.name;
      next.ackedAt = now;
      next.ackExpiresAt = now + minutes * 60_000;
      addNote(note, takeover ? 'takeover' : 'ack');
      return {
        ok: true,
        alert: next,
        audit: audit(takeover ? 'takeover' : 'ack', {
          detail: JSON.stringify({
            expiresAt: next.ackExpiresAt,
            ...(takeover ? { previousOwner: alert.owner } : {}),
          }),
        }),
      };
    }
    case 'release': {
      if (alert.state !== 'acknowledged')
        return refuse('conflict', `alert ${alert.id} is not acknowledged`, 'alert.not_acked', {
          id: alert.id,
        });
      if (alert.owner !== actor.name)
        return refuse(
          'conflict',
          `alert ${alert.id} is acknowledged by ${alert.owner}; only the owner releases`,
          'alert.only_owner_releases',
          { id: alert.id, owner: alert.owner ?? '' },
        );
      next.state = 'open';
      next.owner = null;
      next.ackedAt = null;
      next.ackExpiresAt = null;
      if (note) addNote(note, 'release');
      return { ok: true, alert: next, audit: audit('release') };
    }
    case 'escalate': {
      if (!note) return refuse('bad_request', 'escalating needs a note', 'alert.note_required');
      if (alert.escalated)
        return refuse('conflict', `alert ${alert.id} is already escalated`, 'alert.already_escalated', {
          id: alert.id,
        });
      next.escalated = true;
      addNote(note, 'escalate');
      return { ok: true, alert: next, audit: audit('escalate') };
    }
    case 'resolve': {
      if (!note) return refuse('bad_request', 'resolving needs a note', 'alert.note_required');
      next.state = 'resolved';
      next.resolvedAt = now;
      next.resolvedBy = actor.name;
      next.disposition = action.disposition;
      next.active = false;
      addNote(note, 'resolve');
      return {
        ok: true,
        alert: next,
        audit: audit('resolve', { detail: JSON.stringify({ disposition: action.disposition }) }),
      };
    }
    case 'snooze': {
      if (!note) return refuse('bad_request', 'snoozing needs a note', 'alert.note_required');
      const until = action.until ?? (action.minutes !== undefined ? now + action.minutes * 60_000 : null);
      if (until === null && !action.untilPeak)
        return refuse('bad_request', 'snooze needs minutes, until or untilPeak', 'alert.snooze_needs_end');
      if (until !== null && (until <= now || until > now + 30 * 86_400_000)) {
        return refuse('bad_request', 'snooze must end in the future, within 30 days', 'alert.snooze_range');
      }
      next.snoozedUntil = until;
      next.snoozedAbove = action.untilPeak ? alert.peakScore : null;
      addNote(note, 'snooze');
      return {
        ok: true,
        alert: next,
        audit: audit('snooze', { detail: JSON.stringify({ until, above: next.snoozedAbove }) }),
      };
    }
    case 'note': {
      if (!note) return refuse('bad_request', 'a note needs text', 'alert.note_empty');
      if (note.length > ALERT_NOTE_MAX)
        return refuse(
          'bad_request',
          `a note is at most ${ALERT_NOTE_MAX} characters`,
          'alert.note_too_long',
          {
            max: ALERT_NOTE_MAX,
          },
        );
      if (alert.notes.filter((n) => !n.action).length >= ALERT_PLAIN_NOTES_MAX)
        return refuse(
          'conflict',
          `alert ${alert.id} has ${ALERT_PLAIN_NOTES_MAX} notes, the most it keeps`,
          'alert.notes_full',
          { id: alert.id, max: ALERT_PLAIN_NOTES_MAX },
        );
      addNote(note);
      return { ok: true, alert: next, audit: audit('note') };
    }
    case 'unsnooze': {
      if (alert.snoozedUntil === null && alert.snoozedAbove === null)
        return refuse('conflict', 'alert is not snoozed', 'alert.not_snoozed');
      next.snoozedUntil = null;
      next.snoozedAbove = null;
      next.notes.push({
        at: now,
        author: 'system',
        text: `snooze ended: ${action.reason}`,
        key: 'note.snooze_passed_peak',
        // whole points, as every screen shows a score
        params: { score: shownScore(action.score) },
      });
      return {
        ok: true,
        alert: next,
        audit: audit('unsnooze', { note: action.reason, detail: JSON.stringify({ score: action.score }) }),
      };
    }
    case 'expire': {
      if (alert.state !== 'acknowledged' || (alert.ackExpiresAt ?? Infinity) > action.at) {
        return refuse('conflict', 'claim has not expired', 'alert.claim_not_expired');
      }
      next.state = 'open';
      next.owner = null;
      next.ackedAt = null;
      next.ackExpiresAt = null;
      next.notes.push({
        at: now,
        author: 'system',
        text: `claim by ${alert.owner} expired; back to open`,
        key: 'note.claim_expired',
        params: { owner: alert.owner ?? '' },
      });
      return {
        ok: true,
        alert: next,
        audit: audit('expire', {
          note: `claim by ${alert.owner} expired`,
          detail: JSON.stringify({ owner: alert.owner ?? '' }),
        }),
      };
    }
  }
}
