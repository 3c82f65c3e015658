/**
 * @module Indicators held flat: what a feed's indicators say (feed, id, name, confidence, labels, techniques,
 * validity) and the values they name, in typed arrays and a few long strings instead of an object per indicator.
 * Label and technique lists are interned (a feed repeats the same few), so 100k indicators are a handful of heap
 * objects for the collector to walk. Built once per feed load; an {@link IndicatorInfo} is made only for a match.
 */
import type { Indicator, ObservableType } from './types.js';
import { OBSERVABLE_TYPES } from './types.js';

/** What a feed says of one indicator (an {@link Indicator} without its values). */
export type IndicatorInfo = Omit<Indicator, 'observables'>;

/** A run of strings stored as one, with end offsets. */
class Strings {
  private readonly parts: string[] = [];
  private length = 0;
  readonly ends: number[] = [];
  push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    this.ends.push(this.length);
  }
  join(): string {
    return this.parts.join('');
  }
}

/** Gives each distinct value a small number; equal lists share one frozen array. */
class Interner<T> {
  private readonly numbers = new Map<string, number>();
  readonly values: T[] = [];
  number(key: string, value: T): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.values.length;
      this.numbers.set(key, n);
      this.values.push(value);
    }
    return n;
  }
}

const internList = (interner: Interner<readonly string[]>, list: readonly string[]): number =>
  interner.number(list.join('\u0000'), Object.freeze(list.slice()));

export class IndicatorTable {
  /** Indicators held. */
  readonly count: number;
  /** Values they name, in all. */
  readonly observables: number;
  private readonly feeds: readonly string[];
  private readonly lists: readonly (readonly string[])[];
  private readonly feed: Uint16Array;
  private readonly labels: Uint32Array;
  private readonly attack: Uint32Array;
  readonly confidence: Uint8Array;
  /** End of validity, epoch ms; +∞ when open-ended. */
  readonly validUntil: Float64Array;
  /** Ids and names, one after another: indicator `i`'s id ends at `idEnds[i]`, its name (maybe empty) at `nameEnds[i]`. */
  private readonly text: string;
  private readonly idEnds: Uint32Array;
  private readonly nameEnds: Uint32Array;
  /** Value `v` is of type `OBSERVABLE_TYPES[valueType[v]]`, belongs to indicator `valueOf[v]`, ends at `valueEnds[v]`. */
  private readonly valueType: Uint8Array;
  private readonly valueOf: Uint32Array;
  private readonly valueText: string;
  private readonly valueEnds: Uint32Array;

  constructor(indicators: readonly Indicator[]) {
    const n = indicators.length;
    this.count = n;
    const feeds = new Interner<string>();
    const lists = new Interner<readonly string[]>();
    this.feed = new Uint16Array(n);
    this.labels = new Uint32Array(n);
    this.attack = new Uint32Array(n);
    this.confidence = new Uint8Array(n);
    this.validUntil = new Float64Array(n);
    const text = new Strings();
    const values = new Strings();
    const types: number[] = [];
    const owners: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < n; i++) {
      const ind = indicators[i]!;
      this.feed[i] = feeds.number(ind.feed, ind.feed);
      this.labels[i] = internList(lists, ind.labels);
      this.attack[i] = internList(lists, ind.attack);
      this.confidence[i] = Math.max(0, Math.min(100, Math.round(ind.confidence)));
      this.validUntil[i] = ind.validUntil ?? Number.POSITIVE_INFINITY;
      text.push(ind.id);
      ends.push(text.ends[text.ends.length - 1]!);
      text.push(ind.name ?? '');
      for (const o of ind.observables) {
        types.push(OBSERVABLE_TYPES.indexOf(o.type));
        owners.push(i);
        values.push(o.value);
      }
    }
    if (feeds.values.length > 65_536) throw new Error('more than 65,536 feed names in one table');
    this.feeds = feeds.values;
    this.lists = lists.values;
    this.text = text.join();
    this.idEnds = Uint32Array.from(ends);
    this.nameEnds = Uint32Array.from(text.ends.filter((_, k) => k % 2 === 1));
    this.observables = types.length;
    this.valueType = Uint8Array.from(types);
    this.valueOf = Uint32Array.from(owners);
    this.valueText = values.join();
    this.valueEnds = Uint32Array.from(values.ends);
  }

  /** What the feed says of indicator `i` (allocates: for a match). */
  info(i: number): IndicatorInfo {
    const start = i === 0 ? 0 : this.nameEnds[i - 1]!;
    const idEnd = this.idEnds[i]!;
    const out: IndicatorInfo = {
      feed: this.feeds[this.feed[i]!]!,
      id: this.text.slice(start, idEnd),
      confidence: this.confidence[i]!,
      labels: this.lists[this.labels[i]!] as string[],
      attack: this.lists[this.attack[i]!] as string[],
    };
    if (this.nameEnds[i]! > idEnd) out.name = this.text.slice(idEnd, this.nameEnds[i]!);
    if (this.validUntil[i] !== Number.POSITIVE_INFINITY) out.validUntil = this.validUntil[i]!;
    return out;
  }

  /** Calls `f` with every value named: its type, its text and its indicator's number (allocates: for building an index). */
  eachValue(f: (type: ObservableType, value: string, indicator: number) => void): void {
    for (let v = 0; v < this.observables; v++) {
      const text = this.valueText.slice(v === 0 ? 0 : this.valueEnds[v - 1]!, this.valueEnds[v]!);
      f(OBSERVABLE_TYPES[this.valueType[v]!]!, text, this.valueOf[v]!);
    }
  }
}
