/**
 * @module The written handover's data (`GET /api/handover`) and the leads' writes. It is read again when another
 * lead's change reaches this screen (the socket's `handover` event) and after each of our own writes.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HandoverAnswer } from '../../../../shared/schemas/handover.js';
import { useLiveSelector } from '../../hooks/useLive.js';
import { t } from '../../i18n/index.js';
import { API, call, routeKey, routeQuery } from '../../lib/api.js';
import { ApiError } from '../../lib/request.js';

export interface WrittenHandover {
  data: HandoverAnswer | null;
  loadError: string | null;
  /** The last write's failure, in words. */
  writeError: string | null;
  busy: boolean;
  /** Saves over `version`, the one the lead's text was written over (409 when another lead saved since). */
  saveSummary(summary: string, onWall: boolean, version: number): Promise<boolean>;
  /**
   * Whether this screen saved the summary's `version` itself: the same lead in another window, or on another
   * machine, is somebody else to this one (her save must not be taken for ours coming back).
   */
  savedHere(version: number): boolean;
  addItem(text: string, onWall: boolean): Promise<boolean>;
  setOnWall(id: string, onWall: boolean): Promise<boolean>;
  closeItem(id: string): Promise<boolean>;
  handOver(): Promise<boolean>;
}

const errorText = (err: unknown) =>
  err instanceof ApiError
    ? err.code === 'conflict'
      ? err.message
      : t('written.notSaved', { message: err.message })
    : t('written.unreachable');

export function useWrittenHandover(): WrittenHandover {
  const queryClient = useQueryClient();
  const query = useQuery({ ...routeQuery(API.handover), refetchInterval: 30_000 });
  const [writeError, setWriteError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // what the wall shows changes with every write: another lead wrote
  const wallPart = useLiveSelector((s) => s.handover);
  const { refetch } = query;
  useEffect(() => {
    if (wallPart) void refetch();
  }, [wallPart, refetch]);

  const write = useCallback(
    async (run: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      try {
        await run();
        setWriteError(null);
        return true;
      } catch (err) {
        setWriteError(errorText(err));
        return false;
      } finally {
        setBusy(false);
        await queryClient.invalidateQueries({ queryKey: routeKey(API.handover) });
      }
    },
    [queryClient],
  );
  const version = query.data?.draft.version ?? 0;
  // known before the answer's refetch is asked for: the editor never sees our own version as another's
  const saved = useRef(new Set<number>());

  return {
    data: query.data ?? null,
    loadError: query.error ? t('written.loadError', { message: query.error.message }) : null,
    writeError,
    busy,
    saveSummary: (summary, onWall, over) =>
      write(async () => {
        const { draft } = await call(API.saveHandoverSummary, { body: { summary, onWall, version: over } });
        saved.current.add(draft.version);
      }),
    savedHere: (v) => saved.current.has(v),
    addItem: (text, onWall) => write(() => call(API.addWatchItem, { body: { text, onWall } })),
    setOnWall: (id, onWall) => write(() => call(API.updateWatchItem, { params: { id }, body: { onWall } })),
    closeItem: (id) => write(() => call(API.closeWatchItem, { params: { id } })),
    handOver: () => write(() => call(API.handOver, { body: { version } })),
  };
}
