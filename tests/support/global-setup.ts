/** One redis-server for the whole run; tests isolate themselves with a unique prefix and stream names. */
import type { TestProject } from 'vitest/node';
import { TestRedis } from './redis-server.js';

let redis: TestRedis | null = null;

export async function setup(project: TestProject): Promise<void> {
  redis = await TestRedis.start();
  project.provide('redisUrl', redis.url);
}

export async function teardown(): Promise<void> {
  await redis?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
