/** @module Loads one admin resource through the query cache: data, error, and `reload()` after a change. */
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { t } from '../../i18n/index.js';
import { errorText } from './admin-api.js';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** `what` names the resource in the cache key (`['admin', what]`) and, as `load.what.<what>`, in messages. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, what: string): Loaded<T> {
  const query = useQuery({ queryKey: ['admin', what], queryFn: ({ signal }) => load(signal) });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    data: query.data ?? null,
    error: query.error ? errorText(query.error, t('load.failed', { what: t(`load.what.${what}`) })) : null,
    loading: query.isPending,
    reload,
  };
}
