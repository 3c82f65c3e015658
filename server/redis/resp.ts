/**
 * @module A RESP2 reply parser that takes a connection's bytes as they come, in chunks cut anywhere, and hands over
 * each whole reply. It makes a bulk string a JavaScript string straight from the received bytes: no Buffer per item,
 * which is most of what a general client spends on a stream read's thousands of items (./blocking-reads.ts uses it
 * for those). Arrays being filled are kept on a stack, so a chunk is never parsed twice.
 */

/** A parsed reply: bulk and simple strings, integers, nil (null), errors (in arrays too) and arrays of these. */
export type RespValue = string | number | null | RespError | RespValue[];

/** An error reply (`-ERR …`, `-NOGROUP …`), as a value: inside an array it is an item, at the top a failed command. */
export class RespError extends Error {
  override name = 'ReplyError';
}

/** Bytes the protocol uses: type prefixes, CR, the minus sign and the digits' base. */
const CR = 13;
const BULK = 36; // $
const ARRAY = 42; // *
const SIMPLE = 43; // +
const ERROR = 45; // -
const INTEGER = 58; // :
const MINUS = 45;
const ZERO = 48;

/** The longest header line taken (a type byte, a length and CRLF): anything longer is not Redis speaking. */
const MAX_HEADER = 64;
/**
 * The longest simple string or error line taken: Redis's error texts name keys and groups (a NOGROUP is over a
 * hundred bytes); a line longer than this that has not ended is not Redis speaking.
 */
const MAX_LINE = 16 * 1024;

/** An array being filled: its items (as many as its header said), and how many have come. */
interface Open {
  items: RespValue[];
  at: number;
}

const EMPTY = Buffer.alloc(0);

export class RespParser {
  private buf: Buffer = EMPTY;
  private pos = 0;
  private readonly open: Open[] = [];
  /**
   * While a bulk string is cut off: the bytes it needs from `pos` on, and the chunks come since, joined once they
   * hold it (a long string in many chunks is copied once, not once per chunk).
   */
  private need = 0;
  private later: Buffer[] = [];
  private laterBytes = 0;

  constructor(private readonly onReply: (reply: RespValue) => void) {}

  /** Parses what `chunk` completes; throws on bytes that are not RESP2 (the connection must then be dropped). */
  feed(chunk: Buffer): void {
    if (this.need > 0) {
      this.later.push(chunk);
      this.laterBytes += chunk.length;
      if (this.buf.length - this.pos + this.laterBytes < this.need) return;
      chunk = Buffer.concat(this.later);
      this.later = [];
      this.laterBytes = 0;
      this.need = 0;
    }
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.pos = 0;
    this.parse();
    if (this.pos === this.buf.length) {
      this.buf = EMPTY;
      this.pos = 0;
    }
  }

  /** Forgets a reply in progress (after the connection was lost). */
  reset(): void {
    this.buf = EMPTY;
    this.pos = 0;
    this.open.length = 0;
    this.need = 0;
    this.later = [];
    this.laterBytes = 0;
  }

  private parse(): void {
    const buf = this.buf;
    const utf8 = buf as unknown as Utf8Slicing;
    const end = buf.length;
    let pos = this.pos;
    while (pos < end) {
      const type = buf[pos]!;
      let value: RespValue;
      let next: number;
      if (type === BULK || type === ARRAY || type === INTEGER) {
        // the length (or the integer) is read as its line is looked through: no search, no string
        let i = pos + 1;
        const negative = i < end && buf[i] === MINUS;
        if (negative) i++;
        const digits = i;
        let n = 0;
        while (i < end) {
          const d = buf[i]! - ZERO;
          if (d < 0 || d > 9) break;
          n = n * 10 + d;
          i++;
        }
        if (i + 1 >= end) {
          if (end - pos > MAX_HEADER) throw new Error('RESP: header line too long');
          break; // the line has not come whole
        }
        if (buf[i] !== CR || i === digits || i - digits > 16) throw new Error('RESP: bad integer');
        if (negative) n = -n;
        next = i + 2;
        if (type === ARRAY) {
          if (n > 0) {
            this.open.push({ items: new Array<RespValue>(n), at: 0 });
            pos = next;
            continue;
          }
          value = n < 0 ? null : [];
        } else if (type === INTEGER) value = n;
        else if (n < 0) value = null;
        else {
          if (next + n + 2 > end) {
            // the rest of the string has not come yet
            this.need = next + n + 2 - pos;
            break;
          }
          value = utf8.utf8Slice(next, next + n);
          next += n + 2;
        }
      } else if (type === SIMPLE || type === ERROR) {
        const cr = buf.indexOf(CR, pos);
        if (cr < 0 || cr + 1 >= end) {
          if (end - pos > MAX_LINE) throw new Error('RESP: line too long');
          break;
        }
        const text = buf.toString('utf8', pos + 1, cr);
        value = type === SIMPLE ? text : new RespError(text);
        next = cr + 2;
      } else throw new Error(`RESP: unexpected type byte ${type}`);
      pos = next;
      this.place(value);
    }
    this.pos = pos;
  }

  /** Puts a finished value in the array being filled, closing the arrays it completes; a top-level one is a reply. */
  private place(value: RespValue): void {
    const open = this.open;
    let v = value;
    for (;;) {
      const top = open[open.length - 1];
      if (!top) {
        this.onReply(v);
        return;
      }
      top.items[top.at++] = v;
      if (top.at < top.items.length) return;
      open.pop();
      v = top.items;
    }
  }
}

/** Node's Buffer decodes a range as UTF-8 without `toString`'s argument handling (present since Node 0.x, untyped). */
interface Utf8Slicing {
  utf8Slice(start: number, end: number): string;
}
