/**
 * Real sensor samples (../shared/datasets, SOURCES.md) replayed with the replay tool (`--speed max --rebase keep`)
 * through real Redis into a running ingest configured as a deployment would be (`key=eve`, `key=zeek`): exact
 * counts per kind, `other`, duplicates and rejections with reasons, and for conn logs the byte totals per host
 * equal to those computed directly from the file.
 *
 * Expected counts follow from SOURCES.md and the README mapping: EVE flow + http + tls → flow, alert + anomaly →
 * ids, dns answers → dns (queries are `other`), smb/krb5/dcerpc/dhcp/fileinfo/smtp/stats → other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createRedis } from '../../server/redis/connections.js';
import { replay } from '../../server/replay/replay.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { samplesDir } from '../fixtures/decoding.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

interface Expected {
  format: 'eve' | 'zeek';
  kinds: Partial<Record<NormalizedEvent['kind'], number>>;
  other: number;
  duplicates: number;
  rejected: Record<string, number>;
  conn?: 'tsv' | 'json';
}

const SAMPLES: Record<string, Expected> = {
  // 826 flow + 35 http + 161 tls; 121 alert + 25 anomaly; 223 dns answers; 265 dns queries + 294 smb + 258 dcerpc
  // + 70 krb5 + 33 fileinfo + 10 smtp + 3 dhcp other; the last line is a stats record without event_type.
  'suricata_eve_formbook_dridex.json': {
    format: 'eve',
    kinds: { flow: 1022, ids: 146, dns: 223 },
    other: 933,
    duplicates: 0,
    rejected: { missing_field: 1 },
  },
  // 933 flow; 44 alerts; 15 dns answers; 21 dns queries + 42 stats other.
  'suricata_eve_nmap_scan.json': {
    format: 'eve',
    kinds: { flow: 933, ids: 44, dns: 15 },
    other: 63,
    duplicates: 0,
    rejected: {},
  },
  // 29 lines, one of them a repeated record (uid C2nyFQkh6oijTV5hd): counted once.
  'zeek_json_conn_rita.log': {
    format: 'zeek',
    kinds: { flow: 28 },
    other: 0,
    duplicates: 1,
    rejected: {},
    conn: 'json',
  },
  'zeek_json_dns_rita_dnscat2.log': {
    format: 'zeek',
    kinds: { dns: 34 },
    other: 0,
    duplicates: 0,
    rejected: {},
  },
  'zeek_tsv_conn_rita_proxy_beacon.log': {
    format: 'zeek',
    kinds: { flow: 463 },
    other: 0,
    duplicates: 0,
    rejected: {},
    conn: 'tsv',
  },
  'zeek_tsv_conn_rita_proxy_rolling_1h.log.gz': {
    format: 'zeek',
    kinds: { flow: 7260 },
    other: 0,
    duplicates: 0,
    rejected: {},
    conn: 'tsv',
  },
};

const dir = samplesDir(Object.keys(SAMPLES));
let wf: TestServer | null = null;
afterEach(async () => {
  await wf?.close();
  wf = null;
});

const text = (file: string) => {
  const buf = readFileSync(join(dir!, file));
  return (file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
};

/** Bytes out/in per originating host straight from a conn log (one record per uid). */
function connBytesFromFile(file: string, kind: 'tsv' | 'json'): Map<string, [number, number]> {
  const rows: { uid: string; host: string; out: number; in: number }[] = [];
  const lines = text(file)
    .split('\n')
    .filter((l) => l !== '');
  if (kind === 'json') {
    for (const l of lines) {
      const r = JSON.parse(l) as Record<string, string | number | undefined>;
      rows.push({
        uid: String(r.uid),
        host: String(r['id.orig_h']),
        out: Number(r.orig_bytes ?? 0),
        in: Number(r.resp_bytes ?? 0),
      });
    }
  } else {
    const fields = lines
      .find((l) => l.startsWith('#fields'))!
      .split('\t')
      .slice(1);
    const col = (name: string) => fields.indexOf(name);
    const num = (v: string | undefined) => (v === undefined || v === '-' ? 0 : Number(v));
    for (const l of lines.filter((x) => !x.startsWith('#'))) {
      const v = l.split('\t');
      rows.push({
        uid: v[col('uid')]!,
        host: v[col('id.orig_h')]!,
        out: num(v[col('orig_bytes')]),
        in: num(v[col('resp_bytes')]),
      });
    }
  }
  const seen = new Set<string>();
  const totals = new Map<string, [number, number]>();
  for (const r of rows) {
    if (seen.has(r.uid)) continue;
    seen.add(r.uid);
    const t = totals.get(r.host) ?? [0, 0];
    totals.set(r.host, [t[0] + r.out, t[1] + r.in]);
  }
  return totals;
}

