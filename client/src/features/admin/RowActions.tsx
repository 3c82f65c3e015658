/**
 * @module A list's destructive row action asked twice ("Revoke" → "Confirm revoke" / "Cancel"), the hook that runs
 * it (one row confirming at a time, what happened said once, the list reloaded), and the status and error lines under
 * the list. Used by the token, API token and session lists.
 */
import { useState } from 'react';
import { t } from '../../i18n/index.js';
import { errorText } from './admin-api.js';

export interface RowAction {
  /** The row waiting for its confirmation, if any. */
  confirming: string | null;
  ask(id: string | null): void;
  status: string | null;
  error: string | null;
  /** Runs the action; on success says `done` and reloads, on failure says why (or `failed`). */
  run(action: () => Promise<unknown>, done: string, failed: string): Promise<void>;
  /** Forgets the last status (a new item was created, for instance). */
  clearStatus(): void;
}

export function useRowAction(reload: () => void): RowAction {
  const [confirming, ask] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return {
    confirming,
    ask,
    status,
    error,
    async run(action, done, failed) {
      try {
        await action();
        ask(null);
        setStatus(done);
        setError(null);
        reload();
      } catch (e) {
        setError(errorText(e, failed));
      }
    },
    clearStatus: () => setStatus(null),
  };
}

/** "Revoke" (or another verb) that asks once more before it acts. */
export function ConfirmButton({
  id,
  row,
  verb,
  label,
  onConfirm,
}: {
  id: string;
  row: RowAction;
  verb: string;
  /** What the first button says to a screen reader ("Revoke ops wall"). */
  label: string;
  onConfirm(): void;
}) {
  return (
    <div className="admin__actions">
      {row.confirming === id ? (
        <>
          <button type="button" className="btn btn--small btn--danger" onClick={onConfirm}>
            {t('admin.confirmVerb', { verb: verb.toLowerCase() })}
          </button>
          <button type="button" className="btn btn--small" onClick={() => row.ask(null)}>
            {t('action.cancel')}
          </button>
        </>
      ) : (
        <button type="button" className="btn btn--small" onClick={() => row.ask(id)} aria-label={label}>
          {verb}
        </button>
      )}
    </div>
  );
}

/** What the last action did, and why it failed, read out as they change. */
export function RowActionMessages({ row }: { row: Pick<RowAction, 'status' | 'error'> }) {
  return (
    <>
      <div role="status" className="flash">
        {row.status}
      </div>
      <div role="alert" className="error-text">
        {row.error}
      </div>
    </>
  );
}
