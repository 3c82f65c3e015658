/**
 * @module `watchfloor replay FILE…`: replays capture files into Redis as their sensor would have written them.
 * Exit codes: 0 done, 1 Redis unreachable or a file unreadable, 2 bad arguments, 130 stopped (Ctrl-C).
 */

import { access } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { reachableRedis, redact, stopController } from '../command-support.js';
import { INPUT_FORMATS } from '../ingest/decoders/types.js';
import type { LoadedFiles } from './load.js';
import { count, ProgressReporter } from './progress.js';
import { type ReplayOptions, type ReplaySummary, replay } from './replay.js';
import { parseSpeed } from './timing.js';

export const REPLAY_USAGE = `usage: watchfloor replay FILE… [options]

Sends the records of capture files to Redis in event-time order, as their sensor would have written them.
FILE: plain or .gz; JSON lines (Suricata EVE, Zeek JSON, native events) or Zeek TSV logs (sent as Zeek JSON).

  --format eve|zeek|native|auto   format of the records (default auto: detected per file)
  --stream KEY                    stream to write (default by format: suricata for eve, zeek for zeek,
                                  telemetry for native and for --as native)
  --field NAME                    field of each original record (default the format's: eve, zeek, event)
  --speed N|max                   pace (default 1, real time). N > 1 replays N times faster; with
                                  --rebase now the timestamps are compressed by the same factor.
                                  max sends as fast as Redis accepts.
  --rebase now|keep               now (default): timestamps shifted so the first record lands now (at
                                  --speed max the spacing is kept and the last record lands now).
                                  keep: original timestamps at any speed (history: scores do not
                                  depend on the speed).
  --as original|native            original (default): each record as written, under its format's field.
                                  native: decoded here into native events (field event).
  --batch N                       entries per pipelined XADD (default 500)

All records are held in memory to be sorted (about the decompressed size of the files).
Ctrl-C stops after the batches in flight and prints the summary.
Environment: REDIS_URL (default redis://127.0.0.1:6379).`;

export interface CommandIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Stops the run like Ctrl-C (tests). */
  signal?: AbortSignal;
}

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
  as: z.enum(['original', 'native']).default('original'),
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
        as: str,
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
  if (parsed.data.as === 'native' && parsed.data.field)
    return {
      ok: false,
      message: '--field names the field of original records; --as native writes field event',
    };
  return { ok: true, options: parsed.data };
}

const envSchema = z.object({ REDIS_URL: z.string().url().default('redis://127.0.0.1:6379') });

export async function runReplayCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CommandIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const parsed = parseReplayArgs(argv);
  if (parsed.ok === 'help') {
    io.stdout.write(`${REPLAY_USAGE}\n`);
    return 0;
  }
  const environment = envSchema.safeParse({ REDIS_URL: env.REDIS_URL || undefined });
  if (!parsed.ok || !environment.success) {
    const message = parsed.ok ? `REDIS_URL: ${environment.error?.issues[0]?.message}` : parsed.message;
    io.stderr.write(`watchfloor replay: ${message}\n\n${REPLAY_USAGE}\n`);
    return 2;
  }
  const options = parsed.options;
  for (const file of options.files) {
    const readable = await access(file).then(
      () => true,
      () => false,
    );
    if (!readable) {
      io.stderr.write(`watchfloor replay: cannot read ${file}\n`);
      return 1;
    }
  }
  const url = environment.data.REDIS_URL;
  const redis = await reachableRedis(url, 'replay', io.stderr);
  if (!redis) return 1;

  const controller = stopController(io.signal);
  const stop = () => controller.abort();
  const reporter = new ProgressReporter(io.stdout);
  io.stdout.write(`reading ${options.files.length} file(s)…\n`);
  try {
    const summary = await replay(options, {
      redis,
      signal: controller.signal,
      onLoaded: (loaded) => io.stdout.write(loadedLine(loaded, options, url)),
      onProgress: (p) => reporter.update(p),
    });
    reporter.finish({ sent: summary.sent, total: summary.records, rate: 0, etaMs: 0 });
    io.stdout.write(formatSummary(summary));
    return summary.interrupted ? 130 : 0;
  } catch (err) {
    io.stderr.write(`watchfloor replay: ${(err as Error).message}\n`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await redis.quit().catch(() => redis.disconnect());
  }
}

function loadedLine(loaded: LoadedFiles, o: ReplayOptions, url: string): string {
  const formats = Object.entries(loaded.formats)
    .map(([f, n]) => `${count(n)} ${f}`)
    .join(', ');
  const problems = loaded.problems
    .slice(0, 5)
    .map((p) => `  ${p.file}:${p.line}: ${p.reason}: ${p.detail}\n`)
    .join('');
  const pace = o.speed === 'max' ? 'as fast as possible' : `at ${o.speed ?? 1}× speed`;
  return (
    `${count(loaded.records.length)} records (${formats || 'none'}) in event-time order; ` +
    `sending ${o.as === 'native' ? 'as native events' : 'as written'} ${pace}, ` +
    `timestamps ${o.rebase === 'keep' ? 'kept' : 'rebased to now'}, to ${redact(url)}\n${problems}`
  );
}

export function formatSummary(s: ReplaySummary): string {
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
  return (
    `${s.interrupted ? 'stopped' : 'done'}: read ${count(s.read)} line(s) from ${s.files} file(s), ` +
    `sent ${count(s.sent)}${streams ? ` (${streams})` : ''}, skipped ${count(nSkipped)}` +
    `${skipped.length ? ` (${skipped.map(([r, n]) => `${r} ${count(n)}`).join(', ')})` : ''}` +
    ` in ${(s.durationMs / 1000).toFixed(1)} s (${count(rate)} events/s)${span}\n`
  );
}
