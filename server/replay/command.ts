/**
 * @module `watchfloor replay FILE…`: replays capture files into Redis as their sensor would have written them.
 * Exit codes (`EXIT`): 0 done, 1 Redis unreachable or a file unreadable, 2 bad arguments or environment,
 * 130 stopped (Ctrl-C).
 */

import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  type CommandIo,
  closeRedis,
  EXIT,
  openRedis,
  processIo,
  type RedisTarget,
  redact,
  reportConnection,
  stopSignal,
} from '../command-support.js';
import { INPUT_FORMATS } from '../ingest/decoders/types.js';
import type { Redis } from '../redis/connections.js';
import { Keys } from '../redis/keys.js';
import { IDLE_TTL_MS } from '../scoring/engine.js';
import type { LoadedFiles } from './load.js';
import { count, duration, progressDisplay } from './progress.js';
import { type ReplayOptions, type ReplaySummary, replay } from './replay.js';
import { DEFAULT_MAX_GAP_MS, parseMaxGap, parseSpeed, type Timeline } from './timing.js';

/**
 * Said after a replay at `--speed max`: the server reads its hours at once, so its hosts get their
 * evidence but their held scores fade in event time before the alert rule's ticks can see them held.
 */
export const MAX_SPEED_NOTE =
  'watchfloor replay: at --speed max the capture passed in a moment of wall clock: its hosts got their evidence, but ' +
  'their scores rose and faded in its event time before the alert rule (held for seconds, judged every tick) could ' +
  'see them, so expect few alerts; replay at --speed 10 or slower to see its alerts as they would have been raised';

export const REPLAY_USAGE = `usage: watchfloor replay FILE… [options]

Sends the records of capture files to Redis in event-time order, as their sensor would have written them.
FILE: plain or .gz; JSON lines (Suricata EVE, Zeek JSON, native events) or Zeek TSV logs (sent as Zeek JSON).

  --format eve|zeek|native|auto   format of the records (default auto: detected per file)
  --stream KEY                    stream to write (default by format: suricata for eve, zeek for zeek,
                                  telemetry for native and for --as native)
  --field NAME                    field of each original record (default the format's: eve, zeek, event)
  --speed N|max                   pace (default 1, real time). N > 1 replays N times faster; with
                                  --rebase now the timestamps are compressed by the same factor.
                                  max sends as fast as Redis accepts (for decoding and load: scores
                                  rise and fade before the alert rule sees them, so few alerts).
  --rebase now|keep               now (default): timestamps shifted so the first record lands now (at
                                  --speed max the spacing is kept and the last record lands now).
                                  keep: original timestamps at any speed (history: scores do not
                                  depend on the speed).
  --max-gap DURATION              silences of the capture longer than this (original time) are shortened
                                  to it, so a record stamped months after the rest does not stall the
                                  replay; said before sending and in the summary. 90 (seconds), 500ms,
                                  30s, 5m, 1h, or off (default 60s)
  --as original|native            original (default): each record as written, under its format's field.
                                  native: decoded here into native events (field event).
  --segment NAME                  every replayed host in segment NAME instead of the server's CIDR map
                                  (WF_SEGMENTS, else unassigned). Implies --as native: EVE and Zeek
                                  records carry no segment.
  --batch N                       entries per pipelined XADD (default 500)
  -h, --help                      this help

Records without a time of their own go with the record before them in their file.
All records are held in memory to be sorted (about the decompressed size of the files).
Progress: a bar on a terminal (stderr); otherwise one summary line at the end.
Ctrl-C stops after the batches in flight and prints the summary.
Environment: REDIS_URL (default redis://127.0.0.1:6379, said when used).`;

const argsSchema = z.object({
  files: z.array(z.string().min(1)).min(1, 'at least one FILE is required'),
  format: z.enum(INPUT_FORMATS).default('auto'),
  stream: z.string().min(1).max(256).optional(),
  field: z.string().min(1).max(256).optional(),
  speed: z
    .string()
    .default('1')
    .transform((text, ctx) => {
      const speed = parseSpeed(text);
      if (speed === null) {
        ctx.addIssue({ code: 'custom', message: `"${text}" is not a positive number or max` });
        return z.NEVER;
      }
      return speed;
    }),
  rebase: z.enum(['now', 'keep']).default('now'),
  'max-gap': z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return DEFAULT_MAX_GAP_MS;
      const ms = parseMaxGap(text);
      if (ms === null) {
        ctx.addIssue({
          code: 'custom',
          message: `"${text}" is not a duration (90, 500ms, 30s, 5m, 1h) or off`,
        });
        return z.NEVER;
      }
      return ms;
    }),
  as: z.enum(['original', 'native']).optional(),
  segment: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'letters, digits, . _ - only, at most 64')
    .optional(),
  batch: z.coerce.number().int().min(1).max(100_000).default(500),
});

