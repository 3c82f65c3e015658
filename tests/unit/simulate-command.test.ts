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

  it.each([
    [['--rate', 'fast'], '--rate'],
    [['--rate', '0'], '--rate'],
    [['--scenarios', 'scan,ddos'], 'unknown scenario "ddos"'],
    [['--seed', '-1'], '--seed'],
    [['--bogus'], 'bogus'],
  ])('rejects %j with a clear message naming %s', (argv, named) => {
    expect(parseSimulateArgs(argv)).toMatchObject({ ok: false, message: expect.stringContaining(named) });
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
