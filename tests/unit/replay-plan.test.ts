/** Replay's pure parts: timing plan, wire encoding, arguments, progress and summary text. */
import { describe, expect, it } from 'vitest';
import { parseReplayArgs } from '../../server/replay/command.js';
import { encoder } from '../../server/replay/encode.js';
import type { ReplayRecord } from '../../server/replay/load.js';
import { duration, ProgressReporter, progressBar, progressLine } from '../../server/replay/progress.js';
import { parseSpeed, planTiming } from '../../server/replay/timing.js';

const T0 = Date.parse('2022-02-23T18:00:00Z');
const START = Date.parse('2030-01-01T00:00:00Z');

describe('planTiming', () => {
  it('--speed 1 --rebase now: due at the original spacing, the first record lands now', () => {
    const plan = planTiming(T0, T0 + 60_000, 1, 'now', START);
    expect(plan.sendAt(T0)).toBe(START);
    expect(plan.sendAt(T0 + 10_000)).toBe(START + 10_000);
    expect(T0 + plan.deltaFor(T0)).toBe(START);
    expect(T0 + 10_000 + plan.deltaFor(T0 + 10_000)).toBe(START + 10_000);
  });

  it('--speed 10 --rebase now compresses timestamps by the factor; --rebase keep keeps them', () => {
    const now = planTiming(T0, T0 + 600_000, 10, 'now', START);
    expect(now.sendAt(T0 + 600_000)).toBe(START + 60_000);
    expect(T0 + 600_000 + now.deltaFor(T0 + 600_000)).toBe(START + 60_000);
    const keep = planTiming(T0, T0 + 600_000, 10, 'keep', START);
    expect(keep.sendAt(T0 + 600_000)).toBe(START + 60_000);
    expect(keep.deltaFor(T0 + 600_000)).toBe(0);
  });

  it('--speed max sends everything at once; --rebase now keeps spacing and ends now', () => {
    const plan = planTiming(T0, T0 + 3_600_000, 'max', 'now', START);
    expect(plan.sendAt(T0 + 3_600_000)).toBe(Number.NEGATIVE_INFINITY);
    expect(T0 + 3_600_000 + plan.deltaFor(T0 + 3_600_000)).toBe(START);
    expect(T0 + plan.deltaFor(T0)).toBe(START - 3_600_000);
    expect(planTiming(T0, T0 + 1, 'max', 'keep', START).deltaFor(T0)).toBe(0);
  });

  it('parseSpeed takes positive numbers and max only', () => {
    expect(parseSpeed('max')).toBe('max');
    expect(parseSpeed('2.5')).toBe(2.5);
    expect(parseSpeed('0.5')).toBe(0.5);
    for (const bad of ['0', '-1', 'fast', '1e3', '', 'Infinity']) expect(parseSpeed(bad)).toBeNull();
  });
});

const eveFlow =
  '{"timestamp":"2022-02-23T19:22:25.267657+0100","flow_id":1778159332693385123,"event_type":"flow","src_ip":"172.16.0.131","src_port":49616,"dest_ip":"172.16.0.52","dest_port":53,"proto":"UDP","flow":{"pkts_toserver":1,"pkts_toclient":1,"bytes_toserver":90,"bytes_toclient":200,"start":"2022-02-23T19:22:25.267657+0100","end":"2022-02-23T19:22:25.300000+0100","state":"established"}}';
const rec = (text: string, format: ReplayRecord['format'], timed = true): ReplayRecord => ({
  time: T0,
  timed,
  format,
  text,
  file: 0,
  line: 1,
});

