/** Replay's pure parts: timing plan, wire encoding, arguments, progress and summary text. */
import { describe, expect, it } from 'vitest';
import { parseReplayArgs } from '../../server/replay/command.js';
import { encoder } from '../../server/replay/encode.js';
import type { ReplayRecord } from '../../server/replay/load.js';
import { duration, progressBar, progressDisplay } from '../../server/replay/progress.js';
import { compressTimeline, parseMaxGap, parseSpeed, planTiming } from '../../server/replay/timing.js';

const T0 = Date.parse('2022-02-23T18:00:00Z');
const START = Date.parse('2030-01-01T00:00:00Z');

/** The timeline of a capture from `first` to `last` with nothing compressed. */
const span = (first: number, last: number) => compressTimeline([first, last], Number.POSITIVE_INFINITY);

describe('planTiming', () => {
  it('--speed 1 --rebase now: due at the original spacing, the first record lands now', () => {
    const plan = planTiming(span(T0, T0 + 60_000), 1, 'now', START);
    expect(plan.sendAt(T0)).toBe(START);
    expect(plan.sendAt(T0 + 10_000)).toBe(START + 10_000);
    expect(T0 + plan.deltaFor(T0)).toBe(START);
    expect(T0 + 10_000 + plan.deltaFor(T0 + 10_000)).toBe(START + 10_000);
  });

  it('--speed 10 --rebase now compresses timestamps by the factor; --rebase keep keeps them', () => {
    const now = planTiming(span(T0, T0 + 600_000), 10, 'now', START);
    expect(now.sendAt(T0 + 600_000)).toBe(START + 60_000);
    expect(T0 + 600_000 + now.deltaFor(T0 + 600_000)).toBe(START + 60_000);
    const keep = planTiming(span(T0, T0 + 600_000), 10, 'keep', START);
    expect(keep.sendAt(T0 + 600_000)).toBe(START + 60_000);
    expect(keep.deltaFor(T0 + 600_000)).toBe(0);
  });

  it('--speed max sends everything at once; --rebase now keeps spacing and ends now', () => {
    const plan = planTiming(span(T0, T0 + 3_600_000), 'max', 'now', START);
    expect(plan.sendAt(T0 + 3_600_000)).toBe(Number.NEGATIVE_INFINITY);
    expect(T0 + 3_600_000 + plan.deltaFor(T0 + 3_600_000)).toBe(START);
    expect(T0 + plan.deltaFor(T0)).toBe(START - 3_600_000);
    expect(planTiming(span(T0, T0 + 1), 'max', 'keep', START).deltaFor(T0)).toBe(0);
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

describe('encoder --segment', () => {
  it('puts every native event in the segment; original records cannot carry one', () => {
    const out = encoder({ as: 'native', segment: 'lab' })(rec(eveFlow, 'eve'), 0) as { payload: string };
    expect(JSON.parse(out.payload)).toMatchObject({ segment: 'lab', src_ip: '172.16.0.131' });
    const native = '{"ts":1700000000000,"sensor":"s","kind":"flow","src_ip":"10.0.0.1","segment":"theirs"}';
    const own = encoder({ as: 'native', segment: 'lab' })(rec(native, 'native'), 0) as { payload: string };
    expect(JSON.parse(own.payload).segment).toBe('lab');
    expect(() => encoder({ as: 'original', segment: 'lab' })).toThrow(/native/);
  });
});

describe('replay arguments', () => {
  it('defaults: auto format, speed 1, rebase now, as original, batch 500', () => {
    expect(parseReplayArgs(['a.json'])).toEqual({
      ok: true,
      options: {
        files: ['a.json'],
        format: 'auto',
        speed: 1,
        rebase: 'now',
        as: 'original',
        batch: 500,
        maxGapMs: 60_000,
      },
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
    expect(message(['a', '--max-gap', 'soon'])).toMatch(/--max-gap/);
    expect(message(['a', '--segment', 'no spaces'])).toMatch(/--segment/);
    expect(message(['a', '--segment', 'lab', '--as', 'original'])).toMatch(
      /--segment needs --as native.*WF_SEGMENTS/,
    );
  });

  it('--max-gap takes seconds or a unit, or off; --segment implies --as native', () => {
    const options = (argv: string[]) => {
      const p = parseReplayArgs(['a', ...argv]);
      return p.ok === true ? p.options : null;
    };
    expect(options(['--max-gap', '90'])?.maxGapMs).toBe(90_000);
    expect(options(['--max-gap', '5m'])?.maxGapMs).toBe(300_000);
    expect(options(['--max-gap', 'off'])?.maxGapMs).toBe(Number.POSITIVE_INFINITY);
    expect(options(['--segment', 'lab'])).toMatchObject({ segment: 'lab', as: 'native' });
    expect(options(['--segment', 'lab', '--as', 'native'])).toMatchObject({ segment: 'lab', as: 'native' });
    expect(parseMaxGap('500ms')).toBe(500);
    expect(parseMaxGap('1.5h')).toBe(5_400_000);
    for (const bad of ['', '-1', '1d', 'later', '1e3']) expect(parseMaxGap(bad)).toBeNull();
  });
});

describe('compressTimeline', () => {
  const MIN = 60_000;

  it('shortens only the gaps longer than --max-gap, and says which and how much', () => {
    // a dense minute, a 10-minute silence, a dense minute, then a record three years later
    const times = [0, 30_000, 60_000, 660_000, 690_000, 720_000, 720_000 + 3 * 365 * 86_400_000].map(
      (t) => T0 + t,
    );
    const t = compressTimeline(times, MIN);
    expect(t.gaps.map((g) => g.index)).toEqual([3, 6]);
    expect(t.span).toBe(MIN + MIN + MIN + MIN);
    expect(t.removedMs).toBe(t.originalSpan - t.span);
    expect(times.map((x) => t.offset(x))).toEqual([0, 30_000, 60_000, 120_000, 150_000, 180_000, 240_000]);
    // a time inside a gap keeps its order
    expect(t.offset(T0 + 90_000)).toBe(90_000);
    expect(t.offset(T0 + 400_000)).toBe(120_000);
  });

  it('keeps the timeline as it is with no gap over the limit, or with off', () => {
    const times = [T0, T0 + 50_000, T0 + 100_000];
    expect(compressTimeline(times, MIN)).toMatchObject({ span: 100_000, gaps: [], removedMs: 0 });
    expect(compressTimeline([T0, T0 + 86_400_000], Number.POSITIVE_INFINITY).span).toBe(86_400_000);
    expect(compressTimeline([], MIN)).toMatchObject({ span: 0, gaps: [] });
  });

  it('paces and rebases on the compressed timeline: --speed 10 sends months of silence in 6 s', () => {
    const late = T0 + 100 * 86_400_000;
    const t = compressTimeline([T0, T0 + 30_000, late], MIN);
    const paced = planTiming(t, 10, 'now', START);
    expect(paced.sendAt(late)).toBe(START + 9_000);
    expect(late + paced.deltaFor(late)).toBe(START + 9_000);
    expect(planTiming(t, 10, 'keep', START).deltaFor(late)).toBe(0);
    // --speed max --rebase now: the last record lands now, the rest a compressed minute and a half before
    const max = planTiming(t, 'max', 'now', START);
    expect(late + max.deltaFor(late)).toBe(START);
    expect(T0 + max.deltaFor(T0)).toBe(START - 90_000);
  });
});

describe('progress', () => {
  const p = { sent: 1500, total: 3000, rate: 812.4, etaMs: 62_000, skipped: 3, gaps: 1 };

  it('formats a bar with rate, ETA, records skipped and gaps compressed', () => {
    expect(progressBar(p, 10)).toBe(
      '[#####-----]  50%  1,500/3,000 events  812/s  ETA 1:02  skipped 3  gaps compressed 1',
    );
    expect(progressBar({ ...p, etaMs: null }, 10)).toContain('ETA --:--');
    expect(duration(3_723_000)).toBe('1:02:03');
    expect(duration(92_676_193_800)).toBe('1,072 d 15:23:14');
  });

  it('draws in place through cli-progress on a terminal, ending its line; nothing off a terminal', () => {
    let tty = '';
    const terminal = { write: (t: string) => (tty += t), isTTY: true, columns: 120 };
    const bar = progressDisplay(terminal);
    bar.update({ ...p, sent: 0 });
    bar.update(p);
    bar.update({ ...p, sent: 3000, etaMs: 0 });
    bar.stop();
    expect(tty).toContain('\u001b[?25l'); // cursor hidden while drawing, shown again after
    expect(tty).toContain('\u001b[?25h');
    expect(tty).toContain('[########################] 100%  3,000/3,000 events');
    expect(tty.endsWith('\n')).toBe(true);
    let plain = '';
    const off = progressDisplay({ write: (t: string) => (plain += t) });
    off.update(p);
    off.stop();
    expect(plain).toBe('');
  });
});
