import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeEveRecord } from '../../server/ingest/decoders/eve.js';
import { decodeZeekRecord } from '../../server/ingest/decoders/zeek.js';
import {
  type FileItem,
  type FileRecord,
  readFile,
  recordTime,
  shiftTime,
} from '../../server/replay/readers.js';
import { context, FIXTURES, samplesDir } from '../fixtures/decoding.js';

const ctx = context();
const tmp = mkdtempSync(join(tmpdir(), 'wf-readers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function readAll(path: string, options?: Parameters<typeof readFile>[1]): Promise<FileItem[]> {
  const out: FileItem[] = [];
  for await (const item of readFile(path, options)) out.push(item);
  return out;
}
const records = (items: FileItem[]) => items.filter((i): i is FileRecord => i.ok);

function write(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe('readFile: Zeek TSV', () => {
  it('types columns by #types, drops unset fields, keeps extra columns, reports bad rows by line', async () => {
    const items = await readAll(join(FIXTURES, 'zeek-conn.tsv'));
    expect(items.map((i) => (i.ok ? i.record.uid : `problem@${i.line}`))).toEqual([
      'CT1',
      'CT2',
      'CT3',
      'problem@12',
      'CT5',
    ]);
    const [ct1, ct2, ct3] = records(items);
    expect(ct1!.format).toBe('zeek');
    expect(ct1!.record).toEqual({
      _path: 'conn',
      _node_name: 'worker-1',
      ts: 1709283600.5,
      uid: 'CT1',
      'id.orig_h': '192.0.2.10',
      'id.orig_p': 51000,
      'id.resp_h': '198.51.100.7',
      'id.resp_p': 3128,
      proto: 'tcp',
      service: 'http,ssl',
      duration: 0.25,
      orig_bytes: 1000,
      resp_bytes: 20000,
      conn_state: 'SF',
      local_orig: true,
      history: 'ShADadFf',
      orig_pkts: 10,
      resp_pkts: 12,
      tunnel_parents: [],
    });
    expect(ct1!.time).toBe(1709283600500);
    expect(JSON.parse(ct1!.text)).toEqual(ct1!.record);
    expect(ct2!.record).not.toHaveProperty('duration');
    expect(ct2!.record).not.toHaveProperty('tunnel_parents');
    expect(ct3!.record.tunnel_parents).toEqual(['CT1', 'CT2']);
    expect(items[3]).toMatchObject({ ok: false, reason: 'bad_value' });
  });

  it('reads gzip by content and yields records the Zeek decoder accepts', async () => {
    const path = write('conn.log.gz', gzipSync(readFileSync(join(FIXTURES, 'zeek-conn.tsv'))));
    const recs = records(await readAll(path));
    expect(recs).toHaveLength(4);
    const events = recs.map((r) => decodeZeekRecord(r.record, ctx));
    expect(events.map((e) => (e.ok === true ? e.event.ts : e.ok))).toEqual(recs.map((r) => r.time));
    expect(events.map((e) => (e.ok === true ? e.event.sensor : null))).toEqual([
      'worker-1',
      'worker-1',
      'worker-2',
      'worker-2',
    ]);
  });

  it('honours a custom separator and unescapes \\xHH', async () => {
    const path = write(
      'pipe.log',
      '#separator \\x7c\n#fields|ts|uid|query\n#types|time|string|string\n1709283600|C1|a\\x7cb.example\n',
    );
    const [rec] = records(await readAll(path));
    expect(rec!.record).toEqual({ ts: 1709283600, uid: 'C1', query: 'a|b.example' });
  });
});

describe('readFile: JSON lines', () => {
  it('detects EVE, keeps the original text, skips blank lines, reports bad lines with numbers', async () => {
    const eve = readFileSync(join(FIXTURES, 'eve-branches.jsonl'), 'utf8').split('\n').filter(Boolean);
    const path = write(
      'eve.json.gz',
      gzipSync(`${eve[0]}\r\n\n{"broken":\n[1,2]\n${eve.slice(1).join('\n')}\n`),
    );
    const items = await readAll(path);
    expect(items.filter((i) => !i.ok)).toEqual([
      expect.objectContaining({ line: 3, reason: 'bad_json' }),
      expect.objectContaining({ line: 4, reason: 'not_object' }),
    ]);
    const recs = records(items);
    expect(recs).toHaveLength(eve.length);
    expect(recs.every((r) => r.format === 'eve')).toBe(true);
    expect(recs.map((r) => r.text)).toEqual(eve);
    expect(recs[0]!.line).toBe(1);
    expect(recs.at(-1)!.record).toHaveProperty('F', 'stats');
  });

  it('fixes the format from the first recognisable line; an unrecognisable file gives unknown_format', async () => {
    const zeek = await readAll(join(FIXTURES, 'zeek-branches.jsonl'));
    expect(records(zeek).every((r) => r.format === 'zeek')).toBe(true);
    const late = await readAll(write('late.json', '{"a":1}\n{"_path":"conn","ts":1}\n'));
    expect(late.map((i) => (i.ok ? i.format : i.reason))).toEqual(['zeek', 'zeek']);
    const none = await readAll(write('none.json', '{"a":1}\n{"b":2}\n'));
    expect(none.map((i) => (i.ok ? i.format : i.reason))).toEqual(['unknown_format', 'unknown_format']);
    const forced = await readAll(write('forced.json', '{"a":1}\n'), { format: 'native' });
    expect(forced).toMatchObject([{ ok: true, format: 'native', time: null }]);
  });

  it.each([
    [
      'an EVE flow: flow.start',
      {
        event_type: 'flow',
        timestamp: '2024-03-01T10:00:05+0100',
        flow: { start: '2024-03-01T10:00:00+0100' },
      },
      'eve',
      Date.parse('2024-03-01T09:00:00Z'),
    ],
    [
      'another EVE record: timestamp',
      { event_type: 'alert', timestamp: '2024-03-01T10:00:05+0100' },
      'eve',
      Date.parse('2024-03-01T09:00:05Z'),
    ],
    ['Zeek: ts in seconds', { ts: 1709283600.25 }, 'zeek', 1709283600250],
    ['native: ts as text', { ts: '2024-03-01T09:00:00Z' }, 'native', Date.parse('2024-03-01T09:00:00Z')],
    ['native without ts: none', {}, 'native', null],
  ] as const)('recordTime of %s', (_what, record, format, time) => {
    expect(recordTime(record, format)).toBe(time);
  });
});

describe('shiftTime', () => {
  it('shifts EVE timestamp and flow start/end by whole ms, keeping µs digits and flow_id text', () => {
    const line =
      '{"timestamp":"2024-03-01T10:00:05.250123+0100","flow_id":1234567890123456789,"event_type":"flow",' +
      '"flow":{"start":"2024-03-01T10:00:00.000456+0100","end":"2024-03-01T10:00:02.5+0100"},"tls":{"notbefore":"2022-01-31T21:59:24"}}';
    const out = shiftTime(line, 'eve', 3_600_000 + 7);
    expect(out).toContain('"flow_id":1234567890123456789,');
    expect(out).toContain('"timestamp":"2024-03-01T10:00:05.257123+0000"');
    expect(out).toContain('"start":"2024-03-01T10:00:00.007456+0000"');
    expect(out).toContain('"end":"2024-03-01T10:00:02.507+0000"');
    expect(out).toContain('"notbefore":"2022-01-31T21:59:24"');
    const rec = JSON.parse(out);
    expect(recordTime(rec, 'eve')).toBe(recordTime(JSON.parse(line), 'eve')! + 3_600_007);
  });

  it('shifts Zeek and native ts in their unit', () => {
    expect(shiftTime('{"ts":1709283600.123456,"uid":"C1"}', 'zeek', -1500)).toBe(
      '{"ts":1709283598.623456,"uid":"C1"}',
    );
    expect(shiftTime('{"ts":"2024-03-01T09:00:00Z"}', 'zeek', 1000)).toBe(
      '{"ts":"2024-03-01T09:00:01.000Z"}',
    );
    expect(shiftTime('{"ts":1709283600000,"kind":"flow"}', 'native', 5)).toBe(
      '{"ts":1709283600005,"kind":"flow"}',
    );
    expect(shiftTime('{"kind":"flow"}', 'native', 5)).toBe('{"kind":"flow"}');
  });
});

const FORMBOOK = 'suricata_eve_formbook_dridex.json';
const ROLLING = 'zeek_tsv_conn_rita_proxy_rolling_1h.log.gz';
const dir = samplesDir([FORMBOOK, ROLLING]);

describe.skipIf(!dir)('readFile: real samples', () => {
  it('FormBook EVE: 2,325 records, out of order, recordTime equals the decoded event time', async () => {
    const items = await readAll(join(dir!, FORMBOOK));
    expect(items).toHaveLength(2325);
    const recs = records(items);
    expect(recs).toHaveLength(2325);
    let inversions = 0;
    for (let i = 1; i < recs.length; i++) if (recs[i]!.time! < recs[i - 1]!.time!) inversions++;
    expect(inversions).toBeGreaterThan(100);
    for (const r of recs) {
      const d = decodeEveRecord(r.record, r.text, ctx);
      if (d.ok === true) expect(d.event.ts).toBe(r.time);
    }
  });

  it('rolling 1h Zeek TSV.gz: 7,260 records, no problems', async () => {
    const items = await readAll(join(dir!, ROLLING));
    expect(items.filter((i) => !i.ok)).toEqual([]);
    expect(records(items).filter((r) => r.format === 'zeek' && r.record._node_name)).toHaveLength(7260);
  });
});
