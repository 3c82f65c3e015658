/**
 * @module Single sign-on through OIDC with openid-client: discovery, the authorization code flow with PKCE, `state`
 * and `nonce` (each sign-in's kept in Redis for 10 minutes and taken once), ID-token validation by the library, the
 * role from a claim through the group map, and the provider's logout (RP-initiated) with the ID token as its hint.
 */
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as client from 'openid-client';
import { highestRole, type Role } from '../../shared/roles.js';
import type { OidcConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';

/** Why a sign-in was refused: the login page explains each (no provider text is shown). */
export const SSO_REFUSALS = [
  'expired',
  'failed',
  'no_username',
  'no_role',
  'disabled',
  'local_account',
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export class SsoRefused extends Error {
  override name = 'SsoRefused';
  constructor(
    readonly reason: SsoRefusal,
    readonly username: string | null = null,
  ) {
    super(reason);
  }
}

/** Who the provider says signed in. */
export interface SsoIdentity {
  username: string;
  role: Role;
  /** The provider's `amr` (how the user authenticated there, e.g. `pwd`, `mfa`, `otp`). */
  amr: string[];
  idToken: string;
  /** When the ID token expires (epoch ms). */
  expiresAt: number;
  /** Where the user was going. */
  next: string;
}

const FLOW_TTL_S = 600;

/** The highest role any of the user's groups maps to, or null. */
export function roleFromGroups(groups: unknown, map: Readonly<Record<string, Role>>): Role | null {
  const list = Array.isArray(groups) ? groups : typeof groups === 'string' ? groups.split(/[ ,]+/) : [];
  const mapped = list.map((g) => (typeof g === 'string' && Object.hasOwn(map, g) ? map[g] : undefined));
  return highestRole(mapped.filter((r): r is Role => r !== undefined));
}

/** How the client authenticates at the token endpoint: the secret (the library's default), or private_key_jwt. */
async function clientAuth(oidc: OidcConfig): Promise<client.ClientAuth | undefined> {
  if (!oidc.privateKeyFile) return undefined;
  const pem = await readFile(oidc.privateKeyFile, 'utf8');
  const key = createPrivateKey(pem);
  const der = key.export({ format: 'der', type: 'pkcs8' });
  const algorithm =
    key.asymmetricKeyType === 'rsa'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1'
        ? { name: 'ECDSA', namedCurve: 'P-256' }
        : null;
  if (!algorithm)
    throw new Error(`${oidc.privateKeyFile}: an RSA or EC P-256 key is needed for private_key_jwt`);
  const cryptoKey = await crypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
  return client.PrivateKeyJwt(cryptoKey);
}

export class OidcSignIn {
  private configuration: Promise<client.Configuration> | null = null;
  readonly redirectUri: string;

  constructor(
    private readonly d: { oidc: OidcConfig; redis: Redis; keys: Keys; publicUrl: string; logger: Logger },
  ) {
    this.redirectUri = `${d.publicUrl}/api/auth/oidc/callback`;
  }

  /** The provider's configuration by discovery, once (retried after a failure). */
  private provider(): Promise<client.Configuration> {
    const { oidc } = this.d;
    const url = new URL(oidc.issuer);
    this.configuration ??= clientAuth(oidc)
      .then((auth) =>
        client.discovery(url, oidc.clientId, oidc.clientSecret ?? undefined, auth, {
          // plain http is accepted for loopback issuers only (config.ts refuses it elsewhere): the test provider
          execute: url.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        }),
      )
      .catch((err: Error) => {
        this.configuration = null;
        throw err;
      });
    return this.configuration;
  }

  /** Starts a sign-in: the provider's URL to send the browser to, and the `state` to bind to the browser. */
  async begin(next: string): Promise<{ url: string; state: string }> {
    const config = await this.provider();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.d.redis.set(
      this.d.keys.oidcFlow(state),
      JSON.stringify({ verifier, nonce, next }),
      'EX',
      FLOW_TTL_S,
    );
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.d.oidc.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /**
   * Completes a sign-in at the callback. The sign-in is the one bound to this browser (its `state` cookie), taken
   * once: a replayed callback finds nothing. The library checks the returned `state`, exchanges the code with the
   * PKCE verifier and validates the ID token (signature, issuer, audience, expiry, nonce).
   */
  async complete(callbackUrl: URL, boundState: string | undefined): Promise<SsoIdentity> {
    if (!boundState) throw new SsoRefused('expired');
    const raw = await this.d.redis.getdel(this.d.keys.oidcFlow(boundState));
    if (!raw) throw new SsoRefused('expired');
    const flow = JSON.parse(raw) as { verifier: string; nonce: string; next: string };
    const config = await this.provider();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: boundState,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      this.d.logger.warn({ err: (err as Error).message }, 'single sign-on refused by the code exchange');
      throw new SsoRefused('failed');
    }
    const idClaims = tokens.claims()!;
    let claims: Record<string, unknown> = { ...idClaims };
    // Providers put groups in the ID token or only in userinfo: read both (the ID token wins where both say).
    if (config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims };
      } catch (err) {
        this.d.logger.warn({ err: (err as Error).message }, 'userinfo unavailable; using the ID token alone');
      }
    }
    const username = claims[this.d.oidc.usernameClaim];
    if (typeof username !== 'string' || username === '') throw new SsoRefused('no_username');
    const role = roleFromGroups(claims[this.d.oidc.roleClaim], this.d.oidc.roles);
    if (!role) throw new SsoRefused('no_role', username);
    const amr = Array.isArray(idClaims.amr)
      ? idClaims.amr.filter((a): a is string => typeof a === 'string')
      : [];
    return {
      username,
      role,
      amr,
      idToken: tokens.id_token!,
      expiresAt: idClaims.exp * 1000,
      next: flow.next,
    };
  }

  /** The provider's logout URL for a session (RP-initiated logout), or null when it has none. */
  async logoutUrl(idToken: string): Promise<string | null> {
    const config = await this.provider();
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: `${this.d.publicUrl}/login`,
    }).href;
  }
}
