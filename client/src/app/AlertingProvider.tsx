/**
 * @module The alert rule the screens draw (raise and clear thresholds, severity bands), as the server applies it:
 * `GET /api/alerting` for signed-in screens (refreshed, so an admin's change shows), the wall's `/api/wall` answer
 * on the wall. The client keeps no threshold of its own.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext } from 'react';
import { SEVERITY_BANDS } from '../../../shared/schemas/alert.js';
import type { Alerting } from '../../../shared/schemas/api.js';
import type { Reason } from '../../../shared/schemas/score.js';
import { API, routeQuery } from '../lib/api.js';
import { type ScoreStyle, scoreStyle } from '../lib/palette.js';
import { hasData, useAuth } from './AuthProvider.js';

/** Null until the server has answered (no threshold line is drawn meanwhile). */
export const AlertingContext = createContext<Alerting | null>(null);

const REFRESH_MS = 60_000;

export function AlertingProvider({ children }: { children: ReactNode }) {
  const { auth } = useAuth();
  const { data } = useQuery({
    ...routeQuery(API.alerting),
    enabled: hasData(auth),
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS / 2,
  });
  return <AlertingContext value={data ?? null}>{children}</AlertingContext>;
}

export function useAlerting(): Alerting | null {
  return useContext(AlertingContext);
}

/**
 * `scoreStyle` with the server's severity bands (shared defaults, the same the server serves, until it answers);
 * pass the reasons behind the score so that a finding below the alert bands reads "elevated", not "normal".
 */
export function useScoreStyle(): (
  score: number,
  reasons?: readonly Pick<Reason, 'contribution'>[],
) => ScoreStyle {
  const bands = useAlerting()?.bands ?? SEVERITY_BANDS;
  return useCallback(
    (score: number, reasons?: readonly Pick<Reason, 'contribution'>[]) => scoreStyle(score, bands, reasons),
    [bands],
  );
}