describe.skipIf(!dir)('real sensor samples through replay → Redis → ingest', () => {
  for (const [file, x] of Object.entries(SAMPLES)) {
    it(`${file}: exact counts per kind, other, duplicates, rejections${x.conn ? ', bytes per host' : ''}`, async () => {
      const key = `${x.format === 'eve' ? 'suricata' : 'zeek'}-${Math.random().toString(36).slice(2, 10)}`;
      const server = await startTestServer(inject('redisUrl'), { WF_STREAMS: `${key}=${x.format}` });
      wf = server;
      // The sink sees exactly the accepted events, after decoding and de-duplication.
      const accepted: NormalizedEvent[] = [];
      const apply = server.live.apply.bind(server.live);
      server.live.apply = (events, now) => {
        for (const e of events) accepted.push(e.event);
        apply(events, now);
      };

      const redis = createRedis(inject('redisUrl'), 'test-samples');
      const summary = await replay(
        { files: [join(dir!, file)], format: x.format, stream: key, speed: 'max', rebase: 'keep' },
        { redis },
      ).finally(() => redis.quit());
      const nKinds = Object.values(x.kinds).reduce((a, b) => a + b, 0);
      const nRejected = Object.values(x.rejected).reduce((a, b) => a + b, 0);
      expect(summary).toMatchObject({ skipped: {}, interrupted: false });
      expect(summary.sent).toBe(nKinds + x.other + x.duplicates + nRejected);

      const counters = await eventually(async () => {
        const c = await server.redis.hgetall(`${server.prefix}counters`);
        const n = (f: string) => Number(c[f] ?? 0);
        return n('ingested') + n('other') + n('duplicates') + n('rejected') === summary.sent ? c : undefined;
      });
      const kinds: Record<string, number> = {};
      for (const e of accepted) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
      expect(kinds).toEqual(x.kinds);
      expect(server.live.engine.applied).toBe(nKinds);
      const expectedCounters: Record<string, string> = { ingested: String(nKinds) };
      if (x.other) expectedCounters.other = String(x.other);
      if (x.duplicates) expectedCounters.duplicates = String(x.duplicates);
      if (nRejected) expectedCounters.rejected = String(nRejected);
      for (const [r, n] of Object.entries(x.rejected)) expectedCounters[`rejected:${r}`] = String(n);
      // `since`: when the shared counters began (stamped at the deployment's first start)
      expect(counters).toEqual({ ...expectedCounters, since: expect.stringMatching(/^\d+$/) });

      const dlq = (await server.redis.xrange(`${server.prefix}dlq`, '-', '+')) as [string, string[]][];
      expect(dlq).toHaveLength(nRejected);
      if (file.startsWith('suricata_eve_formbook')) {
        const lines = text(file).trimEnd().split('\n');
        const f = dlq[0]![1];
        const field = (name: string) => f[f.indexOf(name) + 1];
        expect(field('source')).toBe(key);
        expect(field('reason')).toBe('missing_field');
        expect(field('detail')).toBe('event_type is required');
        expect(field('raw')).toBe(lines.at(-1));
      }

      if (x.conn) {
        const fromFile = connBytesFromFile(file, x.conn);
        const ingested = new Map<string, [number, number]>();
        for (const e of accepted) {
          const t = ingested.get(e.src_ip) ?? [0, 0];
          ingested.set(e.src_ip, [t[0] + (e.bytes_out ?? 0), t[1] + (e.bytes_in ?? 0)]);
        }
        expect(Object.fromEntries(ingested)).toEqual(Object.fromEntries(fromFile));
        expect(fromFile.size).toBeGreaterThan(1);
      }
    });
  }
});

describe.skipIf(!dir)('real sensor samples: --as native', () => {
  it('FormBook EVE decoded by the replay tool gives the same accepted events as the eve stream', async () => {
    const key = `telemetry-${Math.random().toString(36).slice(2, 10)}`;
    const server = await startTestServer(inject('redisUrl'), { WF_STREAMS: key });
    wf = server;
    const redis = createRedis(inject('redisUrl'), 'test-samples-native');
    const summary = await replay(
      {
        files: [join(dir!, 'suricata_eve_formbook_dridex.json')],
        stream: key,
        speed: 'max',
        rebase: 'keep',
        as: 'native',
      },
      { redis },
    ).finally(() => redis.quit());
    // other and the malformed stats record are decided locally and not sent
    expect(summary).toMatchObject({ read: 2325, sent: 1391, skipped: { other: 933, missing_field: 1 } });
    const c = await eventually(async () => {
      const counters = await server.redis.hgetall(server.keys.counters);
      return Number(counters.ingested ?? 0) === 1391 ? counters : undefined;
    });
    expect(c).toEqual({ ingested: '1391', since: expect.stringMatching(/^\d+$/) });
  });
});
