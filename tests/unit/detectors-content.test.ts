import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authDetector } from '../../server/scoring/detectors/auth.js';
import {
  baseDomain,
  dnsDetector,
  looksEncoded,
  looksEncodedText,
} from '../../server/scoring/detectors/dns.js';
import { idsDetector, signatureWeight } from '../../server/scoring/detectors/ids.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';

const T0 = Date.UTC(2024, 2, 5, 8, 0, 0);
const base = { sensor: 's', src_ip: '10.0.0.5', segment: 'lab' } as const;
const dns = (ts: number, query: string, qtype = 'A', rcode = 'NOERROR'): NormalizedEvent => ({
  ...base,
  ts,
  kind: 'dns',
  query,
  qtype,
  rcode,
});
const auth = (ts: number, outcome: 'success' | 'failure', user = 'anna'): NormalizedEvent => ({
  ...base,
  ts,
  kind: 'auth',
  outcome,
  user,
});
const ids = (ts: number, signature: string, severity: number): NormalizedEvent => ({
  ...base,
  ts,
  kind: 'ids',
  signature,
  severity,
});

describe('dns detector', () => {
  it('reads registered domains and encoded labels', () => {
    expect(baseDomain('a.b.example.co.uk')).toBe('example.co.uk');
    expect(baseDomain('6dde0175375169c68f.dnsc.r-1x.com')).toBe('r-1x.com');
    expect(looksEncoded('6dde0175375169c68f.dnsc.r-1x.com', 'r-1x.com')).toBe(true);
    expect(looksEncoded('_ldap._tcp.dc._msdcs.finance.gov.example', 'gov.example')).toBe(false);
    expect(looksEncoded('settings-win.data.microsoft.com', 'microsoft.com')).toBe(false);
  });

  it('reads a name in place as it reads it as text, whatever the name (case, dots, hex, entropy, beyond ASCII)', () => {
    // names of a few labels: hex digits (either case), any letters (either case), or with characters beyond
    // ASCII (which take the text path); long enough to cross the 16-character hex bar and the entropy bars
    const chars = (alphabet: string[], min: number, max: number) =>
      fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
    const label = fc.oneof(
      { weight: 4, arbitrary: chars([...'0123456789abcdefABCDEF'], 12, 30) },
      { weight: 3, arbitrary: chars([...'0123456789abcdefghijklmnopqrstuvwxyzQXZ-_'], 1, 40) },
      { weight: 2, arbitrary: chars([...'aaab'], 20, 40) },
      { weight: 1, arbitrary: chars([...'abİßé\u{1F600}Σ'], 1, 12) },
    );
    const name = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
    const base = fc.constantFrom('example.com', 'r-1x.com', 'co.uk', 'gov.example.', 'x');
    fc.assert(
      fc.property(name, base, (sub, b) => {
        const query = `${sub}.${b}`;
        expect(looksEncoded(query, b)).toBe(looksEncodedText(query, b));
      }),
      { numRuns: 20_000 },
    );
    // the counts are left empty between names: one after another, each reads as it does alone
    const long = 'q7x9k2m4p8r1t6v3w5y0z2a4c6e8g1i3';
    expect(looksEncoded(`${long}.example.com`, 'example.com')).toBe(true);
    expect(looksEncoded(`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com`, 'example.com')).toBe(false);
  });

  it('scores a dnscat2-like stream of TXT queries to one domain, and names the domain', () => {
    const d = dnsDetector();
    const s = d.init('host');
    for (let i = 0; i < 8; i++)
      d.observe(
        s,
        dns(T0 + i * 1000, `${(0x6dde0175375169c6n + BigInt(i)).toString(16)}8f.dnsc.r-1x.com`, 'TXT'),
        `q${i}`,
      );
    const [r] = d.evaluate(s, { bucketStart: T0 + 7000, idleBuckets: 0 });
    expect(r!.feature).toBe('encoded_queries_per_min r-1x.com');
    expect(r!.contribution).toBeGreaterThan(80);
    expect(r!.examples).toHaveLength(3);
  });

  it('scores an NXDOMAIN excess but not a normal share', () => {
    const d = dnsDetector();
    const s = d.init('host');
    for (let i = 0; i < 40; i++)
      d.observe(
        s,
        dns(T0 + i * 100, `x${i}.example.com`, 'A', i % 25 === 0 ? 'NXDOMAIN' : 'NOERROR'),
        `q${i}`,
      );
    expect(d.evaluate(s, { bucketStart: T0 + 3000, idleBuckets: 0 })).toEqual([]);
    for (let i = 0; i < 30; i++)
      d.observe(s, dns(T0 + 5000 + i * 100, `dga${i}qz.net`, 'A', 'NXDOMAIN'), `n${i}`);
    expect(d.evaluate(s, { bucketStart: T0 + 8000, idleBuckets: 0 })[0]!.feature).toBe('nxdomain_per_min');
  });
});

describe('auth detector', () => {
  it('scores a failure burst and then the success that followed it', () => {
    const d = authDetector();
    const s = d.init('host');
    for (let i = 0; i < 30; i++) d.observe(s, auth(T0 + i * 200, 'failure', 'administrator'), `f${i}`);
    d.observe(s, auth(T0 + 6500, 'success', 'administrator'), 'ok');
    const reasons = d.evaluate(s, { bucketStart: T0 + 6000, idleBuckets: 0 });
    expect(reasons.map((r) => r.feature)).toContain('failures_per_min');
    const success = reasons.find((r) => r.feature.startsWith('success_after_failures'))!;
    expect(success.contribution).toBeGreaterThan(90);
    expect(success.examples).toContain('ok');
  });

  it('leaves the odd mistyped password alone', () => {
    const d = authDetector();
    const s = d.init('host');
    d.observe(s, auth(T0, 'failure'), 'f');
    d.observe(s, auth(T0 + 2000, 'success'), 's');
    expect(d.evaluate(s, { bucketStart: T0 + 2000, idleBuckets: 0 })).toEqual([]);
  });
});

describe('ids detector', () => {
  it('weighs threats over policy noise, repeats over one-offs, and several signatures over one', () => {
    expect(signatureWeight('ET MALWARE FormBook CnC Checkin (GET)')).toBe(1.5);
    expect(signatureWeight('ET SCAN NMAP OS Detection Probe')).toBe(1);
    expect(signatureWeight('ET POLICY PE EXE or DLL Windows file download HTTP')).toBe(0.25);
    const d = idsDetector();
    const one = d.init('host');
    d.observe(one, ids(T0, 'ET MALWARE FormBook CnC Checkin (GET)', 1), 'a');
    const once = d.evaluate(one, { bucketStart: T0, idleBuckets: 0 })[0]!.contribution;
    for (let i = 1; i < 8; i++)
      d.observe(one, ids(T0 + i * 1000, 'ET MALWARE FormBook CnC Checkin (GET)', 1), `a${i}`);
    expect(d.evaluate(one, { bucketStart: T0 + 8000, idleBuckets: 0 })[0]!.contribution).toBeGreaterThan(
      once,
    );
    const noise = d.init('host');
    d.observe(noise, ids(T0, 'ET POLICY curl User-Agent Outbound', 3), 'n');
    expect(d.evaluate(noise, { bucketStart: T0, idleBuckets: 0 })[0]!.contribution).toBeLessThan(5);
    const many = d.init('host');
    for (const sig of ['ET SCAN A', 'ET SCAN B', 'ET SCAN C']) d.observe(many, ids(T0, sig, 2), sig);
    expect(d.evaluate(many, { bucketStart: T0, idleBuckets: 0 })).toHaveLength(3);
  });
});
