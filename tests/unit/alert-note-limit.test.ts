/** One limit for a note on an alert: every action body takes ALERT_NOTE_MAX characters (once trimmed) and no more. */
import { describe, expect, it } from 'vitest';
import { ALERT_NOTE_MAX } from '../../shared/schemas/alert.js';
import { ALERT_ACTION_BODIES } from '../../shared/schemas/alert-api.js';

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
