/**
 * @module Hand-off of an alert to other tools: its dossier (example events read back from their streams), exports
 * as STIX 2.1 and MISP, and the push to TheHive 5. Every hand-off, failed or not, is an audit record on the alert.
 */
import type { HandoffFormat, TheHivePushAnswer } from '../../shared/schemas/handoff.js';
import type { AlertService } from '../alerts/alert-service.js';
import type { AuditLog } from '../alerts/audit.js';
import type { Actor } from '../alerts/state-machine.js';
import { AppError, conflict } from '../errors.js';
import type { EventLookup } from '../ingest/event-lookup.js';
import { buildDossier, type Dossier, exampleRefs, type HandoffEvent } from './dossier.js';
import { mispEvent } from './misp-export.js';
import { stixBundle } from './stix-export.js';
import { type TheHiveAlert, theHiveAlert } from './thehive-alert.js';

export interface HandoffDeps {
  alerts: Pick<AlertService, 'get'>;
  events: Pick<EventLookup, 'read'>;
  audit: AuditLog;
  publicUrl: string;
  /** TheHive 5, when configured. */
  thehive: { url: string; key: string } | null;
  /** Time allowed for TheHive's answer, ms. @default 10000 */
  timeoutMs?: number;
}

const FORMAT_NAME: Record<HandoffFormat, string> = { stix: 'STIX 2.1 bundle', misp: 'MISP event' };

/** At most this much of a refusal's text is kept (it is the other side's text: shown as text only). */
const MAX_REFUSAL = 300;

export class Handoff {
  constructor(private readonly d: HandoffDeps) {}

  /** Everything an alert hands off, as of now. */
  async dossier(id: string, now = Date.now()): Promise<Dossier> {
    const alert = await this.d.alerts.get(id);
    const read = await this.d.events.read(exampleRefs(alert));
    const events = read.filter((e): e is HandoffEvent => e.event !== null);
    return buildDossier(alert, events, `${this.d.publicUrl}/alerts?id=${encodeURIComponent(alert.id)}`, now);
  }

  /** The alert as a STIX bundle or a MISP event, with a file name; audited on the alert. */
  async export(
    id: string,
    format: HandoffFormat,
    actor: Actor,
  ): Promise<{ filename: string; body: unknown }> {
    const d = await this.dossier(id);
    const body = format === 'stix' ? stixBundle(d) : mispEvent(d);
    await this.d.audit.append({
      at: d.at,
      actor: actor.name,
      role: actor.role,
      action: 'alert.export',
      alertId: d.alert.id,
      note: `exported as a ${FORMAT_NAME[format]}`,
      detail: JSON.stringify({ format, observables: d.observables.length, events: d.events.length }),
    });
    return { filename: `watchfloor-alert-${d.alert.id}.${format}.json`, body };
  }

  /** Creates the alert in TheHive with its observables; audited on the alert whether TheHive took it or not. */
  async pushToTheHive(id: string, actor: Actor): Promise<TheHivePushAnswer> {
    const hive = this.d.thehive;
    if (!hive)
      throw new AppError('unavailable', 'TheHive is not configured (WF_THEHIVE_URL and WF_THEHIVE_KEY)', {
        key: 'handoff.thehive_off',
      });
    const d = await this.dossier(id);
    const body = theHiveAlert(d);
    const record = (ok: boolean, note: string, detail: Record<string, unknown>) =>
      this.d.audit.append({
        at: Date.now(),
        actor: actor.name,
        role: actor.role,
        action: ok ? 'alert.thehive' : 'alert.thehive.failed',
        alertId: d.alert.id,
        note,
        detail: JSON.stringify(detail),
      });
    let answer = await this.post(hive, body);
    // TheHive refuses procedures whose technique its ATT&CK catalogue lacks: the alert matters more than they do
    let procedures = body.procedures.length;
    if (!answer.ok && procedures > 0 && /pattern/i.test(answer.text)) {
      answer = await this.post(hive, { ...body, procedures: [] });
      procedures = 0;
    }
    if (!answer.ok) {
      const why = answer.status
        ? `TheHive answered ${answer.status}: ${answer.text}`
        : `TheHive unreachable: ${answer.text}`;
      await record(false, why, { status: answer.status });
      const detail = answer.text.slice(0, 200);
      if (answer.status === 400 && /exist/i.test(answer.text))
        throw conflict(`already in TheHive: ${answer.text}`, {
          key: 'handoff.thehive_exists',
          params: { detail },
        });
      throw new AppError(
        'unavailable',
        why,
        answer.status
          ? { key: 'handoff.thehive_refused', params: { status: answer.status, detail } }
          : { key: 'handoff.thehive_unreachable', params: { detail } },
      );
    }
    const theHiveId = answer.id;
    await record(true, `sent to TheHive as alert ${theHiveId}`, {
      theHiveId,
      observables: body.observables.length,
      procedures,
    });
    return { theHiveId, observables: body.observables.length, procedures };
  }

  private async post(
    hive: { url: string; key: string },
    body: TheHiveAlert,
  ): Promise<{ ok: true; id: string } | { ok: false; status: number; text: string }> {
    try {
      const res = await fetch(`${hive.url}/api/v1/alert`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${hive.key}`,
          'user-agent': 'watchfloor',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.d.timeoutMs ?? 10_000),
      });
      const text = await res.text().catch(() => '');
      if (!res.ok) return { ok: false, status: res.status, text: refusalText(text) };
      const id = idOf(text);
      return id ? { ok: true, id } : { ok: false, status: res.status, text: 'no alert id in the answer' };
    } catch (err) {
      return { ok: false, status: 0, text: refusalText((err as Error).message) };
    }
  }
}

/** The `_id` of TheHive's answer (the created alert). */
function idOf(text: string): string | null {
  try {
    const json = JSON.parse(text) as { _id?: unknown };
    return typeof json._id === 'string' && json._id.length > 0 && json._id.length <= 128 ? json._id : null;
  } catch {
    return null;
  }
}

/** TheHive's error message (`{type, message}`) or its raw text, on one line, bounded. */
function refusalText(text: string): string {
  let out = text;
  try {
    const json = JSON.parse(text) as { message?: unknown };
    if (typeof json.message === 'string') out = json.message;
  } catch {
    // not JSON: the text itself
  }
  return out.replace(/\s+/g, ' ').trim().slice(0, MAX_REFUSAL) || '(empty answer)';
}
