import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decoded } from '../../server/ingest/decoders/types.js';
import {
  decodeZeek,
  decodeZeekRecord,
  decodeZeekText,
  zeekLogOf,
} from '../../server/ingest/decoders/zeek.js';
import { readFile } from '../../server/replay/readers.js';
import {
  context,
  damagedText,
  expectEvent,
  expectOutcome,
  fixtureLines,
  mutatedRecord,
  samplesDir,
} from '../fixtures/decoding.js';

const ctx = context({ field: 'zeek' });
const lines = fixtureLines('zeek-branches.jsonl');
const decoded = lines.map((l) => decodeZeek(['zeek', l], ctx));
const at = (i: number) => expectEvent(decoded[i]!);
const reason = (d: Decoded) => (d.ok === false ? d.reason : d.ok);

describe('decodeZeek: fixture branches', () => {
  it('maps conn to flow: epoch seconds, duration in ms, orig → out, _node_name as sensor', () => {
    expect(at(0)).toEqual({
      ts: 1709283600500,
      sensor: 'worker-1',
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
      event_id: 'zeek:conn:CAbc123:1709283600500',
    });
  });

  it('detects conn without _path; ISO ts; expanded IPv6; input key as sensor', () => {
    expect(at(1)).toMatchObject({
      ts: Date.parse('2024-03-01T09:00:01Z'),
      src_ip: '2001:db8::10',
      conn_state: 'S0',
      sensor: 'test-source',
    });
    expect(at(1).bytes_out).toBeUndefined();
  });

  it('maps dns; an unanswered query has no rcode; a record without query is other', () => {
    expect(at(2)).toMatchObject({
      kind: 'dns',
      query: 'tunnel.example.test',
      qtype: 'TXT',
      rcode: 'NOERROR',
    });
    expect(at(2).event_id).toBe('zeek:dns:CGhi789:4242:TXT:tunnel.example.test:1709283602250');
    expect(at(3)).toMatchObject({ kind: 'dns', query: 'unanswered.example.test', qtype: 'A' });
    expect(at(3).rcode).toBeUndefined();
    expect(decoded[4]).toEqual({ ok: 'other', type: 'dns' });
  });

  it('maps notice to ids (note, msg, severity 2); host-less notices are other', () => {
    expect(at(5)).toMatchObject({
      kind: 'ids',
      signature: 'HTTP::SQL_Injection_Attacker',
      category: 'An SQL injection attacker was discovered!',
      severity: 2,
      src_ip: '192.0.2.30',
      dst_ip: '198.51.100.80',
      dst_port: 80,
    });
    expect(at(6)).toMatchObject({ signature: 'Scan::Port_Scan', src_ip: '192.0.2.31' });
    expect(at(6).event_id).toBeUndefined();
    expect(decoded[7]).toEqual({ ok: 'other', type: 'notice' });
  });

  it('counts other logs as other; rejects what is no Zeek record', () => {
    expect(decoded[9]).toEqual({ ok: 'other', type: 'unknown' });
    expect(reason(decoded[10]!)).toBe('missing_field');
    expect(reason(decodeZeekText('{"_path":3}', ctx))).toBe('bad_type');
    expect(reason(decodeZeekText('nope', ctx))).toBe('bad_json');
    expect(reason(decodeZeek(['event', lines[0]!], ctx))).toBe('missing_field');
    expect(reason(decodeZeekText(lines[0]!.replace('"ts":1709283600.5,', ''), ctx))).toBe('missing_field');
    expect(reason(decodeZeekText(lines[0]!.replace('"orig_bytes":1200', '"orig_bytes":-5'), ctx))).toBe(
      'bad_value',
    );
  });

  it('maps http and ssl to volume-less flows carrying Host, URI, SNI and JA3/JA3S', () => {
    expect(at(8)).toMatchObject({ kind: 'flow', src_ip: '192.0.2.30', http_host: 'www.example.test' });
    expect(at(8).bytes_out).toBeUndefined();
    expect(at(11)).toMatchObject({
      kind: 'flow',
      src_ip: '192.0.2.60',
      dst_port: 443,
      tls_sni: 'c2.example.test',
      ja3: '51c64c77e60f3980eea90869b68c58a8',
      ja3s: 'ec74a5c51106f0419184d0dd08fb05bc',
      event_id: 'zeek:ssl:CSsl567:1709283611000',
    });
  });

  it('maps hashed files to a flow about the receiving host; unhashed files and x509 are other', () => {
    expect(at(12)).toMatchObject({
      kind: 'flow',
      src_ip: '192.0.2.61',
      dst_ip: '198.51.100.80',
      file_md5: '0cc175b9c0f1b6a831c399e269772661',
      file_sha256: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',
      event_id: 'zeek:files:FAbc890:1709283612000',
    });
    expect(decoded[13]).toEqual({ ok: 'other', type: 'files' });
    expect(decoded[14]).toEqual({ ok: 'other', type: 'x509' });
  });

  it('reads a nested id object as shippers write it', () => {
    const rec = {
      _path: 'conn',
      ts: 1709283600,
      id: { orig_h: '192.0.2.9', orig_p: 1, resp_h: '192.0.2.8', resp_p: 2 },
    };
    expect(expectEvent(decodeZeekRecord(rec, ctx))).toMatchObject({ src_ip: '192.0.2.9', dst_port: 2 });
    expect(zeekLogOf({ id: { orig_h: '192.0.2.9' }, proto: 'udp' })).toBe('conn');
  });
});

