/** @module Alert actions for HTTP and sockets alike: role checks, the pure transition, compare-and-set, broadcast. */
import type { TextParams } from '../../shared/locale.js';
import type { Alert } from '../../shared/schemas/alert.js';
import { AppError, notFound } from '../errors.js';
import type { AlertStore } from './alert-store.js';
import type { NewAuditRecord } from './audit.js';
import { type Actor, type AlertAction, applyAction } from './state-machine.js';

/** One alert a bulk action could not change: English, and the same as a catalogue key with parameters. */
export type BulkFailure = { id: string; error: string; key?: string; params?: TextParams };

export interface AlertServiceDeps {
  store: AlertStore;
  /** Called after every committed change (the realtime hub broadcasts it to every instance). */
  onChange: (alert: Alert) => void;
  /** Called after each committed transition with its audit record (webhooks listen for escalations). */
  onTransition?: (alert: Alert, audit: NewAuditRecord) => void;
  now?: () => number;
}

const noAlert = (id: string) => notFound(`no alert ${id}`, { key: 'alert.not_found', params: { id } });

export class AlertService {
  private readonly now: () => number;
  constructor(private readonly d: AlertServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  /** Broadcasts a change made outside `act` (evidence updates by the alert engine). */
  notify(alert: Alert): void {
    this.d.onChange(alert);
  }

  get store(): AlertStore {
    return this.d.store;
  }

  /**
   * Applies an action. Without a client version, a concurrent change is retried against the fresh alert (so a
   * second acknowledgement meets the first one's owner and is refused); with one, a stale version is a conflict.
   */
  async act(id: string, action: AlertAction, actor: Actor): Promise<Alert> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const alert = await this.d.store.get(id);
      if (!alert) throw noAlert(id);
      const t = applyAction(alert, action, actor, this.now());
      if (!t.ok) throw new AppError(t.code, t.message, t.text);
      const res = await this.d.store.transition(t.alert, alert.version, t.audit);
      if (res.ok) {
        this.d.onChange(t.alert);
        this.d.onTransition?.(t.alert, t.audit);
        return t.alert;
      }
      if (res.reason === 'missing') throw noAlert(id);
    }
    throw new AppError('conflict', `alert ${id} keeps changing; reload and retry`, {
      key: 'alert.keeps_changing',
      params: { id },
    });
  }

  /** One action over many alerts; each succeeds or fails on its own. */
  async bulk(
    ids: readonly string[],
    action: AlertAction,
    actor: Actor,
  ): Promise<{ done: Alert[]; failed: BulkFailure[] }> {
    const done: Alert[] = [];
    const failed: BulkFailure[] = [];
    // an id given twice is acted on once (the second time it met its own change: "already escalated")
    for (const id of new Set(ids)) {
      try {
        done.push(await this.act(id, action, actor));
      } catch (err) {
        failed.push({ id, error: (err as Error).message, ...(err instanceof AppError ? err.text : {}) });
      }
    }
    return { done, failed };
  }

  async get(id: string): Promise<Alert> {
    const a = await this.d.store.get(id);
    if (!a) throw noAlert(id);
    return a;
  }
}
