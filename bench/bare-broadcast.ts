/**
 * @module The fan-out bench's baseline: a bare Socket.IO server (no Watchfloor) that sends one recorded frame to
 * every client once a second, the way the tick does (`io.local.emit`, websocket). Run by `bench/fanout.ts` compiled:
 * `node .bench-dist/bench/bare-broadcast.js PORT FRAME.json`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const [port, framePath] = process.argv.slice(2);
const frame = JSON.parse(readFileSync(framePath!, 'utf8')) as Record<string, unknown>;
const http = createServer();
const io = new Server(http, { serveClient: false, transports: ['websocket'] });
let seq = 0;
setInterval(() => io.local.emit('frame', { ...frame, seq: ++seq, now: Date.now() }), 1000);
http.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
