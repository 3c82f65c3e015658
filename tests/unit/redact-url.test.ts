/**
 * A webhook's or a feed's URL as non-admins see it (alert history, audit, system alerts): scheme, host and port,
 * never user info, query, fragment or the path past its first segment, whatever the URL holds; and the URLs with
 * user info that fetch would refuse, refused where they are given (settings, WF_WEBHOOKS, WF_INTEL).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../client/src/i18n/index.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { settingsForAudit } from '../../server/settings.js';
import { hasUserInfo, redactUrl, redactUrlIn } from '../../shared/redact-url.js';
import { settingsPatchSchema } from '../../shared/schemas/admin.js';

/** A secret no generated host or first segment holds (hosts are lower-cased; the marker has capitals). */
const secret = fc
  .stringMatching(/^[A-Za-z0-9_-]{6,24}$/)
  .map((s) => `ZQ${s}QZ`)
  .filter((s) => /[A-Z]/.test(s));

/** A path segment that stays one (`.` and `..` are resolved away by the URL's own rules). */
const segment = fc.webSegment().filter((x) => !/^(\.|%2e){1,2}$/i.test(x));

describe('redactUrl', () => {
  it('keeps scheme, host and port, and the path to its first segment', () => {
    expect(redactUrl('https://hooks.slack.com/services/T0001/B0001/XoXoSecretToken123')).toBe(
      'https://hooks.slack.com/services/…',
    );
    expect(redactUrl('http://hookuser:hookpass@127.0.0.1:4393/mm')).toBe('http://127.0.0.1:4393/mm');
    expect(redactUrl('http://127.0.0.1:4393/feeds/list.txt?apikey=FEEDSECRET123')).toBe(
      'http://127.0.0.1:4393/feeds/…',
    );
    expect(redactUrl('https://misp.example/feed#frag')).toBe('https://misp.example/feed');
    expect(redactUrl('https://x.example')).toBe('https://x.example/');
    expect(redactUrl('http://[::1]:8080/a/b')).toBe('http://[::1]:8080/a/…');
    expect(redactUrl('https://x.example/services/')).toBe('https://x.example/services/');
    // what it shows is shown the same again
    expect(redactUrl('https://hooks.slack.com/services/…')).toBe('https://hooks.slack.com/services/…');
  });

  it('shows nothing of a text that is not a URL but a scheme and a host', () => {
    expect(redactUrl('http://u:p@[bad/secret?k=v')).toBe('http://[bad/…');
    expect(redactUrl('javascript:alert(1)')).toBe('javascript:…');
    expect(redactUrl('no url at all, secret')).toBe('(URL not shown)');
  });

  it('never shows user info, query, fragment or a deeper path segment of any URL', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('http', 'https', 'HTTPS'),
        fc.webAuthority({ withPort: true, withIPv4: true, withIPv6: true }),
        segment,
        fc.array(segment, { maxLength: 3 }),
        fc.record({ user: secret, pass: secret, deep: secret, query: secret, fragment: secret }),
        fc.constantFrom('user', 'userpass', 'none'),
        (scheme, authority, first, middle, s, info) => {
          const userinfo = info === 'user' ? `${s.user}@` : info === 'userpass' ? `${s.user}:${s.pass}@` : '';
          const path = [first, ...middle, s.deep].join('/');
          const url = `${scheme}://${userinfo}${authority}/${path}?apikey=${s.query}#${s.fragment}`;
          const shown = redactUrl(url);
          for (const v of Object.values(s)) expect(shown, url).not.toContain(v);
          expect(shown.startsWith(`${scheme.toLowerCase()}://`)).toBe(true);
          expect(shown).not.toMatch(/[?#]/);
          expect(hasUserInfo(shown)).toBe(false);
          expect(redactUrl(shown)).toBe(shown);
          expect(hasUserInfo(url)).toBe(info !== 'none');
          // in a message, as fetch writes it back
          const message = redactUrlIn(`cannot fetch ${new URL(url).href}: refused (${url})`, url);
          for (const v of Object.values(s)) expect(message).not.toContain(v);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws and never gives back a secret of an arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), secret, fc.string(), (before, s, after) => {
        const text = `${before}https://a:${s}@${before}/x?k=${s}${after}`;
        expect(redactUrl(text)).not.toContain(s);
        expect(redactUrlIn(`failed: ${text}`, text)).not.toContain(s);
      }),
    );
  });
});

describe('URLs with user info', () => {
  it('are refused by PUT /api/settings with a key both catalogues have', () => {
    const parsed = settingsPatchSchema.safeParse({
      webhooks: ['https://hooks.slack.com/services/T/B/x', 'http://hookuser:hookpass@127.0.0.1:4393/mm'],
    });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(issue.path).toEqual(['webhooks', 1]);
    const text = (issue as { params?: { text?: string } }).params?.text;
    expect(text).toBe('url_user_info');
    for (const catalogue of Object.values(CATALOGUES))
      expect((catalogue.server.dlq as Record<string, unknown>)[text!]).toMatch(/\{\{field\}\}/);
    expect(
      settingsPatchSchema.safeParse({ webhooks: ['https://hooks.slack.com/services/T/B/x'] }).success,
    ).toBe(true);
  });

  it('stop start-up in WF_WEBHOOKS and WF_INTEL, naming the variable and not the password', () => {
    const refused = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error(`accepted ${JSON.stringify(env)}`);
    };
    const hook = refused({ WF_WEBHOOKS: 'https://ok.example/h, http://hookuser:hookpass@127.0.0.1:4393/mm' });
    expect(hook).toMatch(/WF_WEBHOOKS\.1: http:\/\/127\.0\.0\.1:4393\/mm carries a user name or password/);
    const feed = refused({
      WF_INTEL: '/srv/cti/list.txt,list:http://feeduser:feedpass@127.0.0.1:4393/f2.txt',
    });
    expect(feed).toMatch(/WF_INTEL: .*user name or password/);
    for (const m of [hook, feed]) expect(m).not.toMatch(/hookpass|feedpass|hookuser|feeduser/);
    // keys in the query and local paths stay as they are
    expect(
      loadConfig({ WF_INTEL: 'list:https://cti.example/l.txt?apikey=K,/srv/cti/a b.txt' }).intel,
    ).toHaveLength(2);
  });
});

describe('the settings.update audit record', () => {
  it('shows webhook URLs without their secrets', () => {
    const shown = settingsForAudit({
      raise: 60,
      raiseHoldMs: 3000,
      clear: 40,
      clearHoldMs: 30_000,
      watchRaise: 40,
      webhooks: ['https://hooks.slack.com/services/T0001/B0001/XoXoSecretToken123'],
    });
    expect(shown.webhooks).toEqual(['https://hooks.slack.com/services/…']);
    expect(shown.raise).toBe(60);
  });
});
