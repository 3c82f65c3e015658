/**
 * The audit history in every language (QA E-7): every action the server can write (`AUDIT_ACTIONS`, which types every
 * writer's `action`), every role a record names and every webhook event has its words in each catalogue, and the
 * server's own notes are worded from the record's `detail` as the server writes it: a webhook delivery with no raw
 * event id or English, a raise with its score in whole points and the language's numbers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { auditNote } from '../../client/src/features/alerts/describe.js';
import { applyLocale, CATALOGUES, i18n, missingKeys } from '../../client/src/i18n/index.js';
import { auditActionName, webhookEventName } from '../../client/src/labels/audit.js';
import { roleName } from '../../client/src/labels/roles.js';
import { raiseDetail } from '../../server/alerts/alert-engine.js';
import { deliveryAuditRecord } from '../../server/alerts/webhooks.js';
import { LOCALES } from '../../shared/locale.js';
import { AUDIT_ACTIONS, AUDIT_ROLES, type AuditRecord, WEBHOOK_EVENTS } from '../../shared/schemas/audit.js';

const at = Date.UTC(2026, 11, 6, 17, 53, 42);
const delivery = { at, event: 'alert.critical', alertId: 'A1', attempt: 1 } as const;
const delivered = deliveryAuditRecord({
  ...delivery,
  url: 'http://127.0.0.1:4199/hook',
  ok: true,
  status: 200,
});
const answered = deliveryAuditRecord({
  ...delivery,
  event: 'alert.escalated',
  url: 'https://hooks.slack.com/services/T0/B0/secret?token=x',
  attempt: 3,
  ok: false,
  status: 500,
  error: 'HTTP 500',
});
const unreachable = deliveryAuditRecord({
  ...delivery,
  url: 'https://chat.example.org/hooks/abc',
  attempt: 6,
  ok: false,
  status: 0,
  error: 'fetch failed',
});
const obs = {
  entityType: 'host' as const,
  entityId: '10.0.0.1',
  segment: 'energy',
  score: 93.6,
  at,
  reasons: [
    { detector: 'scan', feature: 'failed_share', observed: 0.935, expected: 0.05, contribution: 93.6 },
  ],
};
const raise = {
  actor: 'system',
  action: 'alert.raise',
  note: 'scan failed_share: 0.935 vs 0.05 expected (score 93.6)',
  detail: JSON.stringify(raiseDetail(obs)),
} satisfies Pick<AuditRecord, 'actor' | 'action' | 'note' | 'detail'>;

afterAll(() => applyLocale('en'));

describe('audit history words', () => {
  it.each(LOCALES)(
    '%s names every audit action, role and webhook event from its catalogue',
    async (locale) => {
      await applyLocale(locale);
      missingKeys.clear();
      for (const action of AUDIT_ACTIONS) {
        const key = `auditAction.${action.replace(/[.-]/g, '_')}`;
        expect(i18n.exists(key, { lng: locale, fallbackLng: [] }), `${locale} ${key}`).toBe(true);
        expect(auditActionName(action)).not.toBe(action);
      }
      for (const role of AUDIT_ROLES)
        expect(i18n.exists(`role.${role}`, { lng: locale, fallbackLng: [] }), `${locale} role.${role}`).toBe(
          true,
        );
      for (const event of WEBHOOK_EVENTS) expect(webhookEventName(event)).not.toBe(event);
      expect(missingKeys).toEqual(new Set());
    },
  );

  it('Lithuanian words every action, the system role and webhook events its own way', () => {
    const lt = CATALOGUES.lt as unknown as Record<string, Record<string, string>>;
    const en = CATALOGUES.en as unknown as Record<string, Record<string, string>>;
    for (const action of AUDIT_ACTIONS) {
      const key = action.replace(/[.-]/g, '_');
      expect(lt.auditAction![key], action).not.toBe(en.auditAction![key]);
    }
    expect(lt.role!.system).toBe('sistema');
    for (const event of WEBHOOK_EVENTS) {
      const key = event.replace(/[.-]/g, '_');
      expect(lt.webhookEvent![key]).not.toBe(en.webhookEvent![key]);
    }
  });

  it('words a webhook record from its detail, with no raw event id or English, in Lithuanian', async () => {
    await applyLocale('lt');
    expect(auditNote(delivered)).toBe('naujas kritinis įspėjimas į http://127.0.0.1:4199/hook (bandymas 1)');
    expect(auditNote(answered)).toBe(
      'eskalavimas į https://hooks.slack.com/services/… (bandymas 3): atsakyta HTTP 500',
    );
    // the network's own words stay as they came
    expect(auditNote(unreachable)).toBe(
      'naujas kritinis įspėjimas į https://chat.example.org/hooks/… (bandymas 6): atsakymo nėra: fetch failed',
    );
    for (const r of [delivered, answered, unreachable]) {
      expect(auditNote(r)).not.toMatch(/alert\.(critical|escalated)|attempt|\bto\b/);
      expect(auditActionName(r.action)).not.toMatch(/^webhook\./);
    }
    expect(roleName('system')).toBe('sistema');
  });

  it('words a raise from its detail: the score whole and the numbers as the language writes them', async () => {
    await applyLocale('lt');
    // it read "… (balas 93.6)"
    const lt = auditNote(raise);
    expect(lt).toMatch(/\(balas 94\)$/);
    expect(lt).not.toMatch(/\d\.\d/);
    await applyLocale('en');
    expect(auditNote(raise)).toMatch(/ \(score 94\)$/);
    expect(auditNote(delivered)).toBe('new critical alert to http://127.0.0.1:4199/hook (attempt 1)');
    expect(auditNote(answered)).toBe(
      'escalation to https://hooks.slack.com/services/… (attempt 3): answered HTTP 500',
    );
    expect(roleName('system')).toBe('system');
  });

  it('words records written before their detail from their note the same way', async () => {
    await applyLocale('lt');
    const { detail: _d, ...oldRaise } = raise;
    expect(auditNote(oldRaise)).toBe(auditNote(raise));
    // a raise with no reason behind it (a sensor's silence) says its score alone
    expect(auditNote({ actor: 'system', action: 'alert.raise', note: 'score 93.6' })).toBe('balas 94');
    for (const r of [delivered, answered, unreachable]) {
      const { detail: _w, ...old } = r;
      expect(auditNote(old)).toBe(auditNote(r));
    }
  });
});
