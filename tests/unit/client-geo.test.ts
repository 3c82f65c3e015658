import { describe, expect, it } from 'vitest';
import { eventDetail } from '../../client/src/features/host-detail/RecentEvents.js';
import { formatReason } from '../../client/src/lib/format.js';
import { eventPlace, placeLabel } from '../../client/src/lib/geo.js';

describe('where a peer is, in words', () => {
  it('names the country in words with its code, and the AS with its organisation', () => {
    expect(placeLabel({ country: 'EE', asn: 3249, org: 'Telia Eesti AS' })).toBe(
      'Estonia (EE) · AS3249 Telia Eesti AS',
    );
    expect(placeLabel({ asn: 64500 })).toBe('AS64500');
    expect(placeLabel(undefined)).toBe('');
  });

  it('a first-contact reason says which country, how much, and where the peer is', () => {
    const text = formatReason({
      detector: 'first-contact',
      feature: 'first_contact country=KP',
      observed: 20_000_000,
      expected: 0,
      contribution: 39.4,
      geo: { ip: '203.0.113.7', country: 'KP', asn: 64500, org: 'Example Bulletproof Hosting' },
    });
    expect(text).toBe(
      'first contact, bytes since, with country=KP 20 MB vs 0 B expected (+39) — North Korea (KP) · AS64500 Example Bulletproof Hosting',
    );
  });

  it('puts the place after an event’s destination and before an external source, and ignores a malformed one', () => {
    const flow = {
      kind: 'flow',
      dst_ip: '203.0.113.7',
      dst_port: 443,
      bytes_out: 1200,
      dst_geo: { country: 'KP', asn: 64500 },
    };
    expect(eventDetail(flow)).toBe('→ 203.0.113.7:443 (North Korea (KP) · AS64500) · out 1.2\u00a0kB');
    expect(eventDetail({ kind: 'ids', signature: 'x', src_geo: { country: 'DE' } })).toBe(
      'from Germany (DE) · signature “x”',
    );
    expect(eventPlace({ country: '<img src=x>' })).toBeUndefined();
    expect(eventDetail({ ...flow, dst_geo: { country: 'nope' } })).toBe(
      '→ 203.0.113.7:443 · out 1.2\u00a0kB',
    );
  });
});
