import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEve, decodeEveRecord, decodeEveText, flowIdText } from '../../server/ingest/decoders/eve.js';
import type { Decoded } from '../../server/ingest/decoders/types.js';
import {
  context,
  damagedText,
  expectEvent,
  expectOutcome,
  fixtureLines,
  mutatedRecord,
  samplesDir,
} from '../fixtures/decoding.js';

const ctx = context();
const lines = fixtureLines('eve-branches.jsonl');
const decoded = lines.map((l) => decodeEve(['eve', l], ctx));
const at = (i: number) => expectEvent(decoded[i]!);

describe('decodeEve: fixture branches', () => {
  it('maps a closed TCP flow: time from flow.start, volume by direction, SF, host as sensor', () => {
    expect(at(0)).toEqual({
      ts: Date.parse('2024-03-01T09:00:00Z'),
      sensor: 'sensor-a',
      kind: 'flow',
      src_ip: '192.0.2.10',
      dst_ip: '198.51.100.7',
      src_port: 51000,
      dst_port: 443,
      proto: 'tcp',
      bytes_out: 1200,
      bytes_in: 5400,
      packets_out: 9,
      packets_in: 7,
      duration_ms: 2500,
      conn_state: 'SF',
      segment: 'lab',
      event_id: 'eve:1234567890123456789:flow:2024-03-01T10:00:05.250000+0100',
    });
  });

  it('maps flow.state and TCP flags to Zeek-style conn_state', () => {
    expect([1, 2, 3, 4, 5].map((i) => at(i).conn_state)).toEqual(['S0', 'REJ', 'RSTO', 'SF', 'S0']);
  });

  it('normalizes expanded IPv6, lower-cases IPv6-ICMP, falls back to the input key as sensor', () => {
    expect(at(1)).toMatchObject({ src_ip: '2001:db8::10', dst_ip: '2001:db8::20', sensor: 'test-source' });
    expect(at(5)).toMatchObject({ proto: 'ipv6-icmp', src_ip: 'fe80::1', bytes_in: 0 });
  });

  it('keeps flow_id digits beyond 2^53 exactly', () => {
    expect(String(JSON.parse(lines[6]!).flow_id)).not.toBe('9007199254740993');
    expect(at(6).event_id).toBe('eve:9007199254740993:alert:9000001:tx2:2024-03-01T10:02:00.123456+0100');
    const big = '{"flow_id":12345678901234567890}';
    expect(flowIdText(big, JSON.parse(big).flow_id)).toBe('12345678901234567890');
    expect(flowIdText('{"flow_id":"42"}', '42')).toBe('42');
    expect(flowIdText('{}', 1.5)).toBeUndefined();
  });

  it('maps alerts to ids with severity clamped to 1…4, without volume', () => {
    expect(at(6)).toMatchObject({
      kind: 'ids',
      signature: 'WF TEST Beacon checkin',
      severity: 1,
      dst_port: 8080,
    });
    expect(at(6).bytes_out).toBeUndefined();
    expect(at(7)).toMatchObject({
      signature: 'WF TEST low priority',
      category: '',
      severity: 4,
      proto: 'icmp',
    });
    expect(at(6).event_id).not.toBe(at(7).event_id);
  });

  it('emits one dns event per transaction: requests are other, v1 answer lines share an event_id', () => {
    expect(decoded[8]).toEqual({ ok: 'other', type: 'dns_query' });
    expect(at(9)).toMatchObject({ kind: 'dns', query: 'example.test', qtype: 'CNAME', rcode: 'NOERROR' });
    expect(at(10).event_id).toBe(at(9).event_id);
    expect(at(11)).toMatchObject({ query: 'nxdomain.example.test', qtype: 'AAAA', rcode: 'NXDOMAIN' });
    expect(decoded[12]).toEqual({ ok: 'other', type: 'dns_query' });
    expect(at(13)).toMatchObject({ query: 'v3.example.test', qtype: 'TXT', rcode: 'NOERROR' });
  });

  it("a DNS answer's id carries its time, as every other record's: a rebased replay is not a duplicate", () => {
    const line = lines[10]!;
    const rebased = line.replace('2024-03-01T10:03:00.010000+0100', '2026-12-07T18:00:00.010000+0000');
    const again = decodeEve(['eve', rebased], ctx);
    expect(again.ok && at(10).event_id).toBeTruthy();
    expect(again.ok === true && again.event.event_id).not.toBe(at(10).event_id);
  });

  it('maps http and tls to volume-less flow events', () => {
    for (const i of [14, 15]) {
      expect(at(i)).toMatchObject({ kind: 'flow', proto: 'tcp' });
      expect(at(i).bytes_out).toBeUndefined();
      expect(at(i).conn_state).toBeUndefined();
    }
    expect(at(14).event_id).toBe('eve:600:http:tx0:2024-03-01T10:04:00.000000+0100');
  });

  it('carries SNI, JA3/JA3S (lower-cased), Host and URL; the SNI without its trailing dot', () => {
    expect(at(14)).toMatchObject({ http_host: 'www.example.test', http_url: '/index.html' });
    expect(at(15)).toMatchObject({ tls_sni: 'secure.example.test' });
    expect(at(20)).toMatchObject({
      kind: 'flow',
      tls_sni: 'c2.example.test',
      ja3: '51c64c77e60f3980eea90869b68c58a8',
      ja3s: 'ec74a5c51106f0419184d0dd08fb05bc',
    });
  });

  it('maps a hashed fileinfo to a flow with the hashes; a fileinfo without hash is other', () => {
    expect(at(21)).toMatchObject({
      kind: 'flow',
      src_ip: '198.51.100.80',
      dst_ip: '192.0.2.51',
      http_host: 'dl.example.test',
      http_url: '/x.exe',
      file_md5: '0cc175b9c0f1b6a831c399e269772661',
      file_sha1: '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8',
      file_sha256: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',
      event_id: 'eve:901:fileinfo:3:tx0:2024-03-01T10:07:01.000000+0100',
    });
    expect(at(21).bytes_out).toBeUndefined();
    expect(decoded[22]).toEqual({ ok: 'other', type: 'fileinfo' });
  });

  it("passes the rule's mitre_technique_id through as attack (valid ids only) with the alert's HTTP fields", () => {
    expect(at(23)).toMatchObject({
      kind: 'ids',
      attack: ['T1071', 'T1071.001'],
      http_host: 'www.c2.example.test',
      http_url: '/gate/?id=1',
    });
    // oriented server → client (or unknown), the client's app-layer facts stay off the server
    const reversed = JSON.parse(lines[23]!);
    Object.assign(reversed, { src_ip: '198.51.100.98', dest_ip: '192.0.2.52' });
    const server = expectEvent(decodeEveRecord(reversed, JSON.stringify(reversed), ctx));
    expect(server.http_host).toBeUndefined();
    expect(server.attack).toEqual(['T1071', 'T1071.001']);
  });

  it('maps anomalies to ids; address-less decode anomalies are other', () => {
    expect(at(16)).toMatchObject({
      kind: 'ids',
      signature: 'anomaly:applayer',
      category: 'APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION',
      severity: 3,
    });
    expect(decoded[17]).toEqual({ ok: 'other', type: 'anomaly' });
  });

  it('counts unscored event types as other and rejects records without event_type', () => {
    expect(decoded[18]).toEqual({ ok: 'other', type: 'smb' });
    expect(decoded[19]).toEqual({ ok: 'other', type: 'stats' });
    expect(decoded[24]).toMatchObject({ ok: false, reason: 'missing_field' });
  });

  it('gives every distinct fixture record its own event_id', () => {
    const ids = decoded.flatMap((d, i) => (d.ok === true && i !== 10 ? [d.event.event_id] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects bad entries with reasons', () => {
    const reason = (d: Decoded) => (d.ok === false ? d.reason : d.ok);
    expect(reason(decodeEve(['msg', lines[0]!], ctx))).toBe('missing_field');
    expect(decodeEve(['msg', lines[0]!], context({ field: 'msg' })).ok).toBe(true);
    expect(reason(decodeEveText('{"event_type":', ctx))).toBe('bad_json');
    expect(reason(decodeEveText('[1]', ctx))).toBe('not_object');
    expect(reason(decodeEveText('{"event_type":7}', ctx))).toBe('bad_type');
    expect(reason(decodeEveText('{"event_type":"flow","src_ip":"192.0.2.1"}', ctx))).toBe('missing_field');
    expect(reason(decodeEve(['eve', 'x'.repeat(70_000)], ctx))).toBe('too_large');
    const noTime = lines[6]!.replace(/"timestamp":"[^"]+",/, '');
    expect(reason(decodeEveText(noTime, ctx))).toBe('missing_field');
    const badIp = lines[6]!.replace('"192.0.2.10"', '"192.0.2.300"');
    expect(reason(decodeEveText(badIp, ctx))).toBe('bad_value');
  });
});

describe('decodeEve: fuzz', () => {
  const bases = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  it('never throws on mutated real-shaped records (as objects, NaN included, and as JSON)', () => {
    fc.assert(
      fc.property(mutatedRecord(bases), (rec) => {
        expectOutcome(decodeEveRecord(rec, JSON.stringify(rec), ctx));
        expectOutcome(decodeEve(['eve', JSON.stringify(rec)], ctx));
      }),
      { numRuns: 2000 },
    );
  });
  it('never throws on damaged text or random field arrays', () => {
    fc.assert(
      fc.property(damagedText(lines), (text) => expectOutcome(decodeEve(['eve', text], ctx))),
      {
        numRuns: 2000,
      },
    );
    fc.assert(fc.property(fc.array(fc.string()), (fields) => expectOutcome(decodeEve(fields, ctx))));
  });
});

const FORMBOOK = 'suricata_eve_formbook_dridex.json';
const NMAP = 'suricata_eve_nmap_scan.json';
const dir = samplesDir([FORMBOOK, NMAP]);

/** Expected outcome per line by the documented mapping, computed with plain JSON.parse. */
function expectedKind(line: string): string {
  const rec = JSON.parse(line) as { event_type?: string; dns?: { type?: string } };
  switch (rec.event_type) {
    case undefined:
      return 'rejected';
    case 'flow':
    case 'http':
    case 'tls':
      return 'flow';
    case 'alert':
    case 'anomaly':
      return 'ids';
    case 'dns':
      return rec.dns?.type === 'answer' ? 'dns' : 'other';
    default:
      return 'other';
  }
}

function tally(file: string) {
  const text = readFileSync(join(dir!, file), 'utf8');
  const fileLines = text.split('\n').filter((l) => l !== '');
  const expected: Record<string, number> = {};
  const actual: Record<string, number> = {};
  const results = fileLines.map((l) => decodeEve(['eve', l], ctx));
  fileLines.forEach((l, i) => {
    const e = expectedKind(l);
    expected[e] = (expected[e] ?? 0) + 1;
    const r = results[i]!;
    const a = r.ok === true ? r.event.kind : r.ok === 'other' ? 'other' : 'rejected';
    actual[a] = (actual[a] ?? 0) + 1;
  });
  return { fileLines, results, expected, actual };
}

describe.skipIf(!dir)('decodeEve: real samples', () => {
  it('FormBook/Dridex: every line but the malformed last one decodes; the last is missing_field', () => {
    const { fileLines, results, expected, actual } = tally(FORMBOOK);
    expect(fileLines).toHaveLength(2325);
    expect(actual).toEqual(expected);
    expect(expected).toEqual({ flow: 1022, ids: 146, dns: 223, other: 933, rejected: 1 });
    expect(results.slice(0, -1).every((r) => r.ok !== false)).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: 'missing_field' });
  });

  it('FormBook/Dridex: event_ids unique, flow bytes per host equal the file sums', () => {
    const { fileLines, results } = tally(FORMBOOK);
    const ids = results.flatMap((r) => (r.ok === true ? [r.event.event_id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    const want = new Map<string, number>();
    const got = new Map<string, number>();
    fileLines.forEach((l, i) => {
      const rec = JSON.parse(l);
      if (rec.event_type !== 'flow') return;
      want.set(rec.src_ip, (want.get(rec.src_ip) ?? 0) + rec.flow.bytes_toserver);
      const ev = expectEvent(results[i]!);
      got.set(ev.src_ip, (got.get(ev.src_ip) ?? 0) + (ev.bytes_out ?? 0));
    });
    expect(got).toEqual(want);
  });

  it('FormBook/Dridex: every tls and http record carries its fields as the file has them', () => {
    const { fileLines, results } = tally(FORMBOOK);
    let tls = 0;
    let http = 0;
    fileLines.forEach((l, i) => {
      const rec = JSON.parse(l);
      if (rec.event_type === 'tls') {
        tls++;
        const ev = expectEvent(results[i]!);
        expect(ev.ja3).toBe(rec.tls.ja3?.hash);
        expect(ev.ja3s).toBe(rec.tls.ja3s?.hash);
        expect(ev.tls_sni).toBe(rec.tls.sni?.toLowerCase());
      } else if (rec.event_type === 'http') {
        http++;
        expect(expectEvent(results[i]!)).toMatchObject({
          http_host: rec.http.hostname,
          http_url: rec.http.url,
        });
      }
    });
    expect([tls, http]).toEqual([161, 35]);
    // the Dridex fingerprint the abuse.ch JA3 rule names, on the infected host's C2 sessions
    const dridex = results.filter(
      (r) =>
        r.ok === true &&
        r.event.src_ip === '172.16.0.149' &&
        r.event.ja3 === '51c64c77e60f3980eea90869b68c58a8',
    );
    expect(dridex.length).toBeGreaterThanOrEqual(28);
  });

  it('nmap scan: flow, ids and dns counts; scan flows are S0', () => {
    const { results, expected, actual } = tally(NMAP);
    expect(actual).toEqual(expected);
    expect(expected).toEqual({ flow: 933, ids: 44, dns: 15, other: 63 });
    const scan = results.flatMap((r) =>
      r.ok === true && r.event.kind === 'flow' && r.event.src_ip === '192.168.50.30' ? [r.event] : [],
    );
    expect(scan.length).toBeGreaterThan(800);
    expect(scan.filter((e) => e.conn_state === 'S0').length).toBeGreaterThan(800);
  });
});
