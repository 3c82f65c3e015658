/** Route matching, the login `next=` rule, search result links and the wall token in the URL. */
import { describe, expect, it } from 'vitest';
import { resultPath } from '../../client/src/features/search/result-path.js';
import { matchPath, safeNext, takeToken } from '../../client/src/lib/paths.js';

describe('matchPath', () => {
  it('matches literal and parameter segments, decoding parameters', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/alerts', '/alerts/')).toEqual({});
    expect(matchPath('/hosts/:ip', '/hosts/10.0.0.1')).toEqual({ ip: '10.0.0.1' });
    expect(matchPath('/hosts/:ip', `/hosts/${encodeURIComponent('fe80::1')}`)).toEqual({ ip: 'fe80::1' });
    expect(matchPath('/hosts/:ip', '/hosts/')).toBeNull();
    expect(matchPath('/hosts/:ip', '/hosts/a/b')).toBeNull();
    expect(matchPath('/hosts/:ip', '/hosts/%E0%A4%A')).toBeNull();
    expect(matchPath('/wall', '/Wall')).toBeNull();
  });
});

describe('safeNext', () => {
  it('follows only same-origin paths', () => {
    expect(safeNext('/alerts?state=open')).toBe('/alerts?state=open');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('javascript:alert(1)')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
  });
});

describe('takeToken', () => {
  it('takes the token out of the query and keeps the rest', () => {
    expect(takeToken('?token=abcDEF_123-xyz&rotate=5')).toEqual({
      token: 'abcDEF_123-xyz',
      rest: '?rotate=5',
      malformed: false,
    });
    expect(takeToken('?token=abcDEF_123-xyz')).toEqual({
      token: 'abcDEF_123-xyz',
      rest: '',
      malformed: false,
    });
    expect(takeToken('')).toEqual({ token: null, rest: '', malformed: false });
  });
  it('refuses tokens with odd characters or length (they are never sent anywhere)', () => {
    expect(takeToken('?token=short').token).toBeNull();
    // a token given that cannot be one is said as refused, not as no token at all
    expect(takeToken('?token=short').malformed).toBe(true);
    expect(takeToken(`?token=${encodeURIComponent('<script>alert(1)</script>')}`).token).toBeNull();
  });
});

describe('resultPath', () => {
  it('links each kind of search result to its view', () => {
    expect(resultPath({ type: 'host', id: '10.0.0.1' })).toBe('/hosts/10.0.0.1');
    expect(resultPath({ type: 'asset', id: 'fe80::1' })).toBe(`/hosts/${encodeURIComponent('fe80::1')}`);
    expect(resultPath({ type: 'segment', id: 'a b' })).toBe('/alerts?segment=a%20b');
    expect(resultPath({ type: 'sensor', id: 'zeek/1' })).toBe('/sensors?sensor=zeek%2F1');
  });
});
