/** @module Process entry (`npm start`): configuration, Redis (a private one if needed), demo accounts, server, simulator. */
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoAccounts, createFirstWall } from './auth/bootstrap.js';
import { EXIT } from './command-support.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { ensureRedis, RedisUnavailableError } from './redis/private-server.js';
import { startEmbeddedSimulator } from './simulate/embedded.js';
import { startWatchfloor } from './watchfloor.js';

const here = dirname(fileURLToPath(import.meta.url));
/** dist/server/main.js → dist/client; server/main.ts (tsx) → dist/client as well. */
const clientDir = join(
  here,
  '..',
  here.includes(`${join('dist', 'server')}`) ? 'client' : join('dist', 'client'),
);

/** Whether `port` can be listened on (as the server will: every interface); 0 always can. */
function portFree(port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`watchfloor: ${err.message}\n`);
      process.exit(EXIT.usage);
    }
    throw err;
  }
  // before anything is written to Redis under this instance's name (its consumer name carries the port)
  if (!(await portFree(config.port))) {
    process.stderr.write(
      `watchfloor: PORT ${config.port} is in use (another Watchfloor, or another program): stop it or set PORT.\n`,
    );
    process.exit(EXIT.usage);
  }
  const logger = createLogger(config.logLevel);
  let privateRedis: Awaited<ReturnType<typeof ensureRedis>>;
  try {
    // a cluster is never started privately: it is the operator's
    privateRedis = config.redisCluster
      ? null
      : await ensureRedis(config.redisUrl, {
          autoStart: config.autoRedis,
          dataDir: config.dataDir,
          logger,
        });
  } catch (err) {
    if (err instanceof RedisUnavailableError) {
      process.stderr.write(`watchfloor: ${err.message}\n`);
      process.exit(EXIT.failed);
    }
    throw err;
  }
  const simulation = config.simulate ? await startEmbeddedSimulator(config, logger) : null;
  const wf = await startWatchfloor(config, {
    logger,
    clientDir,
    extraSegments: simulation?.segments ?? [],
    extraAssets: simulation?.assets ?? {},
  }).catch((err: unknown) => {
    // a file a variable names, read at start (WF_ASSETS), is configuration too: named, exit 2
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`watchfloor: ${err.message}\n`);
    privateRedis?.kill('SIGTERM');
    process.exit(EXIT.usage);
  });

  const demo = await createDemoAccounts(
    wf.users,
    async () => (await wf.redis.set(wf.keys.firstStart, config.memberId, 'NX')) === 'OK',
  );
  // only a process with the web role serves the screens
  const lines = [
    config.roles.includes('web')
      ? `Watchfloor is running at ${config.publicUrl}`
      : `Watchfloor (${config.roles.join(', ')}) is running; no screens here (health at http://127.0.0.1:${wf.port}/readyz)`,
  ];
  if (demo) {
    lines.push('First start: demo accounts were created. Their passwords are shown only now:');
    for (const a of demo)
      lines.push(`  ${a.role.padEnd(8)} username: ${a.username.padEnd(9)} password: ${a.password}`);
    const token = await createFirstWall(wf.tokens);
    lines.push('Wall display (no login; list and revoke with `watchfloor display-token list|revoke`):');
    lines.push(`  ${config.publicUrl}/wall?token=${token}`);
  }
  if (!demo && config.roles.includes('web')) {
    lines.push(
      'Accounts exist already (their passwords were printed on the first start). To add one or make a wall link:',
    );
    lines.push('  npm run cli -- users add NAME --role operator|lead|admin --password-stdin');
    lines.push('  npm run cli -- display-token create "operations room"');
  }
  if (simulation)
    lines.push(
      `The built-in simulator writes ${config.simRate} events/s to "${simulation.stream}" (WF_SIMULATE=0 turns it off).`,
    );
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const force = setTimeout(() => {
      logger.error(
        { timeoutS: config.stopTimeoutMs / 1000 },
        'stop took too long (WF_STOP_TIMEOUT_S): exiting unsaved',
      );
      process.exit(EXIT.failed);
    }, config.stopTimeoutMs);
    force.unref();
    await simulation?.stop();
    await wf.close();
    privateRedis?.kill('SIGTERM');
    logger.info('stopped');
    process.exit(EXIT.ok);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`watchfloor: failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(EXIT.failed);
});
