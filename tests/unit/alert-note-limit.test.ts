/** One limit for a note on an alert: every action body takes ALERT_NOTE_MAX characters (once trimmed) and no more. */
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../server/alerts/state-machine.js';
import { ALERT_NOTE_MAX, ALERT_PLAIN_NOTES_MAX, type Alert } from '../../shared/schemas/alert.js';
import { ALERT_ACTION_BODIES } from '../../shared/schemas/alert-api.js';
import { alertFixture } from '../support/alert-fixture.js';

describe('ALERT_NOTE_MAX', () => {
  const at = 'x'.repeat(ALERT_NOTE_MAX);
  const over = `${at}x`;

  it('is what each action with a note takes, spaces around it trimmed first', () => {
    for (const body of [
      ALERT_ACTION_BODIES.ack.safeParse({ note: `  ${at}  ` }),
      ALERT_ACTION_BODIES.escalate.safeParse({ note: at }),
      ALERT_ACTION_BODIES.release.safeParse({ note: at }),
      ALERT_ACTION_BODIES.snooze.safeParse({ note: at, minutes: 60 }),
      ALERT_ACTION_BODIES.note.safeParse({ text: at }),
    ])
      expect(body.success).toBe(true);
  });

  it('refuses one character more', () => {
    for (const body of [
      ALERT_ACTION_BODIES.ack.safeParse({ note: over }),
      ALERT_ACTION_BODIES.release.safeParse({ note: over }),
      ALERT_ACTION_BODIES.resolve.safeParse({ note: over, disposition: 'benign' }),
      ALERT_ACTION_BODIES.note.safeParse({ text: over }),
    ])
      expect(body.success).toBe(false);
  });
});

describe('ALERT_PLAIN_NOTES_MAX', () => {
  const operator = { name: 'otto', role: 'operator' as const };
  const lead = { name: 'lea', role: 'lead' as const };
  const withNotes = (plain: number): Alert =>
    alertFixture({
      notes: [
        { at: 1, author: 'lea', text: 'on it', action: 'ack' },
        ...Array.from({ length: plain }, (_, i) => ({ at: i + 2, author: 'otto', text: `note ${i}` })),
      ],
    });

  it('takes plain notes up to it, then refuses one more with the limit named', () => {
    expect(
      applyAction(withNotes(ALERT_PLAIN_NOTES_MAX - 1), { type: 'note', text: 'last' }, operator, 9).ok,
    ).toBe(true);
    expect(
      applyAction(withNotes(ALERT_PLAIN_NOTES_MAX), { type: 'note', text: 'one more' }, operator, 9),
    ).toMatchObject({
      ok: false,
      code: 'conflict',
      text: { key: 'alert.notes_full', params: { max: ALERT_PLAIN_NOTES_MAX } },
    });
  });

  it("never stops a lead's action, whose reason is a note too", () => {
    const full = withNotes(ALERT_PLAIN_NOTES_MAX);
    const acked = applyAction(full, { type: 'ack', note: 'taking it' }, lead, 9);
    expect(acked.ok).toBe(true);
    if (acked.ok) expect(acked.alert.notes).toHaveLength(ALERT_PLAIN_NOTES_MAX + 2);
  });
});
