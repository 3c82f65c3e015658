/** @module Deployment settings the screens need before login: the classification banner. */
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { z } from 'zod';
import { API, routeQuery } from '../lib/api.js';

export interface Classification {
  text: string;
  colour: string;
}

export const DEFAULT_CLASSIFICATION: Classification = { text: 'UNCLASSIFIED // DEMO', colour: '#007a33' };

/** Only colours we can safely put into a style attribute: hex, or a plain CSS colour name (a client-side rule). */
const colourSchema = z.string().regex(/^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,20})$/);

const bannerSchema = z.object({ text: z.string().min(1).max(200), colour: colourSchema });

const ConfigContext = createContext<Classification>(DEFAULT_CLASSIFICATION);

export function ConfigProvider({ children }: { children: ReactNode }) {
  // No endpoint or not allowed yet: the default banner stays.
  const { data } = useQuery({ ...routeQuery(API.config, {}, { quiet401: true }), staleTime: Infinity });
  const classification = useMemo(() => {
    // The colour goes into a style attribute: only plain colours are taken.
    const banner = bannerSchema.safeParse(data?.classification);
    return banner.success ? banner.data : DEFAULT_CLASSIFICATION;
  }, [data]);
  return <ConfigContext value={classification}>{children}</ConfigContext>;
}

export function useClassification(): Classification {
  return useContext(ConfigContext);
}
