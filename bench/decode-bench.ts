/**
 * @module Decoding cost per event: the EVE and Zeek decoders next to the native one, on the same events, in one
 * run. Records are the real samples (../shared/datasets, or WF_SAMPLES_DIR) when present, else built-in ones; the
 * native records are the same events as native JSON. Run: `npx tsx bench/decode-bench.ts`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decoderFor, defaultField } from '../server/ingest/decoders/index.js';
import type { DecodeContext, InputFormat } from '../server/ingest/decoders/types.js';
import { readFile } from '../server/replay/readers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = resolve(ROOT, process.env.WF_SAMPLES_DIR ?? '../shared/datasets');

const ctx = (field: string): DecodeContext => ({
  source: 'bench',
  field,
  now: Date.now(),
  maxFutureMs: Number.POSITIVE_INFINITY,
  segmentOf: () => 'bench',
});

const FALLBACK = {
  eve: [
    '{"timestamp":"2022-02-23T19:22:25.267657+0100","flow_id":1778159332693385,"in_iface":"eth0","event_type":"flow","src_ip":"172.16.0.131","src_port":49616,"dest_ip":"172.16.0.52","dest_port":53,"proto":"UDP","app_proto":"dns","flow":{"pkts_toserver":1,"pkts_toclient":1,"bytes_toserver":110,"bytes_toclient":180,"start":"2022-02-23T19:22:25.267657+0100","end":"2022-02-23T19:22:25.268000+0100","age":0,"state":"established","reason":"timeout","alerted":false}}',
    '{"timestamp":"2022-02-23T19:25:01.100000+0100","flow_id":913545908790223,"event_type":"alert","src_ip":"172.16.0.131","src_port":50111,"dest_ip":"198.51.100.80","dest_port":80,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2031412,"rev":4,"signature":"ET MALWARE FormBook CnC Checkin (GET)","category":"A Network Trojan was detected","severity":1},"http":{"hostname":"example.com","url":"/x","http_method":"GET"}}',
    '{"timestamp":"2022-02-23T19:22:25.267858+0100","flow_id":1778159332693385,"event_type":"dns","src_ip":"172.16.0.52","src_port":53,"dest_ip":"172.16.0.131","dest_port":49616,"proto":"UDP","dns":{"version":2,"type":"answer","id":34800,"flags":"8580","qr":true,"aa":true,"rrname":"sunnystation-dc.sunnystation.com","rrtype":"A","rcode":"NOERROR","answers":[{"rrname":"sunnystation-dc.sunnystation.com","rrtype":"A","ttl":3600,"rdata":"172.16.0.52"}]}}',
  ],
  zeek: [
    '{"_path":"conn","ts":1714420815.679485,"uid":"CCPE3016qEt5zUnPgb","id.orig_h":"10.0.0.238","id.orig_p":53501,"id.resp_h":"75.75.75.75","id.resp_p":53,"proto":"udp","service":"dns","duration":0.063826,"orig_bytes":191,"resp_bytes":319,"conn_state":"SF","local_orig":true,"local_resp":false,"missed_bytes":0,"history":"Dd","orig_pkts":2,"orig_ip_bytes":247,"resp_pkts":2,"resp_ip_bytes":375,"_node_name":"worker-eth0-1"}',
  ],
};

async function sampleRecords(
  format: 'eve' | 'zeek',
  files: string[],
): Promise<{ texts: string[]; from: string }> {
  const present = files.filter((f) => existsSync(join(DIR, f)));
  if (present.length === 0) return { texts: FALLBACK[format], from: 'built-in records' };
  const texts: string[] = [];
  for (const f of present)
    for await (const item of readFile(join(DIR, f), { format })) if (item.ok) texts.push(item.text);
  return { texts, from: present.join(', ') };
}

/** Native JSON of the same events (what a native producer would write for them). */
function asNative(format: InputFormat, texts: string[]): string[] {
  const decode = decoderFor(format);
  const field = defaultField(format);
  const out: string[] = [];
  for (const t of texts) {
    const d = decode([field, t], ctx(field));
    if (d.ok === true) {
      const { segment: _s, ...rest } = d.event;
      out.push(JSON.stringify(rest));
    }
  }
  return out;
}

/** A timer of one decoder over a set of records: ns per record for one round of at least `minMs`. */
function timer(format: InputFormat, texts: string[]): (minMs: number) => number {
  const decode = decoderFor(format);
  const field = defaultField(format);
  const c = ctx(field);
  const entries = texts.map((t) => [field, t]);
  let sink = 0;
  const once = () => {
    for (const e of entries) if (decode(e, c).ok === true) sink++;
  };
  for (let i = 0; i < 5; i++) once(); // warm-up
  return (minMs) => {
    let n = 0;
    const t0 = process.hrtime.bigint();
    let elapsed = 0n;
    do {
      once();
      n += entries.length;
      elapsed = process.hrtime.bigint() - t0;
    } while (elapsed < BigInt(minMs) * 1_000_000n);
    return sink >= 0 ? Number(elapsed) / n : 0;
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Sensor decoder and native decoder in alternating rounds (noise hits both alike); medians and median ratio. */
function paired(format: InputFormat, texts: string[], native: string[], rounds = 9, minMs = 200) {
  const a = timer(format, texts);
  const b = timer('native', native);
  const ns: number[] = [];
  const nativeNs: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    ns.push(a(minMs));
    nativeNs.push(b(minMs));
    ratios.push(ns.at(-1)! / nativeNs.at(-1)!);
  }
  return { ns: median(ns), nativeNs: median(nativeNs), ratio: median(ratios) };
}

export interface DecodeFigure {
  name: string;
  records: number;
  nsPerEvent: number;
  nativeNsPerEvent: number;
  ratio: number;
}

export async function runDecodeBench(log: (line: string) => void = console.log): Promise<DecodeFigure[]> {
  const eve = await sampleRecords('eve', [
    'suricata_eve_formbook_dridex.json',
    'suricata_eve_nmap_scan.json',
  ]);
  const zeek = await sampleRecords('zeek', [
    'zeek_tsv_conn_rita_proxy_rolling_1h.log.gz',
    'zeek_json_conn_rita.log',
    'zeek_json_dns_rita_dnscat2.log',
  ]);
  // Flow-like records only too: the bulk of a real feed, and comparable one to one with native flows.
  const eveFlows = eve.texts.filter((t) => t.includes('"event_type":"flow"'));
  const sets: [string, 'eve' | 'zeek', string[]][] = [
    [`EVE, all event types (${eve.from})`, 'eve', eve.texts],
    ['EVE, flow records only', 'eve', eveFlows],
    [`Zeek JSON (${zeek.from})`, 'zeek', zeek.texts],
  ];
  const figures: DecodeFigure[] = [];
  log('decode cost per record (median of 9 rounds alternating with native JSON of the same events)');
  for (const [name, format, texts] of sets) {
    const native = asNative(format, texts);
    const { ns, nativeNs, ratio } = paired(format, texts, native);
    figures.push({ name, records: texts.length, nsPerEvent: ns, nativeNsPerEvent: nativeNs, ratio });
    log(
      `  ${name}: ${texts.length} records, ${format} ${Math.round(ns)} ns/record; ` +
        `native ${Math.round(nativeNs)} ns/event (${native.length} events); ${format}/native ${ratio.toFixed(2)}×`,
    );
  }
  return figures;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runDecodeBench();
