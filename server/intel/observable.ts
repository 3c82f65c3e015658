/**
 * @module Recognising and normalizing indicator values: addresses and CIDRs (canonical text), domains (lower case,
 * no trailing dot), URLs (`host/path?query`, scheme and default port dropped), hex digests (lower case).
 */
import { canonicalIP, isIPv4, isIPv6 } from '../../shared/ip.js';
import type { Observable, ObservableType } from './types.js';

const HEX_DIGEST = /^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9-]{2,63}$/;
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A domain name in matching form, or undefined when it is none (`evil.example.` → `evil.example`). */
export function normalizeDomain(value: string): string | undefined {
  const d = value.trim().toLowerCase().replace(/\.$/, '');
  return DOMAIN.test(d) ? d : undefined;
}

/** An address or CIDR in canonical form (host bits of a CIDR cleared are not required; `/32` becomes an address). */
export function normalizeAddress(value: string): Observable | undefined {
  const text = value.trim();
  const slash = text.indexOf('/');
  if (slash < 0) {
    const ip = canonicalIP(text);
    return ip ? { type: 'ip', value: ip } : undefined;
  }
  const ip = canonicalIP(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const max = isIPv4(ip) ? 32 : 128;
  if (bits > max) return undefined;
  return bits === max ? { type: 'ip', value: ip } : { type: 'cidr', value: `${ip}/${bits}` };
}

/**
 * A URL in matching form: `host[:port]/path?query`, host lower-cased, scheme, credentials, fragment and default
 * ports dropped, an empty path as `/`. Undefined when it has no host.
 */
export function normalizeUrl(value: string): string | undefined {
  let text = value.trim();
  const scheme = URL_START.exec(text);
  let port = '';
  if (scheme) text = text.slice(scheme[0].length);
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  const slash = text.search(/[/?]/);
  let authority = slash < 0 ? text : text.slice(0, slash);
  let path = slash < 0 ? '/' : text.slice(slash);
  if (path.startsWith('?')) path = `/${path}`;
  authority = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  const colon = authority.startsWith('[') ? authority.indexOf(']:') + 1 : authority.lastIndexOf(':');
  if (colon > 0) {
    port = authority.slice(colon + 1);
    authority = authority.slice(0, colon);
    if (port === '80' || port === '443') port = '';
  }
  if (authority === '') return undefined;
  const host = authority.replace(/\.$/, '');
  return `${host}${port ? `:${port}` : ''}${path}`;
}

/** A hex digest (MD5, SHA-1, SHA-256, JA3/JA3S) in lower case, or undefined. */
export function normalizeHash(value: string): string | undefined {
  const h = value.trim().toLowerCase();
  return HEX_DIGEST.test(h) ? h : undefined;
}

/** Normalizes a value of a known type; undefined when it is not one. */
export function normalizeAs(type: ObservableType, value: string): Observable | undefined {
  switch (type) {
    case 'ip':
    case 'cidr':
      return normalizeAddress(value);
    case 'domain': {
      const d = normalizeDomain(value);
      return d ? { type, value: d } : undefined;
    }
    case 'url': {
      const u = normalizeUrl(value);
      return u ? { type, value: u } : undefined;
    }
    case 'hash': {
      const h = normalizeHash(value);
      return h ? { type, value: h } : undefined;
    }
  }
}

/**
 * The type of a bare value (a list line): address or CIDR, hex digest, URL (with a scheme, or a host and a path),
 * domain. Undefined when it is none of them.
 */
export function recognize(value: string): Observable | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const address = normalizeAddress(text);
  if (address) return address;
  if (isIPv6(text)) return undefined;
  const hash = normalizeHash(text);
  if (hash) return { type: 'hash', value: hash };
  if (URL_START.test(text) || /^[^/\s]+\.[^/\s]+\/\S*/.test(text)) return normalizeAs('url', text);
  return normalizeAs('domain', text);
}
