/**
 * @module The one data-fetching cache of the client (TanStack Query): answers are shared by key (two panels
 * polling `/api/sensors` make one request), refetched on an interval or when invalidated after a change.
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './request.js';

/** A refused or missing resource is an answer, not a glitch: only network failures and 5xx are retried. */
function retry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry, staleTime: 2_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
