/**
 * @module Bearer tokens and their kinds. Display tokens (wall only), API tokens (the HTTP API with their role) and the
 * metrics scrape token each carry a recognisable prefix, and a token of one kind is refused wherever another kind is expected. Display tokens made
 * before prefixes existed (43 base64url characters, no prefix) are still display tokens.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_PREFIX = {
  display: 'wfd_',
  api: 'wfa_',
  metrics: 'wfm_',
} as const;
export type TokenKind = keyof typeof TOKEN_PREFIX;

/** Random part of a token: at least this many characters after the prefix. */
export const TOKEN_MIN_SECRET = 32;

/** The kind a token says it is, by its prefix; a legacy display token has none. */
export function tokenKind(token: string): TokenKind | null {
  for (const [kind, prefix] of Object.entries(TOKEN_PREFIX) as [TokenKind, string][]) {
    if (token.startsWith(prefix)) return kind;
  }
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? 'display' : null;
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerOf(headers: IncomingHttpHeaders): string | null {
  const m = /^Bearer (\S{1,512})$/.exec(headers.authorization ?? '');
  return m ? m[1]! : null;
}

/** Constant-time comparison of a presented token with the expected one (hashed first: equal lengths). */
export function sameToken(presented: string, expected: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(presented), h(expected));
}

/** sha256 of a token, hex: how stored tokens are kept and looked up. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
