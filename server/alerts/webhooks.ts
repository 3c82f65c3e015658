/**
 * @module Webhook notifications: new critical alerts and escalations are POSTed as JSON (Slack/Mattermost `text`
 * plus the alert), from a queue beside the pipeline, with retries and backoff; every delivery and failure is
 * recorded for admins (URL whole) and in the audit trail (URL without its secrets: leads and the alert's history read
 * it).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  byteScale,
  FEATURE_WORDS,
  featureUnit,
  featureValueText,
  splitFeature,
  TEXT_FEATURE_WORDS,
  type ValueWriter,
} from '../../shared/features.js';
import { redactUrl, redactUrlIn } from '../../shared/redact-url.js';
import { type Alert, shownScore } from '../../shared/schemas/alert.js';
import type { WebhookAuditDetail, WebhookEvent } from '../../shared/schemas/audit.js';
import type { Reason } from '../../shared/schemas/score.js';
import { showUnseen } from '../../shared/unseen.js';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis/connections.js';
import { type Keys, STREAM_CAPS } from '../redis/keys.js';
import type { AuditLog, NewAuditRecord } from './audit.js';

export type { WebhookEvent };

export interface WebhookPayload {
  event: WebhookEvent;
  text: string;
  alert: Alert;
}

export interface WebhookOptions {
  urls: () => readonly string[];
  redis: Redis;
  keys: Keys;
  audit: AuditLog;
  logger: Logger;
  publicUrl: string;
  /** Delays before each retry, ms. @default [1000, 2000, 4000, 8000, 16000] */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
}

export interface Delivery {
  at: number;
  url: string;
  event: WebhookEvent;
  alertId: string;
  attempt: number;
  ok: boolean;
  status: number;
  error?: string;
}

export function webhookText(event: WebhookEvent, alert: Alert, publicUrl: string): string {
  const what = event === 'alert.escalated' ? 'ESCALATED' : alert.severity.toUpperCase();
  const reason = alert.reasons[0];
  const why = reason ? ` — ${reasonWords(reason)}` : '';
  return chatSafe(
    `[${what}] ${alert.detector} on ${alert.entity.type} ${literal(alert.entity.id)} (${literal(alert.segment)}), score ${shownScore(alert.score)}${why} ${publicUrl}/alerts?id=${alert.id}`,
  );
}

/**
 * A reason in the screens' English words and units, "scan: share of connections failing 99 % (expected 5 %)": the
 * feature's words (a detector's own id never reaches a reader), what a detector wrote after it (a destination, a
 * domain, a signature: producer text) as a code span.
 */
function reasonWords(r: Reason): string {
  const unit = featureUnit(r.detector, r.feature);
  let feature: string;
  if (Object.hasOwn(TEXT_FEATURE_WORDS, r.detector))
    feature = `${TEXT_FEATURE_WORDS[r.detector as keyof typeof TEXT_FEATURE_WORDS]} ${literal(r.feature)}`;
  else {
    const { head, tail } = splitFeature(r.feature);
    const words = Object.hasOwn(FEATURE_WORDS, head)
      ? FEATURE_WORDS[head as keyof typeof FEATURE_WORDS]
      : literal(head);
    feature = tail ? `${words} ${literal(tail.trim())}` : words;
  }
  return `${r.detector}: ${feature} ${featureValueText(unit, r.observed, ENGLISH)} (expected ${featureValueText(unit, r.expected, ENGLISH)})`;
}

const upTo2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Numbers and units in English, as the screens write them in English, without their locale. */
const ENGLISH: ValueWriter = {
  count: (n) => upTo2.format(n),
  fixed: (n, digits) => n.toFixed(digits),
  percent: (n) => `${Math.round(n)} %`,
  bytes: (n) => {
    const [m, u] = byteScale(n);
    return `${n < 0 ? '-' : ''}${u === 'B' ? Math.round(m) : m.toFixed(1)} ${u}`;
  },
  perSecond: (text) => `${text}/s`,
  perMinute: (text) => `${text}/min`,
  seconds: (s) => `${upTo2.format(s)} s`,
};

