/**
 * @module STIX 2.1 patterns of the forms Watchfloor can match: observations of equality comparisons joined by OR
 * (`[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'evil.example']`, `[url:value = 'a' OR url:value =
 * 'b']`, `IN ('a', 'b')`) on `ipv4-addr`/`ipv6-addr:value`, `network-traffic:dst_ref.value`/`src_ref.value`,
 * `domain-name:value`, `url:value` and `file:hashes.<MD5|SHA-1|SHA-256>`. Anything else (AND, other operators or
 * objects, qualifiers such as WITHIN or REPEATS) is not matched and says why.
 */
import { normalizeAs } from './observable.js';
import type { Observable, ObservableType } from './types.js';

export type PatternResult = { ok: true; observables: Observable[] } | { ok: false; why: string };

type Token = { t: 'str'; v: string } | { t: 'sym'; v: string } | { t: 'word'; v: string };

const HASHES: Readonly<Record<string, true>> = { MD5: true, SHA1: true, SHA256: true };

/** The observable type of an object path, or undefined when Watchfloor does not match it. */
export function pathType(path: string): ObservableType | undefined {
  const p = path.toLowerCase();
  if (
    p === 'ipv4-addr:value' ||
    p === 'ipv6-addr:value' ||
    p === 'network-traffic:dst_ref.value' ||
    p === 'network-traffic:src_ref.value'
  )
    return 'ip';
  if (p === 'domain-name:value') return 'domain';
  if (p === 'url:value') return 'url';
  const hash = /^file:hashes\.(?:'([^']+)'|"([^"]+)"|([a-z0-9-]+))$/.exec(p);
  if (hash) {
    const alg = (hash[1] ?? hash[2] ?? hash[3] ?? '').replace(/-/g, '').toUpperCase();
    return HASHES[alg] ? 'hash' : undefined;
  }
  return undefined;
}

function tokenize(pattern: string): Token[] | string {
  const out: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= pattern.length) return 'unterminated string';
        const d = pattern[i]!;
        if (d === '\\' && i + 1 < pattern.length) {
          v += pattern[i + 1];
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else {
          v += d;
          i++;
        }
      }
      out.push({ t: 'str', v });
    } else if ('[](),'.includes(c)) {
      out.push({ t: 'sym', v: c });
      i++;
    } else if (c === '=' || c === '!' || c === '<' || c === '>') {
      const two = pattern.slice(i, i + 2);
      const op = two === '!=' || two === '<=' || two === '>=' ? two : c;
      out.push({ t: 'sym', v: op });
      i += op.length;
    } else {
      // an object path or keyword: up to whitespace, a bracket or an operator (quotes inside hashes.'SHA-256' kept)
      let v = '';
      while (i < pattern.length && !/[\s[\](),=!<>]/.test(pattern[i]!)) {
        if (pattern[i] === "'" && v.endsWith('.')) {
          const end = pattern.indexOf("'", i + 1);
          if (end < 0) return 'unterminated string';
          v += pattern.slice(i, end + 1);
          i = end + 1;
        } else v += pattern[i++];
      }
      out.push({ t: 'word', v });
    }
  }
  return out;
}

/** Parses a pattern into the values it names (the indicator matches when any of them is seen). */
export function parsePattern(pattern: string): PatternResult {
  const tokens = tokenize(pattern);
  if (typeof tokens === 'string') return { ok: false, why: tokens };
  const observables: Observable[] = [];
  let i = 0;
  const peek = () => tokens[i];
  const isSym = (v: string) => peek()?.t === 'sym' && peek()!.v === v;
  const isWord = (v: string) => peek()?.t === 'word' && peek()!.v.toUpperCase() === v;
  const comparison = (): string | null => {
    const path = peek();
    if (path?.t !== 'word') return 'expected an object path';
    i++;
    const type = pathType(path.v);
    if (!type) return `object path ${path.v} is not matched`;
    const values: string[] = [];
    if (isSym('=')) {
      i++;
      const v = peek();
      if (v?.t !== 'str') return 'expected a quoted value';
      i++;
      values.push(v.v);
    } else if (isWord('IN')) {
      i++;
      if (!isSym('(')) return 'expected ( after IN';
      i++;
      for (;;) {
        const v = peek();
        if (v?.t !== 'str') return 'expected a quoted value in IN';
        values.push(v.v);
        i++;
        if (isSym(',')) i++;
        else if (isSym(')')) {
          i++;
          break;
        } else return 'expected , or ) in IN';
      }
    } else {
      const op = peek();
      return `operator ${op ? op.v : '(none)'} is not matched (only = and IN)`;
    }
    for (const v of values) {
      const o = normalizeAs(type, v);
      if (!o) return `${JSON.stringify(v.slice(0, 80))} is not a valid ${type}`;
      observables.push(o);
    }
    return null;
  };
  const observation = (): string | null => {
    if (!isSym('[')) return 'expected [';
    i++;
    for (;;) {
      const err = comparison();
      if (err) return err;
      if (isWord('OR')) {
        i++;
        continue;
      }
      if (isWord('AND')) return 'AND is not matched';
      if (isSym(']')) {
        i++;
        return null;
      }
      return 'expected ] or OR';
    }
  };
  for (;;) {
    const err = observation();
    if (err) return { ok: false, why: err };
    if (i === tokens.length) break;
    if (isWord('OR')) {
      i++;
      continue;
    }
    const next = peek()!;
    return { ok: false, why: `${next.v.toUpperCase()} between observations is not matched` };
  }
  return { ok: true, observables };
}
