import { describe, expect, it } from 'vitest';
import { parseSimulateArgs, runSimulateCommand } from '../../server/simulate/command.js';

const capture = () => {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } },
    out: () => out,
    err: () => err,
  };
};

describe('watchfloor simulate arguments', () => {
  it('parses options, with defaults and scenario aliases', () => {
    const p = parseSimulateArgs([
      '--rate',
      '50',
      '--scenarios',
      'scan,exfil,dns-tunnel',
      '--seed',
      '9',
      '--duration',
      '1.5',
    ]);
    expect(p).toMatchObject({
      ok: true,
      args: {
        rate: 50,
        scenarios: ['port-scan', 'exfiltration', 'dns-tunnel'],
        seed: 9,
        duration: 1.5,
        stream: 'telemetry',
      },
    });
    expect(parseSimulateArgs([])).toMatchObject({
      ok: true,
      args: { rate: 300, hosts: 600, first: 45, every: 240 },
    });
    expect(parseSimulateArgs(['--scenarios', 'none'])).toMatchObject({ ok: true, args: { scenarios: [] } });
    expect(parseSimulateArgs(['--help'])).toEqual({ ok: 'help' });
  });

  it('rejects bad values and unknown options with a clear message', () => {
    expect(parseSimulateArgs(['--rate', 'fast'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('--rate'),
    });
    expect(parseSimulateArgs(['--rate', '0'])).toMatchObject({ ok: false });
    expect(parseSimulateArgs(['--scenarios', 'scan,ddos'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('unknown scenario "ddos"'),
    });
    expect(parseSimulateArgs(['--seed', '-1'])).toMatchObject({ ok: false });
    expect(parseSimulateArgs(['--bogus'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('bogus'),
    });
  });

  it('exits 2 on bad arguments and 1 when Redis does not answer', async () => {
    const c = capture();
    expect(await runSimulateCommand(['--rate', 'x'], {}, c.io)).toBe(2);
    expect(c.err()).toContain('usage: watchfloor simulate');
    const d = capture();
    expect(await runSimulateCommand(['--duration', '1'], { REDIS_URL: 'redis://127.0.0.1:1' }, d.io)).toBe(1);
    expect(d.err()).toContain('cannot reach Redis');
  });
});
