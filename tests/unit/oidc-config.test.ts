/** Single sign-on settings: the group map, the checks made together at start-up, the highest mapped role. */
import { describe, expect, it } from 'vitest';
import { roleFromGroups } from '../../server/auth/oidc.js';
import { ConfigError, loadConfig } from '../../server/config.js';

const oidc = {
  WF_OIDC_ISSUER: 'https://idp.example/realms/cert',
  WF_OIDC_CLIENT_ID: 'watchfloor',
  WF_OIDC_CLIENT_SECRET: 's3cret',
  WF_OIDC_ROLES: 'soc-leads=lead, soc-admins=admin,soc=operator',
};

describe('OIDC configuration', () => {
  it('is off without an issuer, and local passwords stay on for all', () => {
    const c = loadConfig({});
    expect(c.oidc).toBeNull();
    expect(c.localLogin).toBe('all');
  });

  it('parses the group map and the defaults', () => {
    const c = loadConfig(oidc);
    expect(c.oidc).toMatchObject({
      roles: { 'soc-leads': 'lead', 'soc-admins': 'admin', soc: 'operator' },
      usernameClaim: 'preferred_username',
      roleClaim: 'groups',
    });
  });

  it.each([
    [{ WF_OIDC_CLIENT_ID: '' }, 'WF_OIDC_CLIENT_ID is required'],
    [{ WF_OIDC_CLIENT_SECRET: '' }, 'one of WF_OIDC_CLIENT_SECRET and WF_OIDC_PRIVATE_KEY is required'],
    [{ WF_OIDC_PRIVATE_KEY: '/etc/wf/key.pem' }, 'one of WF_OIDC_CLIENT_SECRET and WF_OIDC_PRIVATE_KEY'],
    [{ WF_OIDC_ROLES: '' }, 'must map at least one group'],
    [{ WF_OIDC_ROLES: 'soc=root' }, 'is not group=operator|lead|admin'],
    [{ WF_OIDC_ISSUER: 'http://idp.example' }, 'must be https'],
    [{ WF_LOCAL_LOGIN: 'some' }, 'WF_LOCAL_LOGIN'],
  ])('refuses %o', (patch, message) => {
    expect(() => loadConfig({ ...oidc, ...patch })).toThrow(ConfigError);
    expect(() => loadConfig({ ...oidc, ...patch })).toThrow(message);
  });

  it('accepts plain http on loopback only (the test provider)', () => {
    expect(loadConfig({ ...oidc, WF_OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe(
      'http://127.0.0.1:9000',
    );
  });
});

describe('roleFromGroups', () => {
  const map = { 'soc-leads': 'lead', 'soc-admins': 'admin', soc: 'operator' } as const;
  it('takes the highest mapped role, from a list or a spaced string; null when none maps', () => {
    expect(roleFromGroups(['soc', 'soc-leads', 'staff'], map)).toBe('lead');
    expect(roleFromGroups(['soc-admins', 'soc'], map)).toBe('admin');
    expect(roleFromGroups('staff soc', map)).toBe('operator');
    expect(roleFromGroups(['visitors'], map)).toBeNull();
    expect(roleFromGroups(undefined, map)).toBeNull();
    expect(roleFromGroups([{ name: 'soc' }, 7], map)).toBeNull();
  });
});
