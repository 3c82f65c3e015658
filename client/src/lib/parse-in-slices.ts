/**
 * @module Validating a long array with zod a slice at a time, letting the browser run other tasks between slices: a
 * snapshot's thousands of series points checked in one go were one long task on connect.
 */
import type { z } from 'zod';

/** Lets the browser run other tasks (input, rendering): `scheduler.yield()` where there is one, else a new task. */
export function yieldToBrowser(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * `items` checked with the array schema `list`, `size` items at a time with `pause()` between slices: the same answer
 * as one `list.safeParse(items)`, except that a failure stops at the first slice with an invalid item (its issues'
 * paths count from that slice's start).
 */
export async function safeParseInSlices<T extends z.ZodType>(
  list: z.ZodArray<T>,
  items: unknown,
  size = 1000,
  pause: () => Promise<void> = yieldToBrowser,
): Promise<z.ZodSafeParseResult<z.output<T>[]>> {
  if (!Array.isArray(items) || items.length <= size) return list.safeParse(items);
  const out: z.output<T>[] = [];
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await pause();
    const slice = list.safeParse(items.slice(start, start + size));
    if (!slice.success) return slice;
    for (const v of slice.data) out.push(v);
  }
  return { success: true, data: out };
}
