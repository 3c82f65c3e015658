import { describe, expect, it } from 'vitest';
import { type EntryOrigin, RepeatFilter } from '../../server/cluster/repeat-filter.js';
import { compareIds } from '../../server/ingest/group-health.js';

type Ev = { id: string };
const evs = (...ids: string[]): Ev[] => ids.map((id) => ({ id }));
const entryOf = (e: Ev) => e.id;
const fresh = (first: string, last: string, source = 'telemetry'): EntryOrigin => ({
  source,
  range: [first, last],
});
const again: EntryOrigin = { source: 'telemetry', range: null };
const ids = (list: readonly Ev[]) => list.map((e) => e.id);

describe('the repeat filter of a partition on a Redis Cluster', () => {
  it('orders stream ids by time, then sequence', () => {
    expect(compareIds('5-0', '10-0')).toBe(-1);
    expect(compareIds('10-2', '10-10')).toBe(-1);
    expect(compareIds('10-3', '10-3')).toBe(0);
    expect(compareIds('11-0', '10-99')).toBe(1);
  });

  it('admits fresh reads once: the same read written again (a retried write) is dropped whole', () => {
    const f = new RepeatFilter();
    expect(ids(f.admit(fresh('1-0', '3-0'), evs('1-0', '3-0'), entryOf))).toEqual(['1-0', '3-0']);
    expect(ids(f.admit(fresh('4-0', '6-0'), evs('5-0'), entryOf))).toEqual(['5-0']);
    expect(f.admit(fresh('1-0', '3-0'), evs('1-0', '3-0'), entryOf)).toEqual([]);
    expect(f.dropped).toBe(2);
  });

  it('drops entries read again (a crashed ingest’s, taken over) that a fresh read or an earlier re-read applied', () => {
    const f = new RepeatFilter();
    f.admit(fresh('10-0', '20-0'), evs('10-0', '12-0', '20-0'), entryOf);
    // a takeover re-reads pending entries: some were applied by the fresh read, 25-0 never reached this partition
    expect(ids(f.admit(again, evs('12-0', '20-0', '25-0'), entryOf))).toEqual(['25-0']);
    // and the takeover's own write repeated (it crashed too): nothing twice
    expect(f.admit(again, evs('25-0', '12-0'), entryOf)).toEqual([]);
    // another input key's ids are its own
    expect(ids(f.admit({ source: 'eve', range: null }, evs('12-0'), entryOf))).toEqual(['12-0']);
  });

  it('orders a list batch’s element ids by batch, then index (7.10 comes after 7.9, inside 7.0–7.499)', () => {
    const f = new RepeatFilter();
    const list = (first: string, last: string) => fresh(first, last, 'suricata');
    f.admit(list('7.0', '7.499'), evs('7.0', '7.499'), entryOf);
    // the batch applied again from the processing list after a crash: every element inside the range is a repeat
    const reread: EntryOrigin = { source: 'suricata', range: null };
    expect(f.admit(reread, evs('7.5', '7.10', '7.9', '7.499'), entryOf)).toEqual([]);
    // the next batch is not inside it
    expect(ids(f.admit(reread, evs('8.0', '70.1'), entryOf))).toEqual(['8.0', '70.1']);
    expect(f.admit(list('7.0', '7.499'), evs('7.0'), entryOf)).toEqual([]);
  });

  it('carries its memory through a snapshot: a successor drops the same repeats', () => {
    const f = new RepeatFilter();
    f.admit(fresh('1-0', '5-0'), evs('1-0', '5-0'), entryOf);
    f.admit(again, evs('7-0'), entryOf);
    const successor = new RepeatFilter(JSON.parse(JSON.stringify(f.export())));
    expect(successor.admit(fresh('1-0', '5-0'), evs('1-0'), entryOf)).toEqual([]);
    expect(successor.admit(again, evs('3-0', '7-0'), entryOf)).toEqual([]);
    expect(ids(successor.admit(again, evs('8-0'), entryOf))).toEqual(['8-0']);
  });

  it('stays bounded: the oldest ranges and entries are forgotten first', () => {
    const f = new RepeatFilter(undefined, { ranges: 2, entries: 2 });
    for (const n of [1, 2, 3]) f.admit(fresh(`${n}-0`, `${n}-9`), evs(`${n}-0`), entryOf);
    f.admit(again, evs('9-1', '9-2', '9-3'), entryOf);
    expect(f.export().ranges.length).toBe(2);
    expect(f.export().entries.length).toBe(2);
    // range 1 is forgotten (and would be admitted again); 2 and 3 are remembered
    expect(ids(f.admit(again, evs('1-0', '2-0', '3-5'), entryOf))).toEqual(['1-0']);
  });
});
