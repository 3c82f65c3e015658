/**
 * A dead letter's detail reaches the admin's screen as a catalogue key and parameters: every rejection a decoder
 * makes (each kind of bad entry, and arbitrary hostile input) names a key both catalogues hold, with every parameter
 * their texts ask for, and its English in the catalogue reads as the detail programs get.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { applyLocale, i18n, missingKeys } from '../../client/src/i18n/index.js';
import { serverText } from '../../client/src/i18n/server-text.js';
import { decoderFor, defaultField } from '../../server/ingest/decoders/index.js';
import { type Decoded, INPUT_FORMATS, type InputFormat } from '../../server/ingest/decoders/types.js';
import { context } from '../fixtures/decoding.js';

const FLOW = { ts: '2026-12-06T10:00:00Z', sensor: 's1', kind: 'flow', src_ip: '10.0.0.1' };
const json = (o: unknown) => JSON.stringify(o);

/** One entry of each kind of fault, by format, with the key it must carry. */
const CASES: [InputFormat, string[] | string, string][] = [
  ['native', '{not json', 'dlq.bad_json_at'],
  ['native', '{"a":1,}', 'dlq.bad_json_at'],
  ['native', '{"ts":', 'dlq.bad_json_end'],
  ['native', '[1,2]', 'dlq.not_object.array'],
  ['native', 'null', 'dlq.not_object.null'],
  ['native', '"text"', 'dlq.not_object.string'],
  ['native', '12', 'dlq.not_object.number'],
  ['native', 'true', 'dlq.not_object.boolean'],
  ['native', 'x'.repeat(70_000), 'dlq.too_large'],
  ['native', json({ ...FLOW, src_ip: undefined }), 'dlq.required'],
  ['native', json({ ...FLOW, kind: 7 }), 'dlq.not_string'],
  ['native', json({ ...FLOW, kind: 'weird' }), 'dlq.unknown_kind'],
  ['native', json({ ...FLOW, kind: 'dns' }), 'dlq.required_for'],
  ['native', json({ ...FLOW, ts: 'yesterday' }), 'dlq.not_time'],
  ['native', json({ ...FLOW, src_ip: 'not-an-ip' }), 'dlq.not_address'],
  ['native', json({ ...FLOW, bytes_out: -1 }), 'dlq.negative'],
  ['native', json({ ...FLOW, dst_port: 70_000 }), 'dlq.too_big'],
  ['native', json({ ...FLOW, severity: 0, kind: 'ids', signature: 'x' }), 'dlq.too_small'],
  ['native', json({ ...FLOW, sensor: 's'.repeat(200) }), 'dlq.too_long'],
  ['native', json({ ...FLOW, sensor: 5 }), 'dlq.expected.string'],
  ['native', json({ ...FLOW, bytes_out: 'many' }), 'dlq.expected.number'],
  ['native', json({ ...FLOW, outcome: 'maybe' }), 'dlq.not_one_of'],
  ['native', json({ ...FLOW, ja3: 'xyz' }), 'dlq.bad_format'],
  ['native', ['ts', '1', 'sensor'], 'dlq.odd_pairs'],
  ['native', ['ts', '1', 'bytes_out', 'lots'], 'dlq.not_number'],
  ['eve', json({ timestamp: '2026-12-06T10:00:00Z' }), 'dlq.required'],
  ['eve', json({ event_type: '' }), 'dlq.not_text'],
  ['eve', json({ event_type: 'alert', src_ip: '10.0.0.1' }), 'dlq.object_required'],
  ['eve', ['other', '{}'], 'dlq.no_field'],
  ['zeek', json({ _path: 3 }), 'dlq.not_text'],
  ['zeek', json({ uid: 'C1' }), 'dlq.zeek_unknown'],
  ['auto', json({ hello: 'world' }), 'dlq.unknown_format'],
];

/** The detail English cannot repeat word for word: a JSON parser's and zod's own messages. */
const OWN_ENGLISH =
  /^dlq\.(bad_json|expected|too_|empty|not_one_of|bad_format|not_finite|negative|not_address|invalid)/;

function decode(format: InputFormat, entry: string[] | string): Decoded {
  const field = defaultField(format) || 'msg';
  return decoderFor(format)(typeof entry === 'string' ? [field, entry] : entry, context({ field }));
}

/** Both languages' words for a rejection, and the keys i18next found missing on the way. */
async function inBoth(d: Extract<Decoded, { ok: false }>) {
  const out: Record<string, string> = {};
  for (const locale of ['en', 'lt'] as const) {
    await applyLocale(locale);
    out[locale] = serverText(d.text, '(fallback)');
  }
  return out;
}

describe("a dead letter's detail on screens", () => {
  afterAll(() => applyLocale('en'));

  it.each(CASES)(
    '%s %j carries a key both catalogues hold, every parameter filled',
    async (format, entry, key) => {
      const d = decode(format, entry);
      expect(d.ok).toBe(false);
      if (d.ok !== false) return;
      expect(d.text.key).toBe(key);
      const words = await inBoth(d);
      for (const locale of ['en', 'lt'] as const) {
        expect(i18n.exists(`server.${d.text.key}`, { lng: locale, ...d.text.params })).toBe(true);
        expect(words[locale]).not.toBe('(fallback)');
        expect(words[locale]).not.toMatch(/\{\{|\}\}/);
      }
      expect(words.lt).not.toBe(words.en);
      if (!OWN_ENGLISH.test(d.text.key)) expect(words.en).toBe(d.detail);
    },
  );

  it("counts the JSON error's character from 1, as a person does (the parser counts from 0)", () => {
    const d = decode('native', '{not json');
    expect(d.ok === false && d.detail).toMatch(/position 1\b/);
    expect(d.ok === false && d.text.params).toEqual({ character: 2 });
  });

  it.each(INPUT_FORMATS)(
    'any rejection of the %s decoder names a key both catalogues hold',
    async (format) => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.jsonValue().map(json)), (text) => {
          const d = decode(format, text);
          if (d.ok === false) seen.add(JSON.stringify(d.text));
        }),
        { numRuns: 300 },
      );
      missingKeys.clear();
      for (const ref of seen) {
        const text = JSON.parse(ref) as Extract<Decoded, { ok: false }>['text'];
        const words = await inBoth({ ok: false, reason: 'bad_value', detail: '', text });
        expect(words.en, ref).not.toBe('(fallback)');
        expect(words.lt, ref).not.toMatch(/\{\{/);
      }
      expect([...missingKeys]).toEqual([]);
    },
  );
});
