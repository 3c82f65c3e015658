/** @module The form behind every alert action: a note (required for all but release), and the action's options. */
import { type FormEvent, useRef, useState } from 'react';
import type { Alert, Disposition } from '../../../../shared/schemas/alert.js';
import { ALERT_NOTE_MAX, claimHolder, shownScore } from '../../../../shared/schemas/alert.js';
import { MAX_SCORE } from '../../../../shared/schemas/score.js';
import { Dialog } from '../../components/Dialog.js';
import { t } from '../../i18n/index.js';
import { errorText } from '../../i18n/server-text.js';
import { words } from '../../i18n/words.js';
import { detectorName } from '../../labels/detectors.js';
import { formatInteger } from '../../lib/format.js';
import { type ActionValues, type DialogAction, NOTE_REQUIRED } from './actions.js';

export type { ActionValues, DialogAction };

const ACTIONS: readonly DialogAction[] = [
  'ack',
  'escalate',
  'resolve',
  'snooze',
  'note',
  'release',
  'bulk-ack',
  'bulk-resolve',
];

/** Each action's dialog title ("Acknowledge (claim) alert"), from the catalogues. */
export const ACTION_TITLES: Readonly<Record<DialogAction, string>> = words(
  Object.fromEntries(ACTIONS.map((a) => [a, `action.title.${a}`])) as Record<DialogAction, string>,
);

/** Each action's verb, on its submit button and in the message after it ("Acknowledge"). */
export const ACTION_VERBS: Readonly<Record<DialogAction, string>> = words(
  Object.fromEntries(ACTIONS.map((a) => [a, `action.verb.${a}`])) as Record<DialogAction, string>,
);

export interface ActionDialogProps {
  action: DialogAction | null;
  /** The alert acted on (single actions), for the summary and the takeover rule. */
  alert?: Alert | null;
  /** What the bulk action targets, in words ("3 selected alerts", "group energy (5)"). */
  targetText?: string;
  me: string;
  onSubmit(values: ActionValues): Promise<void>;
  onClose(): void;
}

export function ActionDialog({ action, alert, targetText, me, onSubmit, onClose }: ActionDialogProps) {
  return (
    <Dialog title={action ? ACTION_TITLES[action] : ''} open={action !== null} onClose={onClose}>
      {action ? (
        <ActionForm
          key={`${action}/${alert?.id ?? ''}`}
          action={action}
          alert={alert ?? null}
          targetText={targetText}
          me={me}
          onSubmit={onSubmit}
          onClose={onClose}
        />
      ) : null}
    </Dialog>
  );
}