describe('decodeZeek: fuzz', () => {
  const bases = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  it('never throws on mutated real-shaped records (as objects, NaN included, and as JSON)', () => {
    fc.assert(
      fc.property(mutatedRecord(bases), (rec) => {
        expectOutcome(decodeZeekRecord(rec, ctx));
        expectOutcome(decodeZeek(['zeek', JSON.stringify(rec)], ctx));
      }),
      { numRuns: 2000 },
    );
  });
  it('never throws on damaged text or random field arrays', () => {
    fc.assert(
      fc.property(damagedText(lines), (text) => expectOutcome(decodeZeek(['zeek', text], ctx))),
      {
        numRuns: 2000,
      },
    );
    fc.assert(fc.property(fc.array(fc.string()), (fields) => expectOutcome(decodeZeek(fields, ctx))));
  });
});

const BEACON = 'zeek_tsv_conn_rita_proxy_beacon.log';
const ROLLING = 'zeek_tsv_conn_rita_proxy_rolling_1h.log.gz';
const CONN_JSON = 'zeek_json_conn_rita.log';
const DNSCAT = 'zeek_json_dns_rita_dnscat2.log';
const dir = samplesDir([BEACON, ROLLING, CONN_JSON, DNSCAT]);

/** Per-host byte totals straight from the TSV columns (`-` counts 0). */
function tsvTotals(text: string) {
  const rows = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  const names = text
    .split('\n')
    .find((l) => l.startsWith('#fields'))!
    .split('\t')
    .slice(1);
  const col = (n: string) => names.indexOf(n);
  const totals = new Map<string, { out: number; in: number }>();
  for (const row of rows) {
    const v = row.split('\t');
    const host = v[col('id.orig_h')]!;
    const t = totals.get(host) ?? { out: 0, in: 0 };
    const n = (s: string) => (s === '-' ? 0 : Number(s));
    t.out += n(v[col('orig_bytes')]!);
    t.in += n(v[col('resp_bytes')]!);
    totals.set(host, t);
  }
  return { rows: rows.length, totals };
}

async function decodedTotals(path: string) {
  const totals = new Map<string, { out: number; in: number }>();
  const results: Decoded[] = [];
  for await (const item of readFile(path)) {
    if (!item.ok) throw new Error(`line ${item.line}: ${item.detail}`);
    const r = decodeZeekRecord(item.record, ctx);
    results.push(r);
    if (r.ok !== true) continue;
    const t = totals.get(r.event.src_ip) ?? { out: 0, in: 0 };
    t.out += r.event.bytes_out ?? 0;
    t.in += r.event.bytes_in ?? 0;
    totals.set(r.event.src_ip, t);
  }
  return { results, totals };
}

describe.skipIf(!dir)('decodeZeek: real samples', () => {
  it('proxy beacon TSV: 463 flow events, per-host bytes equal the file columns', async () => {
    const want = tsvTotals(readFileSync(join(dir!, BEACON), 'utf8'));
    const got = await decodedTotals(join(dir!, BEACON));
    expect(want.rows).toBe(463);
    expect(got.results.filter((r) => r.ok === true && r.event.kind === 'flow')).toHaveLength(463);
    expect(got.totals).toEqual(want.totals);
  });

  it('rolling 1h TSV.gz: 7,260 flow events from worker nodes, per-host bytes equal the file columns', async () => {
    const want = tsvTotals(gunzipSync(readFileSync(join(dir!, ROLLING))).toString('utf8'));
    const got = await decodedTotals(join(dir!, ROLLING));
    expect(want.rows).toBe(7260);
    const events = got.results.flatMap((r) => (r.ok === true ? [r.event] : []));
    expect(events).toHaveLength(7260);
    expect(events.every((e) => e.sensor.startsWith('worker-'))).toBe(true);
    expect(got.totals).toEqual(want.totals);
  });

  it('conn JSON: 29 flow events', () => {
    const rows = readFileSync(join(dir!, CONN_JSON), 'utf8').split('\n').filter(Boolean);
    const events = rows.map((l) => expectEvent(decodeZeek(['zeek', l], ctx)));
    expect(events.filter((e) => e.kind === 'flow')).toHaveLength(rows.length);
    expect(rows).toHaveLength(29);
  });

  it('dnscat2 JSON (no _path): 34 dns events, 24 TXT from 192.168.88.2', () => {
    const rows = readFileSync(join(dir!, DNSCAT), 'utf8').split('\n').filter(Boolean);
    const events = rows.map((l) => expectEvent(decodeZeek(['zeek', l], ctx)));
    expect(events.filter((e) => e.kind === 'dns')).toHaveLength(34);
    const txt = events.filter((e) => e.qtype === 'TXT' && e.src_ip === '192.168.88.2');
    const wantTxt = rows
      .map((l) => JSON.parse(l))
      .filter((r) => r.qtype_name === 'TXT' && r['id.orig_h'] === '192.168.88.2');
    expect(txt).toHaveLength(wantTxt.length);
    expect(txt).toHaveLength(24);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(34);
  });
});
