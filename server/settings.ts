/** @module Admin settings kept in Redis (thresholds, webhooks), over defaults from the environment. */

import { redactUrl } from '../shared/redact-url.js';
import { type Settings, type SettingsPatch, settingsSchema } from '../shared/schemas/admin.js';
import { SEVERITY_BANDS } from '../shared/schemas/alert.js';
import type { Alerting } from '../shared/schemas/api.js';
import { DEFAULT_RAISE } from './alerts/alert-rule.js';
import { parseInput } from './errors.js';
import type { Redis } from './redis/connections.js';
import type { Keys } from './redis/keys.js';

export type { Settings };

/** The settings as the audit trail keeps them (leads read it): webhook URLs without their secrets. */
export function settingsForAudit(s: Settings): Settings {
  return { ...s, webhooks: s.webhooks.map(redactUrl) };
}

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

  /** Applies a patch; the settings that result must be valid as a whole (400 naming the problems). */
  async update(patch: SettingsPatch): Promise<Settings> {
    const next = parseInput(settingsSchema, { ...(await this.refresh(true)), ...patch }, 'settings');
    await this.redis.set(this.keys.settings, JSON.stringify(next));
    this.current = next;
    return next;
  }

  /** The thresholds in force and the severity bands: what the screens draw (they keep no constant of their own). */
  async alerting(): Promise<Alerting> {
    const s = await this.refresh();
    return { raise: s.raise, clear: s.clear, bands: { ...SEVERITY_BANDS } };
  }
}
