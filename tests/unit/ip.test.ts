import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIP, ipv4FirstOctet, isIP, isIPv4 } from '../../shared/ip.js';

/** The definition of a dotted quad, written out again. */
const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

describe('IPv4 check', () => {
  it('accepts dotted quads and nothing else', () => {
    for (const ip of ['0.0.0.0', '10.12.16.19', '255.255.255.255', '192.168.1.1'])
      expect(isIPv4(ip)).toBe(true);
    for (const ip of [
      '256.1.1.1',
      '01.2.3.4',
      '1.2.3',
      '1.2.3.4.',
      '1.2.3.4 ',
      ' 1.2.3.4',
      '1..2.3',
      'a.b.c.d',
      '',
    ])
      expect(isIPv4(ip)).toBe(false);
    expect(ipv4FirstOctet('172.16.0.131')).toBe(172);
    expect(isIP('2001:db8::1')).toBe(true);
    expect(canonicalIP('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    // an IPv4-mapped address is its IPv4 host (it was a host of its own, in no segment the CIDR map names)
    expect(canonicalIP('::ffff:10.10.16.17')).toBe('10.10.16.17');
    expect(canonicalIP('::FFFF:a0a:1011')).toBe('10.10.16.17');
    expect(canonicalIP('0:0:0:0:0:ffff:c000:0201')).toBe('192.0.2.1');
    // not mapped: IPv4-compatible (deprecated) and NAT64 stay IPv6
    expect(canonicalIP('::10.10.16.17')).toBe('::a0a:1011');
    expect(canonicalIP('64:ff9b::a0a:1011')).toBe('64:ff9b::a0a:1011');
  });

  it('agrees with the regular expression on any text made of digits and dots', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', 'x'), maxLength: 17 });
    const octets = fc
      .array(fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '')), {
        minLength: 3,
        maxLength: 5,
      })
      .map((parts) => parts.join('.'));
    fc.assert(
      fc.property(fc.oneof(text, octets), (s) => {
        expect(isIPv4(s)).toBe(V4.test(s));
        expect(ipv4FirstOctet(s) >= 0).toBe(V4.test(s));
      }),
      { numRuns: 5000 },
    );
  });
});
