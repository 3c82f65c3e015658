/**
 * @module `watchfloor dlq list|requeue`: the dead-letter administration of `/api/dlq` from a shell, against the
 * server's environment (REDIS_URL, WF_PREFIX, WF_STREAMS, WF_LISTS).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { REJECT_REASONS } from '../../shared/schemas/telemetry.js';
import { EXIT } from '../command-support.js';
import { ConfigError, loadConfig } from '../config.js';
import { createRedis } from '../redis/connections.js';
import { Keys } from '../redis/keys.js';
import { DlqAdmin, type DlqPage, dlqListQuery, requeueBody } from './dlq-admin.js';

export const DLQ_USAGE = `usage: watchfloor dlq list [--reason R] [--limit N] [--cursor ID] [--json]
       watchfloor dlq requeue (--all | --reason R | ID…)

  list      dead-lettered entries, newest first (default 20); --cursor ID continues after ID
  requeue   re-adds entries to their source stream (under the source's field) or list, then removes them
            from the DLQ; run it after fixing the producer or the configuration
  reasons:  ${REJECT_REASONS.join(', ')}

Environment: REDIS_URL, WF_PREFIX, WF_STREAMS and WF_LISTS as the server has them.`;

export interface DlqCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Dead letters a `dlq list` shows at most. */
const LIST_MAX = 500;
const listArgs = dlqListQuery.extend({ limit: z.coerce.number().int().min(1).max(LIST_MAX).default(20) });

/** `watchfloor dlq list|requeue`. Exit codes (`EXIT`): 0 done, 1 some entries failed or Redis failed, 2 bad arguments or configuration. */
export async function runDlqCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: DlqCommandIo = { stdout: process.stdout, stderr: process.stderr },
  /** Runs once the arguments are good, before connecting (the CLI makes sure Redis answers and says which). */
  beforeConnect: () => Promise<void> = async () => {},
): Promise<number> {
  const usage = (message: string) => {
    io.stderr.write(`watchfloor dlq: ${message}\n\n${DLQ_USAGE}\n`);
    return EXIT.usage;
  };
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        reason: { type: 'string' },
        limit: { type: 'string' },
        cursor: { type: 'string' },
        all: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return usage((err as Error).message);
  }
  const [action, ...ids] = positionals;
  if (values.help) {
    io.stdout.write(`${DLQ_USAGE}\n`);
    return 0;
  }
  const issue = (e: z.ZodError) =>
    e.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ');
  let run: (admin: DlqAdmin) => Promise<number>;
  if (action === 'list' && ids.length === 0) {
    if (typeof values.limit === 'string' && !/^\d+$/.test(values.limit))
      return usage(`--limit must be a whole number from 1 to ${LIST_MAX}`);
    const q = listArgs.safeParse({ reason: values.reason, limit: values.limit, cursor: values.cursor });
    if (!q.success) return usage(issue(q.error));
    run = async (admin) => {
      const page = await admin.list(q.data);
      if (values.json) io.stdout.write(`${JSON.stringify(page)}\n`);
      else io.stdout.write(formatPage(page));
      return 0;
    };
  } else if (action === 'requeue') {
    const sel = requeueBody.safeParse({
      ids: ids.length ? ids : undefined,
      reason: values.reason,
      all: values.all ? true : undefined,
    });
    if (!sel.success) return usage(issue(sel.error));
    run = async (admin) => {
      const r = await admin.requeue(sel.data);
      io.stdout.write(`requeued ${r.requeued}; failed ${r.failed.length}\n`);
      for (const f of r.failed) io.stdout.write(`  ${f.id}: ${f.message}\n`);
      return r.failed.length ? 1 : 0;
    };
  } else {
    return usage(action ? `unknown action ${action}` : 'list or requeue is required');
  }
  await beforeConnect();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`watchfloor dlq: ${err.message}\n`);
    return EXIT.usage;
  }
  const redis = createRedis(config, 'cli-dlq', undefined, { maxRetriesPerRequest: 2 });
  try {
    const keys = new Keys(config.prefix, { hashTag: config.redisCluster !== null });
    return await run(new DlqAdmin({ redis, keys, sources: config.streams, lists: config.lists }));
  } catch (err) {
    io.stderr.write(`watchfloor dlq: ${(err as Error).message}\n`);
    return EXIT.failed;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

function formatPage(page: DlqPage): string {
  const one = (s: string, max: number) => {
    const flat = s.replace(/\s+/g, ' ');
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  const lines = page.items.map(
    (i) =>
      `${i.id}  ${new Date(i.at).toISOString()}  ${i.source} ${i.entryId}  ${i.reason}: ${one(i.detail, 80)}\n    ${one(i.raw, 120)}\n`,
  );
  const more = page.nextCursor ? `more: --cursor ${page.nextCursor}\n` : '';
  return `${page.items.length} of ${page.total} dead letter(s)\n${lines.join('')}${more}`;
}
