import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AddressFacts,
  addressFacts,
  FACT_GROUP,
  FACT_IP,
  FACT_LOCAL,
  factHash,
  isLocal,
} from '../../server/scoring/address-facts.js';
import { pairKey } from '../../server/scoring/detectors/beacon-table.js';
import { isGroupAddress, isLocalAddress } from '../../server/scoring/evidence.js';
import { hashString } from '../../server/scoring/keyed-rows.js';
import { isIP } from '../../shared/ip.js';

/** The beacon's pair key as it was made before the address's hash was remembered: one loop over address and port. */
function pairKeyByLoop(ip: string, port: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < ip.length; i++) h = Math.imul(h ^ ip.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ port, 0x01000193);
  return h >>> 2;
}

const octet = fc.integer({ min: 0, max: 255 });
const v4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const v6 = fc.ipV6();
const anyText = fc.string({
  unit: fc.constantFrom('0', '1', '2', '5', '9', '.', ':', 'f', 'x'),
  maxLength: 20,
});
const addressOrNot = fc.oneof(v4, v6, anyText, fc.string({ maxLength: 40 }));

describe('address facts', () => {
  it('are the definitions they remember, on any text, asked once or many times', () => {
    fc.assert(
      fc.property(fc.array(addressOrNot, { maxLength: 20 }), (texts) => {
        const facts = new AddressFacts(8); // small, so the table starts over within a run
        for (const s of [...texts, ...texts]) {
          const f = facts.of(s);
          expect((f & FACT_IP) !== 0).toBe(isIP(s));
          expect((f & FACT_LOCAL) !== 0).toBe(isLocalAddress(s));
          expect((f & FACT_GROUP) !== 0).toBe(isGroupAddress(s));
          expect(factHash(f)).toBe(hashString(s));
          expect(facts.size).toBeLessThanOrEqual(8);
        }
      }),
    );
  });

  it('give the beacon the pair keys it made before', () => {
    fc.assert(
      fc.property(addressOrNot, fc.integer({ min: 0, max: 65535 }), (ip, port) => {
        expect(pairKey(factHash(addressFacts(ip)), port)).toBe(pairKeyByLoop(ip, port));
      }),
    );
  });

  it('read the usual cases', () => {
    expect(isLocal('10.1.2.3')).toBe(true);
    expect(isLocal('8.8.8.8')).toBe(false);
    expect(addressFacts('224.0.0.251') & FACT_GROUP).toBe(FACT_GROUP);
    expect(addressFacts('not an address') & FACT_IP).toBe(0);
    expect(addressFacts('2001:db8::1') & FACT_IP).toBe(FACT_IP);
  });

  it('hold no more than their cap however many addresses come', () => {
    const facts = new AddressFacts(100);
    for (let i = 0; i < 1000; i++) facts.of(`10.0.${i >> 8}.${i & 255}`);
    expect(facts.size).toBeLessThanOrEqual(100);
    expect(facts.of('10.0.3.231') & FACT_LOCAL).toBe(FACT_LOCAL);
  });
});