type Parsed = { ok: true; options: ReplayOptions } | { ok: false; message: string } | { ok: 'help' };

export function parseReplayArgs(argv: readonly string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    const str = { type: 'string' } as const;
    ({ values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        format: str,
        stream: str,
        field: str,
        speed: str,
        rebase: str,
        'max-gap': str,
        as: str,
        segment: str,
        batch: str,
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  if (values.help) return { ok: 'help' };
  const parsed = argsSchema.safeParse({ ...values, files: positionals });
  if (!parsed.success) {
    const issue = (i: z.core.$ZodIssue) =>
      i.path[0] === 'files' ? i.message : `--${i.path.join('.')}: ${i.message}`;
    return { ok: false, message: parsed.error.issues.map(issue).join('; ') };
  }
  const { 'max-gap': maxGapMs, ...a } = parsed.data;
  if (a.segment !== undefined && a.as === 'original')
    return {
      ok: false,
      message:
        '--segment needs --as native (EVE and Zeek records carry no segment); to keep the records as written, map their addresses with WF_SEGMENTS on the server',
    };
  const as = a.as ?? (a.segment !== undefined ? 'native' : 'original');
  if (as === 'native' && a.field)
    return {
      ok: false,
      message: '--field names the field of original records; --as native writes field event',
    };
  const options: ReplayOptions = { ...a, as, maxGapMs };
  if (options.segment === undefined) delete options.segment;
  return { ok: true, options };
}

export async function runReplayCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CommandIo = processIo(),
): Promise<number> {
  const parsed = parseReplayArgs(argv);
  if (parsed.ok === 'help') {
    io.stdout.write(`${REPLAY_USAGE}\n`);
    return EXIT.ok;
  }
  if (!parsed.ok) {
    io.stderr.write(`watchfloor replay: ${parsed.message}\n\n${REPLAY_USAGE}\n`);
    return EXIT.usage;
  }
  const options = parsed.options;
  for (const file of options.files) {
    const kind = await stat(file).then(
      (st) => (st.isDirectory() ? 'a directory' : null),
      () => 'missing or unreadable',
    );
    const readable =
      kind === null &&
      (await access(file, constants.R_OK).then(
        () => true,
        () => false,
      ));
    if (!readable) {
      io.stderr.write(`watchfloor replay: cannot read ${file} (${kind ?? 'not readable'})\n`);
      return EXIT.failed;
    }
  }
  const opened = await openRedis('replay', env, io);
  if ('exit' in opened) return opened.exit;
  const { target, redis } = opened;

  const unwatch = reportConnection(redis, 'replay', target, io);
  const stop = stopSignal(io.signal);
  const display = progressDisplay(io.stderr);
  io.stdout.write(`reading ${options.files.length} file(s)…\n`);
  try {
    let behind: Promise<void> | undefined;
    const summary = await replay(options, {
      redis,
      signal: stop.signal,
      onLoaded: (loaded, timeline) => {
        io.stdout.write(loadedLines(loaded, timeline, options, target));
        const newest = loaded.records.at(-1)?.time ?? 0;
        if (options.rebase === 'keep' && newest > 0)
          behind = scoringNewer(redis, target, newest).then(
            (segment) => {
              if (segment) io.stderr.write(historyBehindNote(segment, newest));
            },
            () => {},
          );
      },
      onProgress: (p) => display.update(p),
    });
    await behind;
    display.stop();
    io.stdout.write(formatSummary(summary, options, target));
    if (options.speed === 'max') io.stderr.write(`${MAX_SPEED_NOTE}\n`);
    for (const stream of await unread(redis, Object.keys(summary.streams)))
      io.stderr.write(
        `watchfloor replay: nothing reads stream ${stream} yet (it has no consumer group): name it in a server's WF_STREAMS with its format (${stream}=eve, =zeek or =native) and start that server with WF_START=0, or it reads only what comes after it starts\n`,
      );
    return summary.interrupted ? EXIT.interrupted : EXIT.ok;
  } catch (err) {
    display.stop();
    io.stderr.write(`watchfloor replay: ${(err as Error).message}\n`);
    return EXIT.failed;
  } finally {
    stop.dispose();
    unwatch();
    await closeRedis(redis);
  }
}

/**
 * A segment this Watchfloor has scored in the last hour, when the history being replayed ends more than the engine's
 * idle horizon before now (else null): its event clock is then at the present, so the history's events come late and
 * each host is forgotten as idle between its own events (a QA pass saw a slow beacon, scan and sweep give no evidence).
 */
async function scoringNewer(redis: Redis, target: RedisTarget, newest: number): Promise<string | null> {
  const now = Date.now();
  if (newest >= now - IDLE_TTL_MS) return null;
  const keys = new Keys(target.prefix, { hashTag: target.cluster !== null });
  const segments = (await redis.srandmember(keys.seriesSegments, 100)) as string[];
  const hour = now - (now % 3_600_000);
  for (const segment of segments)
    for (const h of [hour, hour - 3_600_000])
      if (await redis.exists(keys.seriesHour(segment, h))) return segment;
  return null;
}

const historyBehindNote = (segment: string, newest: number) =>
  `watchfloor replay: this Watchfloor scores the present (segment ${segment} has scores of the last hour), and this history ends at ${new Date(newest).toISOString()}: its events come late to its clock and each host is forgotten between its own events more than ${IDLE_TTL_MS / 60_000} min apart, so little or nothing will be found. Replay history into a Watchfloor of its own (another WF_PREFIX on a Redis, or another Redis), or use --rebase now\n`;

/** The streams written that no consumer group reads (a server not told of them would never see the replay). */
async function unread(redis: Redis, streams: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const stream of streams) {
    const groups = (await redis.call('XINFO', 'GROUPS', stream).catch(() => [])) as unknown[];
    if (groups.length === 0) out.push(stream);
  }
  return out;
}

