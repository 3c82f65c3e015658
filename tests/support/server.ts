/** @module Test helper: a Watchfloor instance in this process against a real Redis, and logged-in clients. */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../../server/config.js';
import { singleNode } from '../../server/redis/connections.js';
import { startWatchfloor, type Watchfloor } from '../../server/watchfloor.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.js';
import type { Role } from '../../shared/roles.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer extends Watchfloor {
  /** The command connection (tests run against one Redis). */
  redis: Redis;
  prefix: string;
  stream: string;
  login(username: string, password: string): Promise<string>;
  /** Creates a user and returns a session cookie for it. */
  userCookie(role: Role): Promise<string>;
  socket(cookie: string | null, extra?: { origin?: string }): ClientSocket;
  /** A wall's socket, authenticated by a display token. */
  wallSocket(token: string): ClientSocket;
  /** Creates a display token through the admin API (as `adminCookie`); its secret, wall URL and record. */
  createDisplayToken(
    adminCookie: string,
    body: { label: string; segments?: string[]; locale?: string },
  ): Promise<{ secret: string; url: string; token: { id: string } }>;
}

export async function startTestServer(
  redisUrl: string,
  env: Record<string, string> = {},
  opts: { clientDir?: string } = {},
): Promise<TestServer> {
  const id = randomUUID().slice(0, 8);
  const prefix = env.WF_PREFIX ?? `t${id}:`;
  const stream = env.WF_STREAMS ?? `telemetry-${id}`;
  const config = loadConfig({
    REDIS_URL: redisUrl,
    PORT: '0',
    WF_PREFIX: prefix,
    WF_STREAMS: stream,
    WF_START: '0',
    WF_SIMULATE: '0',
    WF_TICK_MS: '200',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const wf = await startWatchfloor(config, { logger: pino({ level: 'silent' }), clientDir: opts.clientDir });
  const sockets: ClientSocket[] = [];
  const closeServer = wf.close.bind(wf);
  const login = async (username: string, password: string) => {
    const res = await fetch(`${wf.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  return Object.assign(wf, {
    redis: singleNode(wf.redis),
    prefix,
    stream,
    login,
    async userCookie(role: Role) {
      const name = `${role}-${randomUUID().slice(0, 6)}`;
      await wf.users.add(name, role, 'correct horse battery');
      return login(name, 'correct horse battery');
    },
    socket(cookie: string | null, extra: { origin?: string } = {}) {
      const headers: Record<string, string> = {};
      if (cookie) headers.cookie = cookie;
      if (extra.origin) headers.origin = extra.origin;
      const s: ClientSocket = connect(wf.url, {
        transports: ['websocket'],
        extraHeaders: headers,
        reconnection: false,
        forceNew: true,
      });
      sockets.push(s);
      return s;
    },
    wallSocket(token: string) {
      const s: ClientSocket = connect(wf.url, {
        transports: ['websocket'],
        auth: { token },
        reconnection: false,
        forceNew: true,
      });
      sockets.push(s);
      return s;
    },
    async createDisplayToken(
      adminCookie: string,
      body: { label: string; segments?: string[]; locale?: string },
    ) {
      const res = await fetch(`${wf.url}/api/display-tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: adminCookie },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`display token not created: ${res.status} ${await res.text()}`);
      return (await res.json()) as { secret: string; url: string; token: { id: string } };
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await closeServer();
    },
  });
}

/** Waits until `predicate` holds for an emitted value; generous timeout (not a speed assertion). */
export function waitFor<T>(
  socket: ClientSocket,
  event: 'frame' | 'snapshot' | 'alert',
  predicate: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (v: T) => {
      if (predicate(v)) {
        clearTimeout(timer);
        socket.off(event, handler as never);
        resolve(v);
      }
    };
    socket.on(event, handler as never);
  });
}

export async function eventually<T>(
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v as T;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
}
