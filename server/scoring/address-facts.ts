/**
 * @module What an address is, worked out once per address text and remembered: whether it is a valid IPv4 or IPv6
 * address, local, or a group address, and its FNV-1a hash. Every event's addresses are read several times: the
 * decoder checks them, then volume, novelty and beacon ask whether the destination is local, and beacon and the
 * segment's volume hash them. An address reading is a loop over its characters each time; a lookup here reads it
 * once (V8 keeps a string's hash once made, so the host and segment maps that follow pay nothing more for it).
 *
 * The facts are the definitions elsewhere (`isIPv4` and `isIPv6` of shared/ip.ts, `isLocalAddress` and
 * `isGroupAddress` of ./evidence.ts, `hashString` of ./keyed-rows.ts), only remembered: a test holds them equal on
 * any text. The table is bounded and starts over when full, so hostile producers spraying addresses cost a reading
 * each, as before, and never memory.
 */
import { isIPv4, isIPv6 } from '../../shared/ip.js';
import { isGroupAddress, isLocalAddress } from './evidence.js';
import { hashString } from './keyed-rows.js';

/** A valid IPv4 or IPv6 address (`isIPv4 || isIPv6`). */
export const FACT_IP = 1;
/** `isLocalAddress` (true of some texts that are no address at all, as that function is). */
export const FACT_LOCAL = 2;
/** `isGroupAddress`. */
export const FACT_GROUP = 4;
/** The facts are the low bits of the number; above them, from this factor, the FNV-1a hash (32 bits). */
const HASH_AT = 8;

/** Addresses remembered before the table starts over (about 5 MB at most). */
export const ADDRESS_FACTS_CAP = 1 << 16;

export class AddressFacts {
  private readonly known = new Map<string, number>();

  constructor(private readonly cap = ADDRESS_FACTS_CAP) {}

  /** The facts of `ip` (test them with `FACT_*`; the hash is {@link factHash}). */
  of(ip: string): number {
    const known = this.known.get(ip);
    if (known !== undefined) return known;
    if (this.known.size >= this.cap) this.known.clear();
    const facts =
      (isIPv4(ip) || isIPv6(ip) ? FACT_IP : 0) |
      (isLocalAddress(ip) ? FACT_LOCAL : 0) |
      (isGroupAddress(ip) ? FACT_GROUP : 0);
    const out = facts + hashString(ip) * HASH_AT;
    this.known.set(ip, out);
    return out;
  }

  get size(): number {
    return this.known.size;
  }
}

/** `hashString(ip)` from the facts of `ip`. */
export function factHash(facts: number): number {
  return Math.floor(facts / HASH_AT);
}

/** The process's table: the decoders and the detectors ask the same one. */
const shared = new AddressFacts();

/** The facts of `ip`, from the process's table. */
export function addressFacts(ip: string): number {
  return shared.of(ip);
}

/** `isLocalAddress(ip)`, remembered. */
export function isLocal(ip: string): boolean {
  return (shared.of(ip) & FACT_LOCAL) !== 0;
}
