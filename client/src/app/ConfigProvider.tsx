/** @module Deployment settings the screens need before login: the classification banner. */
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { type Classification, classificationSchema } from '../../../shared/schemas/api.js';
import { API, routeQuery } from '../lib/api.js';

export type { Classification };

export const DEFAULT_CLASSIFICATION: Classification = { text: 'UNCLASSIFIED // DEMO', colour: '#007a33' };

const ConfigContext = createContext<Classification>(DEFAULT_CLASSIFICATION);

export function ConfigProvider({ children }: { children: ReactNode }) {
  // No endpoint or not allowed yet: the default banner stays.
  const { data } = useQuery({ ...routeQuery(API.config, {}, { quiet401: true }), staleTime: Infinity });
  const classification = useMemo(() => {
    // The colour goes into a style attribute: only plain colours are taken (the shared banner schema).
    const banner = classificationSchema.safeParse(data?.classification);
    return banner.success ? banner.data : DEFAULT_CLASSIFICATION;
  }, [data]);
  return <ConfigContext value={classification}>{children}</ConfigContext>;
}

export function useClassification(): Classification {
  return useContext(ConfigContext);
}
