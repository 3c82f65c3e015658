/** @module Deployment settings the screens need before login: the classification banner. */
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import type { Classification } from '../../../shared/schemas/api.js';
import { API, routeQuery } from '../lib/api.js';

export type { Classification };

export const DEFAULT_CLASSIFICATION: Classification = { text: 'UNCLASSIFIED // DEMO', colour: '#007a33' };

const ConfigContext = createContext<Classification>(DEFAULT_CLASSIFICATION);

export function ConfigProvider({ children }: { children: ReactNode }) {
  // No endpoint, or a banner outside the contract (its colour goes into a style attribute): the default stays.
  const { data } = useQuery({ ...routeQuery(API.config, {}, { quiet401: true }), staleTime: Infinity });
  const classification = data?.classification ?? DEFAULT_CLASSIFICATION;
  return <ConfigContext value={classification}>{children}</ConfigContext>;
}

export function useClassification(): Classification {
  return useContext(ConfigContext);
}
