/**
 * @module The asset inventory (`WF_ASSETS`): a JSON file mapping IPs or CIDRs to a name, owner and criticality.
 * Hosts are named from it, and the score of a host on a high or critical asset is raised (see {@link raiseScore}).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { canonicalIP, cidrMatcher } from '../../shared/ip.js';

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const assetSchema = z.object({
  name: z.string().min(1).max(128),
  owner: z.string().max(128).optional(),
  criticality: z.enum(CRITICALITIES).default('medium'),
});
export type Asset = z.infer<typeof assetSchema>;

export const inventorySchema = z.record(z.string().min(1).max(64), assetSchema);

/**
 * How many times the evidence on an asset counts: the score becomes 100·(1 − (1 − s/100)^k), i.e. noisy-OR of k
 * copies of the same evidence. 0 stays 0, 100 stays 100; on a critical asset 40 → 54, 50 → 65, 60 → 75 (one
 * severity step up near the thresholds), while benign noise (< 10) moves by under 5 points.
 */
export const CRITICALITY_WEIGHT: Readonly<Record<Criticality, number>> = {
  low: 1,
  medium: 1,
  high: 1.25,
  critical: 1.5,
};

export function raiseScore(score: number, criticality: Criticality): number {
  const k = CRITICALITY_WEIGHT[criticality];
  if (k === 1 || score <= 0) return score;
  return 100 * (1 - (1 - Math.min(score, 100) / 100) ** k);
}

export interface AssetInventory {
  /** The asset of an address: an exact entry, else the longest matching prefix; null when none. */
  lookup(ip: string): Asset | null;
  readonly size: number;
}

export const EMPTY_INVENTORY: AssetInventory = { lookup: () => null, size: 0 };

/** Builds an inventory from parsed entries. Throws RangeError naming a key that is neither an IP nor a CIDR. */
export function createInventory(entries: Record<string, Asset>): AssetInventory {
  const exact = new Map<string, Asset>();
  const prefixes: { bits: number; match: (ip: string) => boolean; asset: Asset }[] = [];
  for (const [key, asset] of Object.entries(entries)) {
    if (!key.includes('/')) {
      const ip = canonicalIP(key);
      if (!ip) throw new RangeError(`WF_ASSETS: ${key} is not an IP address or CIDR`);
      exact.set(ip, asset);
      continue;
    }
    const match = cidrMatcher(key);
    if (!match) throw new RangeError(`WF_ASSETS: ${key} is not a valid CIDR`);
    prefixes.push({ bits: Number(key.split('/')[1]), match, asset });
  }
  prefixes.sort((a, b) => b.bits - a.bits);
  const cache = new Map<string, Asset | null>();
  return {
    size: exact.size + prefixes.length,
    lookup(ip) {
      const hit = exact.get(ip);
      if (hit) return hit;
      if (prefixes.length === 0) return null;
      let found = cache.get(ip);
      if (found === undefined) {
        found = prefixes.find((p) => p.match(ip))?.asset ?? null;
        if (cache.size > 100_000) cache.clear();
        cache.set(ip, found);
      }
      return found;
    },
  };
}

/**
 * Reads and validates the `WF_ASSETS` file, over `known` entries (the built-in simulator's host names): an entry of the
 * file wins over a known one for the same key. No path and nothing known gives the empty inventory.
 */
export function loadInventory(
  path: string | undefined,
  known: Readonly<Record<string, Asset>> = {},
): AssetInventory {
  const parsed = path ? inventorySchema.parse(JSON.parse(readFileSync(path, 'utf8'))) : {};
  const entries = { ...known, ...parsed };
  return Object.keys(entries).length > 0 ? createInventory(entries) : EMPTY_INVENTORY;
}
