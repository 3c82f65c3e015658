/**
 * @module The cost of growing a list of example refs by one, as `keepRef` and `ringRef` (server/scoring/evidence.ts)
 * do up to five times per host and segment each second: `Array.prototype.concat` against a loop into an array of the
 * new length. `npx tsx bench/append-cost.ts`.
 */
import { keepRef } from '../server/scoring/evidence.js';

const ROUNDS = 400_000;
const refs = Array.from({ length: 1000 }, (_, i) => `events/1765000000000-${i}`);

function grow(append: (list: string[], ref: string) => string[]): number {
  let sink = 0;
  const t = process.hrtime.bigint();
  for (let r = 0; r < ROUNDS; r++) {
    let list: string[] = [];
    for (let k = 0; k < 5; k++) list = append(list, refs[(r + k) % refs.length]!);
    sink += list.length;
  }
  if (sink !== ROUNDS * 5) throw new Error('lost an append');
  return Number(process.hrtime.bigint() - t) / (ROUNDS * 5);
}

const byConcat = (list: string[], ref: string) => list.concat(ref);
const byKeepRef = (list: string[], ref: string) => keepRef(list, ref, 5);
for (let rep = 0; rep < 3; rep++) {
  const a = grow(byConcat);
  const b = grow(byKeepRef);
  console.log(`concat ${a.toFixed(1)} ns an append, keepRef ${b.toFixed(1)} ns (${(a / b).toFixed(1)}×)`);
}
