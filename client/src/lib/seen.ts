/**
 * @module "Changed since you last looked": the version of each alert the user last opened, kept in
 * localStorage per user. The rule itself is pure (`seenMark`).
 */

export type SeenMark = 'new' | 'changed' | null;

/** `new` when never opened, `changed` when opened at an older version, null when up to date. */
export function seenMark(seenVersion: number | undefined, version: number): SeenMark {
  if (seenVersion === undefined) return 'new';
  return version > seenVersion ? 'changed' : null;
}

const MAX_ENTRIES = 2000;

/** The part of `Storage` used here (localStorage in the browser; a map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function browserStorage(): KeyValueStore | undefined {
  try {
    return (globalThis as unknown as { localStorage?: KeyValueStore }).localStorage;
  } catch {
    return undefined;
  }
}

function key(user: string): string {
  return `wf:seen:${user}`;
}

export function loadSeen(user: string, storage = browserStorage()): Record<string, number> {
  try {
    const raw = storage?.getItem(key(user));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object') return {};
    const out: Record<string, number> = {};
    for (const [id, v] of Object.entries(parsed)) if (typeof v === 'number') out[id] = v;
    return out;
  } catch {
    return {};
  }
}

/** Records `version` as seen; the map is capped (oldest insertions dropped first). */
export function markSeen(
  user: string,
  seen: Record<string, number>,
  id: string,
  version: number,
  storage = browserStorage(),
): Record<string, number> {
  const next: Record<string, number> = { ...seen };
  delete next[id];
  next[id] = version;
  const ids = Object.keys(next);
  for (const old of ids.slice(0, Math.max(0, ids.length - MAX_ENTRIES))) delete next[old];
  try {
    storage?.setItem(key(user), JSON.stringify(next));
  } catch {
    /* storage full or disabled: markers just reset next time */
  }
  return next;
}
