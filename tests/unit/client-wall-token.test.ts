/**
 * The wall's token is read once per page: React may run the wall's first render again from scratch after the first
 * read took the token out of the address bar, and the second read must give the same answer (a malformed link read
 * twice said "no display token" instead of "refused").
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A page at `search` with the browser parts the token reader uses; returns the stored items. */
function page(search: string): Map<string, string> {
  const stored = new Map<string, string>();
  const location = { pathname: '/wall', search, hash: '' };
  vi.stubGlobal('window', {
    location,
    history: {
      replaceState: (_s: unknown, _t: string, url: string) => {
        location.search = url.includes('?') ? url.slice(url.indexOf('?')) : '';
      },
    },
  });
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => void stored.set(k, v),
    removeItem: (k: string) => void stored.delete(k),
  });
  return stored;
}

/** The reader as a new page load has it (its memory is the page's). */
const freshReader = async () => {
  vi.resetModules();
  return (await import('../../client/src/lib/wall-token.js')).readWallToken;
};

describe('readWallToken', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('gives a malformed link the same answer when read again, after the address bar lost it', async () => {
    page('?token=bogus&rotate=3');
    const read = await freshReader();
    expect(read()).toBe('malformed');
    expect(window.location.search).toBe('?rotate=3');
    expect(read()).toBe('malformed');
  });

  it('keeps a good token for a second read and for a reload, out of the address bar', async () => {
    const stored = page('?token=wfd_abcdefgh12345678');
    expect((await freshReader())()).toBe('wfd_abcdefgh12345678');
    expect(window.location.search).toBe('');
    expect([...stored.values()]).toEqual(['wfd_abcdefgh12345678']);
    // the reload: a new page load with the address the first one left
    expect((await freshReader())()).toBe('wfd_abcdefgh12345678');
  });

  it('takes a token the address brings again on the same page', async () => {
    page('?token=bogus');
    const read = await freshReader();
    expect(read()).toBe('malformed');
    window.location.search = '?token=wfd_abcdefgh12345678';
    expect(read()).toBe('wfd_abcdefgh12345678');
  });

  it('says no token for a page opened without one', async () => {
    page('');
    expect((await freshReader())()).toBeNull();
  });
});
