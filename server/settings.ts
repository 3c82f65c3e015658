/** @module Admin settings kept in Redis (thresholds, webhooks), over defaults from the environment. */
import { z } from 'zod';
import { DEFAULT_RAISE } from './alerts/alert-rule.js';
import { badRequest } from './errors.js';
import type { Redis } from './redis/connections.js';
import type { Keys } from './redis/keys.js';

export const settingsSchema = z
  .object({
    raise: z.number().min(1).max(100),
    raiseHoldMs: z.number().int().min(0).max(3_600_000),
    clear: z.number().min(0).max(100),
    clearHoldMs: z.number().int().min(0).max(86_400_000),
    webhooks: z
      .array(
        z
          .string()
          .url()
          .refine((u) => /^https?:/.test(u), 'http(s) only'),
      )
      .max(20),
  })
  .refine((s) => s.clear < s.raise, 'clear must be below raise (hysteresis)');
export type Settings = z.infer<typeof settingsSchema>;

export class SettingsStore {
  private current: Settings;
  private loadedAt = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    defaults: { webhooks: readonly string[] },
  ) {
    this.current = { ...DEFAULT_RAISE, webhooks: [...defaults.webhooks] };
  }

  /** The settings as last loaded (refresh() keeps them current). */
  get value(): Settings {
    return this.current;
  }

  async refresh(force = false): Promise<Settings> {
    if (!force && Date.now() - this.loadedAt < 5_000) return this.current;
    const raw = await this.redis.get(this.keys.settings);
    if (raw) {
      const parsed = settingsSchema.safeParse({ ...this.current, ...JSON.parse(raw) });
      if (parsed.success) this.current = parsed.data;
    }
    this.loadedAt = Date.now();
    return this.current;
  }

  async update(patch: unknown): Promise<Settings> {
    const parsed = settingsSchema.safeParse({ ...(await this.refresh(true)), ...(patch as object) });
    if (!parsed.success)
      throw badRequest(`${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
    await this.redis.set(this.keys.settings, JSON.stringify(parsed.data));
    this.current = parsed.data;
    return parsed.data;
  }
}