/** What is about to happen: the records, how they are sent and where, the capture's length after compression. */
function loadedLines(loaded: LoadedFiles, t: Timeline, o: ReplayOptions, target: RedisTarget): string {
  const formats = Object.entries(loaded.formats)
    .map(([f, n]) => `${count(n)} ${f}`)
    .join(', ');
  const problems = loaded.problems
    .slice(0, 5)
    .map((p) => `  ${p.file}:${p.line}: ${p.reason}: ${p.detail}\n`)
    .join('');
  const speed = o.speed ?? 1;
  const pace = speed === 'max' ? 'as fast as possible' : `at ${speed}× speed`;
  const segment = o.segment ? `, every host in segment ${o.segment}` : '';
  const gaps = t.gaps.length
    ? ` after compressing ${count(t.gaps.length)} gap(s) longer than ${gapLimit(o)} (${duration(t.removedMs)} skipped)`
    : '';
  const wall = speed === 'max' ? '' : `; about ${duration(t.span / speed)} to send`;
  return (
    `${count(loaded.records.length)} records (${formats || 'none'}) in event-time order; ` +
    `sending ${o.as === 'native' ? 'as native events' : 'as written'} ${pace}, ` +
    `timestamps ${o.rebase === 'keep' ? 'kept' : 'rebased to now'}${segment}, to ${redact(target.url)}\n` +
    `capture time ${duration(t.span)}${gaps}${wall}\n${problems}`
  );
}

const gapLimit = (o: ReplayOptions) => duration(o.maxGapMs ?? DEFAULT_MAX_GAP_MS);

/** The one line that says what the replay did. */
function formatSummary(s: ReplaySummary, o: ReplayOptions, target: RedisTarget): string {
  const skipped = Object.entries(s.skipped).sort((a, b) => b[1] - a[1]);
  const nSkipped = skipped.reduce((n, [, k]) => n + k, 0);
  const streams = Object.entries(s.streams)
    .map(([k, n]) => `${k} ${count(n)}`)
    .join(', ');
  const rate = s.durationMs > 0 ? Math.round((s.sent * 1000) / s.durationMs) : 0;
  const span =
    s.firstEventTs !== null && s.lastEventTs !== null
      ? `; events from ${new Date(s.firstEventTs).toISOString()} to ${new Date(s.lastEventTs).toISOString()}`
      : '';
  const g = s.gaps;
  const gaps =
    g.count > 0 && g.longest
      ? `; ${count(g.count)} gap(s) longer than ${gapLimit(o)} compressed (${duration(g.removedMs)} of capture time ` +
        `skipped; the longest, ${duration(g.longest.ms)}, before ${g.longest.file}:${g.longest.line})`
      : '';
  const untimed = s.untimed
    ? `; ${count(s.untimed)} record(s) without a time sent with the record before them`
    : '';
  return (
    `${s.interrupted ? 'stopped' : 'done'}: read ${count(s.read)} line(s) from ${s.files} file(s), ` +
    `sent ${count(s.sent)}${streams ? ` (${streams})` : ''} to ${redact(target.url)}, skipped ${count(nSkipped)}` +
    `${skipped.length ? ` (${skipped.map(([r, n]) => `${r} ${count(n)}`).join(', ')})` : ''}` +
    ` in ${(s.durationMs / 1000).toFixed(1)} s (${count(rate)} events/s)${span}${gaps}${untimed}\n`
  );
}