/**
 * Producer text (a segment's name, an address, a reason naming a signature or a domain) as an inline code span: in
 * Slack and Mattermost no mention (`@channel`), link or emphasis inside it is acted on. Its own backticks, which
 * would end the span, become quotes, line breaks spaces, and controls and direction marks U+FFFD.
 */
function literal(text: string): string {
  return `\`${showUnseen(text.replace(/`/g, "'").replace(/[\r\n]+/g, ' '))}\``;
}

/** Slack's control sequences (`<!channel>`, `<url|label>`) cannot be written: `&`, `<` and `>` escaped, as its format asks. */
function chatSafe(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A delivery's audit record, which the alert's history shows: its URL without its secrets, an English note for
 * programs, and the same facts as `detail` for screens, which word them in their language.
 */
export function deliveryAuditRecord(d: Delivery): NewAuditRecord {
  const detail: WebhookAuditDetail = {
    event: d.event,
    url: redactUrl(d.url),
    attempt: d.attempt,
    status: d.status,
    ...(d.error && d.status === 0 ? { error: redactUrlIn(d.error, d.url) } : {}),
  };
  return {
    at: d.at,
    actor: 'system',
    role: 'system',
    action: d.ok ? 'webhook.delivered' : 'webhook.failed',
    alertId: d.alertId,
    note: `${d.event} to ${redactUrl(d.url)} (attempt ${d.attempt})${d.error ? `: ${redactUrlIn(d.error, d.url)}` : ''}`,
    detail: JSON.stringify(detail),
  };
}

export class Webhooks {
  private readonly retryDelays: readonly number[];

  constructor(private readonly o: WebhookOptions) {
    this.retryDelays = o.retryDelaysMs ?? [1000, 2000, 4000, 8000, 16000];
  }

  /** Sends to every configured URL in the background (each with its own retries); returns at once. */
  notify(event: WebhookEvent, alert: Alert): void {
    const payload = { event, text: webhookText(event, alert, this.o.publicUrl), alert };
    for (const url of this.o.urls()) void this.deliver(url, payload);
  }

  private async deliver(url: string, payload: WebhookPayload): Promise<void> {
    for (let attempt = 1; attempt <= this.retryDelays.length + 1; attempt++) {
      const result = await this.post(url, payload);
      const delivery: Delivery = {
        at: Date.now(),
        url,
        event: payload.event,
        alertId: payload.alert.id,
        attempt,
        ...result,
      };
      await this.record(delivery).catch((err: Error) =>
        this.o.logger.warn({ err: err.message }, 'webhook record failed'),
      );
      if (result.ok) return;
      const delay = this.retryDelays[attempt - 1];
      if (delay === undefined) return;
      await sleep(delay);
    }
  }

  private async post(
    url: string,
    payload: WebhookPayload,
  ): Promise<{ ok: boolean; status: number; error?: string }> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'watchfloor-webhook' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok
        ? { ok: true, status: res.status }
        : { ok: false, status: res.status, error: `HTTP ${res.status}` };
    } catch (err) {
      return { ok: false, status: 0, error: (err as Error).message };
    }
  }

  /** Kept whole in the deliveries log (admins only); the audit record, which the alert's history shows, is redacted. */
  private async record(d: Delivery): Promise<void> {
    const fields = Object.entries(d).flatMap(([k, v]) => (v === undefined ? [] : [k, String(v)]));
    await this.o.redis.xadd(
      this.o.keys.webhookDeliveries,
      'MAXLEN',
      '~',
      STREAM_CAPS.webhookDeliveries,
      '*',
      ...fields,
    );
    await this.o.audit.append(deliveryAuditRecord(d));
  }

  async deliveries(limit = 200): Promise<Delivery[]> {
    const rows = await this.o.redis.xrevrange(this.o.keys.webhookDeliveries, '+', '-', 'COUNT', limit);
    return rows.map(([, f]) => {
      const o: Record<string, string> = {};
      for (let i = 0; i + 1 < f.length; i += 2) o[f[i]!] = f[i + 1]!;
      return {
        at: Number(o.at),
        url: o.url ?? '',
        event: o.event as WebhookEvent,
        alertId: o.alertId ?? '',
        attempt: Number(o.attempt),
        ok: o.ok === 'true',
        status: Number(o.status),
        ...(o.error ? { error: o.error } : {}),
      };
    });
  }
}
