/** Figures as a person reads them: a lockout's wait in minutes and seconds, a tie between reasons said as one. */
import { afterEach, describe, expect, it } from 'vitest';
import { mostRejected } from '../../client/src/features/kpis/most-rejected.js';
import { applyLocale } from '../../client/src/i18n/index.js';
import { serverText } from '../../client/src/i18n/server-text.js';
import { formatDuration } from '../../client/src/lib/format.js';

afterEach(() => applyLocale('en'));

describe('a login lockout', () => {
  it('says how long to wait in minutes and seconds, in both languages', () => {
    const text = { key: 'login.throttled', params: { seconds: 847 } };
    expect(serverText(text, 'fallback')).toBe('Too many failed logins; try again in 14 min 7 s.');
    expect(serverText({ key: 'totp.throttled', params: { seconds: 42 } }, 'fallback')).toBe(
      'Too many wrong codes; try again in 42 s.',
    );
    applyLocale('lt');
    expect(serverText(text, 'fallback')).toBe(
      'Per daug nesėkmingų prisijungimų; bandykite vėl po 14 min. 7 s.',
    );
  });

  it('and a refusal names the role in the screen’s language', () => {
    const text = { key: 'access.role_may_not', params: { role: 'operator', permission: 'admin' } };
    expect(serverText(text, 'fallback')).toBe('Your role (operator) may not do this (admin).');
    applyLocale('lt');
    expect(serverText(text, 'fallback')).toBe('Jūsų vaidmeniui (operatorius) tai neleidžiama (admin).');
  });

  it('and a duration under a minute is seconds alone', () => {
    expect([formatDuration(31), formatDuration(60), formatDuration(3_700)]).toEqual([
      '31 s',
      '1 min 0 s',
      '1 h 1 min',
    ]);
  });
});

describe('the reasons that rejected the most entries', () => {
  it('are every reason tied at the top, by name, so a tie is never reported as one winner', () => {
    expect(mostRejected({ missing_field: 4, bad_json: 4, bad_type: 1 })).toEqual([
      'bad_json',
      'missing_field',
    ]);
    expect(mostRejected({ bad_type: 1, bad_json: 3 })).toEqual(['bad_json']);
    expect(mostRejected({})).toEqual([]);
    expect(mostRejected({ bad_json: 0 })).toEqual([]);
  });
});