function ActionForm({
  action,
  alert,
  targetText,
  me,
  onSubmit,
  onClose,
}: Omit<ActionDialogProps, 'action'> & { action: DialogAction; alert: Alert | null }) {
  const [note, setNote] = useState('');
  const [disposition, setDisposition] = useState<Disposition>('true_positive');
  const [minutes, setMinutes] = useState(60);
  const [untilPeak, setUntilPeak] = useState(false);
  const [expires, setExpires] = useState(240);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Set while a request is out: a second submit (Ctrl+Enter held, or pressed again) sends nothing. */
  const sending = useRef(false);
  const holder = alert ? claimHolder(alert) : null;
  const takeover = action === 'ack' && holder !== null && holder !== me;
  /** Another lead's claim that this action goes over without taking it (escalate, resolve, snooze). */
  const theirs =
    !takeover && action !== 'note' && action !== 'release' && holder !== null && holder !== me
      ? holder
      : null;
  const required = NOTE_REQUIRED.has(action) || takeover;
  /**
   * Longer than the server takes: said at once, in the dialog's message line, and not sent (no maxLength on the field:
   * it cut a pasted note silently, and at 2,000 characters where the server takes 4,000).
   */
  const tooLong = note.trim().length > ALERT_NOTE_MAX;
  const isResolve = action === 'resolve' || action === 'bulk-resolve';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending.current) return;
    if (tooLong) return;
    if (required && note.trim() === '') {
      setError(t('action.noteRequired'));
      return;
    }
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        note: note.trim(),
        ...(isResolve ? { disposition } : {}),
        ...(action === 'snooze' ? { minutes, untilPeak } : {}),
        ...(action === 'ack' || action === 'bulk-ack' ? { expiresInMinutes: expires } : {}),
        ...(takeover ? { takeover: true } : {}),
      });
      onClose();
    } catch (err) {
      setError(errorText(err, t('action.failed')));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  return (
    <form className="dialog__form" onSubmit={submit}>
      {alert ? (
        <p className="dialog__target">
          <span className="mono">{alert.entity.id}</span> · {detectorName(alert.detector)} · {alert.segment}
          {holder ? ` · ${t('action.ownedBy', { owner: holder })}` : ''}
        </p>
      ) : targetText ? (
        <p className="dialog__target">{targetText}</p>
      ) : null}
      {takeover ? <p className="warn-text">{t('action.takeover', { owner: holder ?? '' })}</p> : null}
      {theirs ? <p className="warn-text">{t('action.theirClaim', { owner: theirs })}</p> : null}
      {isResolve ? (
        <label className="field">
          <span className="field__label">{t('action.disposition')}</span>
          <select
            className="field__input"
            name="disposition"
            value={disposition}
            onChange={(e) => setDisposition(e.target.value as Disposition)}
          >
            <option value="true_positive">{t('disposition.true_positive')}</option>
            <option value="benign">{t('disposition.benign')}</option>
            <option value="false_positive">{t('disposition.false_positive')}</option>
          </select>
        </label>
      ) : null}
      {action === 'snooze' ? (
        <label className="field">
          <span className="field__label">{t('action.snoozeFor')}</span>
          <select
            className="field__input"
            name="minutes"
            value={minutes}
            onChange={(e) => setMinutes(Number(e.target.value))}
          >
            <option value={15}>{t('duration.minutes', { count: 15 })}</option>
            <option value={60}>{t('duration.hours', { count: 1 })}</option>
            <option value={240}>{t('duration.hours', { count: 4 })}</option>
            <option value={720}>{t('duration.hours', { count: 12 })}</option>
          </select>
        </label>
      ) : null}
      {action === 'snooze' && canGetWorse(alert) ? (
        <label className="field field--check">
          <input
            type="checkbox"
            name="untilPeak"
            checked={untilPeak}
            onChange={(e) => setUntilPeak(e.target.checked)}
          />
          {t('action.untilWorse', { peak: shownScore(alert?.peakScore ?? 0) })}
        </label>
      ) : null}
      {action === 'ack' || action === 'bulk-ack' ? (
        <label className="field">
          <span className="field__label">{t('action.claimExpires')}</span>
          <select
            className="field__input"
            name="expires"
            value={expires}
            onChange={(e) => setExpires(Number(e.target.value))}
          >
            <option value={60}>{t('duration.hours', { count: 1 })}</option>
            <option value={240}>{t('action.defaultHours', { count: 4 })}</option>
            <option value={480}>{t('duration.hours', { count: 8 })}</option>
            <option value={720}>{t('duration.hours', { count: 12 })}</option>
          </select>
        </label>
      ) : null}
      <label className="field">
        <span className="field__label">
          {required ? t('action.noteRequiredLabel') : t('action.noteOptional')}
        </span>
        <textarea
          className="field__input"
          name="note"
          rows={3}
          required={required}
          aria-invalid={tooLong || undefined}
          // the dialog puts focus here when it opens (see Dialog)
          data-autofocus
          value={note}
          onChange={(e) => setNote(e.target.value)}
          // Ctrl+Enter (⌘+Enter) sends the note, as in most note fields; Enter alone makes a new line
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.repeat) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
      </label>
      <div className="dialog__error" role="alert">
        {tooLong ? t('action.noteTooLong', { max: formatInteger(ALERT_NOTE_MAX) }) : error}
      </div>
      <div className="dialog__buttons">
        <button type="button" className="btn" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? t('action.working') : ACTION_VERBS[action]}
        </button>
      </div>
    </form>
  );
}

/**
 * "Until it gets worse" is offered only when the score can still pass its peak: not at the highest score, and not
 * for an alert whose episode is over.
 */
export function canGetWorse(alert: Alert | null | undefined): boolean {
  return !!alert && alert.active && shownScore(alert.peakScore) < MAX_SCORE;
}
