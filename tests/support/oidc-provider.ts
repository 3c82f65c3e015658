/**
 * @module Test helper: a real OIDC provider (the `oidc-provider` package) on a free loopback port, with one client
 * for Watchfloor (authenticated by a secret, or by private_key_jwt with the given public key), its development login form (any login; the password is not checked) and users whose groups the
 * test sets. PKCE is required, ID tokens carry the profile claims, RP-initiated logout is on.
 */
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './redis-server.js';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Groups of each user by login; change them between sign-ins. */
  groups: Record<string, string[]>;
  close(): Promise<void>;
}

export async function startOidcProvider(
  watchfloorUrl: string,
  publicJwk?: Record<string, unknown>,
): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'watchfloor';
  const clientSecret = 'a-test-client-secret-of-enough-length';
  const groups: Record<string, string[]> = {};
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        ...(publicJwk
          ? { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicJwk] } }
          : { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_basic' }),
        redirect_uris: [`${watchfloorUrl}/api/auth/oidc/callback`],
        post_logout_redirect_uris: [`${watchfloorUrl}/login`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['preferred_username', 'groups'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['a-test-cookie-key'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        claims: async () => ({ sub: id, preferred_username: id, groups: groups[id] ?? [] }),
      };
    },
  });
  const server: Server = provider.listen(port);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    groups,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
