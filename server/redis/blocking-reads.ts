/**
 * @module A connection of its own for the consumers' blocking stream reads (XREADGROUP … BLOCK) on one Redis: the
 * reads that carry every event, parsed by ./resp.ts straight into strings. A general client turns each of a read's
 * thousands of items into a Buffer and then a string; this does without, and draining a stream costs a third less
 * CPU (README, *More from each core*).
 *
 * It behaves as the ioredis connection it replaces does where the consumers rely on it: commands are answered in
 * order; a lost connection, or one not made within 10 s, fails the commands in flight and the next command connects
 * again (the consumers back off and re-read their pending entries); a blocking command that Redis holds past its
 * BLOCK time plus `BLOCKING_GRACE_MS` is answered null, its late reply dropped, and a PING sent after it answers once
 * Redis has answered the held read (what the stream consumer waits for before re-reading). A Redis Cluster keeps
 * ioredis.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { Logger } from '../logger.js';
import { type RedisAddress, redisAddress } from './address.js';
import { RespError, RespParser, type RespValue } from './resp.js';

/** What the consumers ask of their blocking connection (ioredis's `Redis` gives the same). */
export interface BlockingConnection {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  ping(): Promise<unknown>;
  disconnect(): void;
}

interface Pending {
  resolve: (value: RespValue) => void;
  reject: (err: Error) => void;
  /** Set when the watchdog answered it: its reply, when it comes, is dropped. */
  answered: boolean;
  timer: NodeJS.Timeout | null;
}

export interface BlockingReadsOptions {
  url: string;
  name: string;
  /** How long past a command's BLOCK time it is answered null. */
  graceMs: number;
  /** A connection not made within this long is given up (the commands waiting on it fail). @default 10000 (ioredis's) */
  connectTimeoutMs?: number;
  logger?: Logger;
}

export class BlockingReads implements BlockingConnection {
  private socket: net.Socket | null = null;
  private parser: RespParser;
  /** Commands sent and not yet answered by Redis, oldest first (replies come in order). */
  private readonly waiting: Pending[] = [];
  private closed = false;
  private down = false;
  private readonly address: RedisAddress;

  constructor(private readonly o: BlockingReadsOptions) {
    this.address = redisAddress(o.url);
    this.parser = new RespParser((reply) => this.answer(reply));
  }

  call(command: string, ...args: (string | number)[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('Connection is closed.'));
    const socket = this.socket ?? this.connect();
    return new Promise<RespValue>((resolve, reject) => {
      const p: Pending = { resolve, reject, answered: false, timer: null };
      const block = blockOf(command, args);
      if (block !== null && block > 0) {
        p.timer = setTimeout(() => {
          p.answered = true;
          p.timer = null;
          resolve(null);
        }, block + this.o.graceMs);
      }
      this.waiting.push(p);
      socket.write(encode([command, ...args]));
    });
  }

  ping(): Promise<unknown> {
    return this.call('PING');
  }

  disconnect(): void {
    this.closed = true;
    this.drop(new Error('Connection is closed.'));
  }

  private connect(): net.Socket {
    const { host, port, username, password, db, tls: overTls } = this.address;
    const socket = overTls
      ? tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }) })
      : net.connect({ host, port });
    socket.setNoDelay(true);
    this.socket = socket;
    this.parser = new RespParser((reply) => this.answer(reply));
    // the connection's own setup goes first; its replies are checked like any command's
    const setup: (string | number)[][] = [];
    if (password) setup.push(username ? ['AUTH', username, password] : ['AUTH', password]);
    if (db > 0) setup.push(['SELECT', db]);
    setup.push(['CLIENT', 'SETNAME', `watchfloor:${this.o.name}`]);
    for (const command of setup) {
      this.waiting.push({
        resolve: () => {},
        // refused (a wrong password): the commands behind it fail with the same error, and the next one tries again
        reject: (err) => {
          this.report(err);
          this.drop(err);
        },
        answered: false,
        timer: null,
      });
      socket.write(encode(command));
    }
    // a socket this connection has dropped says nothing more (its close must not drop its successor)
    const current = () => this.socket === socket;
    socket.on('data', (chunk: Buffer) => {
      if (!current()) return;
      try {
        this.parser.feed(chunk);
      } catch (err) {
        // not RESP (not Redis at that address?): said, and the connection made again for the next command
        this.report(err as Error);
        this.drop(err as Error);
      }
    });
    socket.on('error', (err) => {
      if (!current()) return;
      this.report(err);
      this.drop(err);
    });
    socket.on('close', () => {
      if (current()) this.drop(new Error('Connection is closed.'));
    });
    // a connection that never comes (packets dropped on the way) fails its commands rather than holding them
    socket.setTimeout(this.o.connectTimeoutMs ?? 10_000, () => {
      if (!current()) return;
      const err = new Error('connect timed out');
      this.report(err);
      this.drop(err);
    });
    const connected = () => {
      socket.setTimeout(0);
      if (this.down) this.o.logger?.info({ conn: this.o.name }, 'redis connection restored');
      this.down = false;
    };
    socket.once(overTls ? 'secureConnect' : 'connect', connected);
    return socket;
  }

  private answer(reply: RespValue): void {
    const p = this.waiting.shift();
    if (!p || p.answered) return;
    if (p.timer) clearTimeout(p.timer);
    if (reply instanceof RespError) p.reject(reply);
    else p.resolve(reply);
  }

  /** Fails every command in flight and forgets the socket (the next command connects again). */
  private drop(err: Error): void {
    const socket = this.socket;
    this.socket = null;
    this.parser.reset();
    socket?.destroy();
    for (const p of this.waiting.splice(0)) {
      if (p.timer) clearTimeout(p.timer);
      if (!p.answered) p.reject(err);
    }
  }

  private report(err: Error): void {
    if (!this.down) this.o.logger?.warn({ conn: this.o.name, err: err.message }, 'redis connection error');
    this.down = true;
  }
}

/** The BLOCK time of a command (ms; 0 blocks for ever), or null for one that does not block. */
function blockOf(command: string, args: readonly (string | number)[]): number | null {
  const name = command.toUpperCase();
  if (name !== 'XREADGROUP' && name !== 'XREAD') return null;
  for (let i = 0; i < args.length - 1; i++) {
    const arg = String(args[i]).toUpperCase();
    if (arg === 'BLOCK') return Number(args[i + 1]);
    if (arg === 'STREAMS') return null;
  }
  return null;
}

/** A command as RESP: an array of bulk strings. */
function encode(parts: readonly (string | number)[]): string {
  let out = `*${parts.length}\r\n`;
  for (const part of parts) {
    const s = String(part);
    out += `$${Buffer.byteLength(s)}\r\n${s}\r\n`;
  }
  return out;
}
