/**
 * The RESP2 parser of the blocking reads (server/redis/resp.ts): the same replies whatever the chunks, values as a
 * general client gives them, and bytes that are not RESP refused.
 */
import { describe, expect, it } from 'vitest';
import { RespError, RespParser, type RespValue } from '../../server/redis/resp.js';

/** Every reply parsed from `bytes` fed in the given chunks. */
function parse(chunks: readonly Buffer[]): RespValue[] {
  const out: RespValue[] = [];
  const p = new RespParser((r) => out.push(r));
  for (const c of chunks) p.feed(c);
  return out;
}

const bulk = (s: string) => `$${Buffer.byteLength(s)}\r\n${s}\r\n`;

/** An XREADGROUP reply: a JSON entry with text in several scripts, a pairs entry, an entry deleted while pending. */
const json = JSON.stringify({ ts: 1, src_ip: '10.0.0.1', query: 'žąsis.lt 日本 🛰️', note: 'a\r\nb' });
const xread =
  '*1\r\n*2\r\n' +
  bulk('wf:events') +
  '*3\r\n' +
  `*2\r\n${bulk('1700000000000-0')}*2\r\n${bulk('event')}${bulk(json)}` +
  `*2\r\n${bulk('1700000000000-1')}*4\r\n${bulk('kind')}${bulk('flow')}${bulk('bytes_out')}${bulk('')}` +
  `*2\r\n${bulk('1700000000000-2')}*-1\r\n`;
const expected: RespValue = [
  [
    'wf:events',
    [
      ['1700000000000-0', ['event', json]],
      ['1700000000000-1', ['kind', 'flow', 'bytes_out', '']],
      ['1700000000000-2', null],
    ],
  ],
];

describe('RespParser', () => {
  it('parses a stream read whole, and cut into two chunks at every byte, and byte by byte', () => {
    const bytes = Buffer.from(xread);
    expect(parse([bytes])).toEqual([expected]);
    for (let cut = 1; cut < bytes.length; cut++)
      expect(parse([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([expected]);
    const bytewise = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect(parse(bytewise)).toEqual([expected]);
  });

  it('gives every kind of value, several replies in one chunk, and errors as values inside arrays', () => {
    const bytes = Buffer.from(
      `+PONG\r\n:42\r\n:-7\r\n$-1\r\n*-1\r\n*0\r\n$0\r\n\r\n*2\r\n-ERR inside\r\n:1\r\n-NOGROUP No such key 'x'\r\n`,
    );
    const replies = parse([bytes]);
    expect(replies.slice(0, 7)).toEqual(['PONG', 42, -7, null, null, [], '']);
    const [inner, top] = replies.slice(7) as [RespValue[], RespError];
    expect(inner[0]).toBeInstanceOf(RespError);
    expect((inner[0] as RespError).message).toBe('ERR inside');
    expect(inner[1]).toBe(1);
    expect(top).toBeInstanceOf(RespError);
    expect(top.message).toBe("NOGROUP No such key 'x'");
  });

  it('refuses bytes that are not RESP: an unknown type, a bad length, a header that never ends', () => {
    expect(() => parse([Buffer.from('?what\r\n')])).toThrow(/unexpected type/);
    expect(() => parse([Buffer.from('$1x\r\nab\r\n')])).toThrow(/bad integer/);
    expect(() => parse([Buffer.from('*\r\n')])).toThrow(/bad integer/);
    expect(() => parse([Buffer.from(`$${'9'.repeat(80)}`)])).toThrow(/too long/);
    expect(() => parse([Buffer.from(`-ERR ${'x'.repeat(20_000)}`)])).toThrow(/too long/);
  });

  it('starts clean after a reset (a reply cut off by a lost connection is forgotten)', () => {
    const out: RespValue[] = [];
    const p = new RespParser((r) => out.push(r));
    p.feed(Buffer.from('*2\r\n$3\r\nabc\r\n'));
    p.reset();
    p.feed(Buffer.from('+OK\r\n'));
    expect(out).toEqual(['OK']);
  });
});

describe('RespParser with a long error line in chunks', () => {
  it("gives Redis's longer error texts whole however they are cut (they name keys and groups)", () => {
    const text = `NOGROUP No such key '${'telemetry-'.repeat(12)}' or consumer group 'watchfloor' in XREADGROUP with GROUP option`;
    const bytes = Buffer.from(`-${text}\r\n+OK\r\n`);
    const bytewise = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const out = parse(bytewise);
    expect(out).toHaveLength(2);
    expect(out[0]).toBeInstanceOf(RespError);
    expect((out[0] as RespError).message).toBe(text);
    expect(out[1]).toBe('OK');
  });
});

describe('RespParser with a long string in many chunks', () => {
  it('gives it whole once its last chunk comes', () => {
    const long = 'x'.repeat(300_000);
    const bytes = Buffer.from(`*2\r\n${bulk(long)}+OK\r\n`);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 1000) chunks.push(bytes.subarray(i, i + 1000));
    expect(parse(chunks)).toEqual([[long, 'OK']]);
  });
});