describe('encoder', () => {
  it('original: the record under its format field, in the default stream, timestamps shifted, flow_id intact', () => {
    const encode = encoder({ as: 'original' });
    expect(encode(rec(eveFlow, 'eve'), 0)).toEqual({ stream: 'suricata', field: 'eve', payload: eveFlow });
    const shifted = encode(rec(eveFlow, 'eve'), 1000);
    expect(shifted).toMatchObject({ stream: 'suricata', field: 'eve' });
    const payload = (shifted as { payload: string }).payload;
    expect(payload).toContain('"timestamp":"2022-02-23T18:22:26.267657+0000"');
    expect(payload).toContain('"flow_id":1778159332693385123');
    expect(encoder({ as: 'original', stream: 's', field: 'msg' })(rec('{"ts":1}', 'zeek'), 0)).toEqual({
      stream: 's',
      field: 'msg',
      payload: '{"ts":1}',
    });
    // untimed records are sent as they are
    expect(encode(rec('{"event_type":"x"}', 'eve', false), 5000)).toMatchObject({
      payload: '{"event_type":"x"}',
    });
  });

  it('native: decoded here, ts shifted, segment left to the server, other and rejections skipped', () => {
    const encode = encoder({ as: 'native' });
    const out = encode(rec(eveFlow, 'eve'), 2000) as { stream: string; field: string; payload: string };
    expect(out.stream).toBe('telemetry');
    expect(out.field).toBe('event');
    const ev = JSON.parse(out.payload) as Record<string, unknown>;
    expect(ev).toMatchObject({ kind: 'flow', src_ip: '172.16.0.131', bytes_out: 90, sensor: 'suricata' });
    expect(ev.ts).toBe(Date.parse('2022-02-23T18:22:25.267Z') + 2000);
    expect(ev.event_id).toBe('eve:1778159332693385123:flow:2022-02-23T19:22:25.267657+0100');
    expect(ev).not.toHaveProperty('segment');
    expect(ev).not.toHaveProperty('skewed');
    expect(encode(rec('{"event_type":"smb","src_ip":"10.0.0.1","smb":{}}', 'eve'), 0)).toEqual({
      skip: 'other',
    });
    expect(encode(rec('{"timestamp":"2022-02-23T19:22:25Z","F":"stats"}', 'eve'), 0)).toEqual({
      skip: 'missing_field',
    });
  });
});

describe('replay arguments', () => {
  it('defaults: auto format, speed 1, rebase now, as original, batch 500', () => {
    expect(parseReplayArgs(['a.json'])).toEqual({
      ok: true,
      options: { files: ['a.json'], format: 'auto', speed: 1, rebase: 'now', as: 'original', batch: 500 },
    });
    expect(
      parseReplayArgs([
        'a',
        'b.gz',
        '--format',
        'zeek',
        '--speed',
        'max',
        '--rebase',
        'keep',
        '--stream',
        'z',
      ]),
    ).toMatchObject({
      ok: true,
      options: { files: ['a', 'b.gz'], format: 'zeek', speed: 'max', stream: 'z' },
    });
    expect(parseReplayArgs(['--help'])).toEqual({ ok: 'help' });
  });

  it('refuses bad values with a message naming the option', () => {
    const message = (argv: string[]) => {
      const p = parseReplayArgs(argv);
      return p.ok === false ? p.message : '';
    };
    expect(message([])).toMatch(/FILE/);
    expect(message(['a', '--speed', 'fast'])).toMatch(/--speed/);
    expect(message(['a', '--format', 'pcap'])).toMatch(/--format/);
    expect(message(['a', '--rebase', 'later'])).toMatch(/--rebase/);
    expect(message(['a', '--as', 'csv'])).toMatch(/--as/);
    expect(message(['a', '--batch', '0'])).toMatch(/--batch/);
    expect(message(['a', '--bogus'])).toMatch(/bogus/);
    expect(message(['a', '--as', 'native', '--field', 'msg'])).toMatch(/--field/);
  });
});

describe('progress', () => {
  it('formats a bar and a plain line with rate and ETA', () => {
    const p = { sent: 1500, total: 3000, rate: 812.4, etaMs: 62_000 };
    expect(progressBar(p, 10)).toBe('[#####-----]  50%  1,500/3,000 events  812/s  ETA 1:02');
    expect(progressLine(p)).toBe('replay: 1,500/3,000 events (50%), 812/s, ETA 1:02\n');
    expect(progressLine({ ...p, etaMs: null })).toContain('ETA unknown');
    expect(duration(3_723_000)).toBe('1:02:03');
  });

  it('redraws in place on a terminal, prints periodic lines otherwise', () => {
    const p = { sent: 1, total: 2, rate: 1, etaMs: 1000 };
    let tty = '';
    const bar = new ProgressReporter({ write: (t: string) => (tty += t), isTTY: true }, { ttyEveryMs: 100 });
    bar.update(p, 0);
    bar.update(p, 50);
    bar.update(p, 150);
    bar.finish(p);
    expect(tty.match(/\r\[/g)).toHaveLength(3);
    expect(tty.endsWith('\n')).toBe(true);
    let plain = '';
    const lines = new ProgressReporter(
      { write: (t: string) => (plain += t) },
      { plainEveryMs: 1000, now: 0 },
    );
    for (const t of [100, 900, 1000, 1500, 2100]) lines.update(p, t);
    lines.finish(p);
    expect(plain.split('\n').filter(Boolean)).toHaveLength(2);
    expect(plain).not.toContain('\r');
  });
});
