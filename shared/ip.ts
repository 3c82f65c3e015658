/** @module IP address checks and canonical forms, without Node built-ins (the client bundles this too). */

/** Dotted-quad IPv4: four decimal octets 0–255 without leading zeros (checked in place: every event's address). */
export function isIPv4(s: string): boolean {
  return ipv4FirstOctet(s) >= 0;
}

/**
 * The first octet of a dotted-quad IPv4 address (four decimal octets 0–255, no leading zeros), or −1 for anything
 * else: the one definition of an IPv4 address here, read in place (the decoders check every event's addresses with
 * it, the detectors read it for every new destination).
 */
export function ipv4FirstOctet(ip: string): number {
  if (ip.length < 7 || ip.length > 15) return -1;
  let first = -1;
  let octets = 0;
  let i = 0;
  while (octets < 4) {
    const start = i;
    let v = 0;
    while (i < ip.length && i - start < 4) {
      const c = ip.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 3 || v > 255 || (len > 1 && ip.charCodeAt(start) === 48)) return -1;
    if (octets === 0) first = v;
    octets++;
    if (octets < 4) {
      if (ip.charCodeAt(i) !== 46) return -1;
      i++;
    }
  }
  return i === ip.length ? first : -1;
}

/** Parses an IPv6 address (with optional embedded IPv4 tail and zone) into eight 16-bit groups, or null. */
export function parseIPv6(input: string): number[] | null {
  let s = input;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (s.length < 2 || s.length > 45) return null;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    const v4 = s.slice(lastColon + 1);
    if (!isIPv4(v4)) return null;
    const o = v4.split('.').map(Number) as [number, number, number, number];
    s = `${s.slice(0, lastColon + 1)}${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]!);
  if (!head) return null;
  let groups: number[];
  if (halves.length === 2) {
    const rest = parse(halves[1]!);
    if (!rest || head.length + rest.length > 7) return null;
    groups = [...head, ...new Array(8 - head.length - rest.length).fill(0), ...rest];
  } else {
    if (head.length !== 8) return null;
    groups = head;
  }
  return groups;
}

export function isIPv6(s: string): boolean {
  return s.includes(':') && parseIPv6(s) !== null;
}

export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

/**
 * Canonical text of an address (RFC 5952 for IPv6: lower case, longest zero run compressed); null if invalid. An
 * IPv4-mapped address (`::ffff:10.0.0.1`, what a dual-stack socket reports for an IPv4 peer) is that IPv4 address:
 * the same host, in the same segment, watchlist entry and suppression as its IPv4 form.
 */
export function canonicalIP(s: string): string | null {
  if (isIPv4(s)) return s;
  const g = s.includes(':') ? parseIPv6(s) : null;
  if (!g) return null;
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff)
    return `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((n) => n.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Parses `a.b.c.d/n` or an IPv6 CIDR into a matcher. */
export function cidrMatcher(cidr: string): ((ip: string) => boolean) | null {
  const [addr, bitsText] = cidr.split('/');
  if (!addr) return null;
  const v4 = isIPv4(addr);
  const max = v4 ? 32 : 128;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > max) return null;
  const toBits = (ip: string): bigint | null => {
    if (isIPv4(ip)) return ip.split('.').reduce((acc, o) => (acc << 8n) | BigInt(o), 0n);
    const g = parseIPv6(ip);
    return g ? g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n) : null;
  };
  const base = v4 ? (isIPv4(addr) ? toBits(addr) : null) : isIPv6(addr) ? toBits(addr) : null;
  if (base === null) return null;
  const shift = BigInt(max - bits);
  const prefix = base >> shift;
  return (ip: string) => {
    if (isIPv4(ip) !== v4) return false;
    const b = toBits(ip);
    return b !== null && b >> shift === prefix;
  };
}
