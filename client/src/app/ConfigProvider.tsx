/** @module Deployment settings the screens need before login: the classification banner. */
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { z } from 'zod';
import { clientConfigSchema } from '../../../shared/schemas/api.js';
import { request } from '../lib/request.js';

export interface Classification {
  text: string;
  colour: string;
}

export const DEFAULT_CLASSIFICATION: Classification = { text: 'UNCLASSIFIED // DEMO', colour: '#007a33' };

/** Only colours we can safely put into a style attribute: hex, or a plain CSS colour name. */
const colourSchema = z.string().regex(/^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,20})$/);

const bannerSchema = z.object({ text: z.string().min(1).max(200), colour: colourSchema });

const ConfigContext = createContext<Classification>(DEFAULT_CLASSIFICATION);

export function ConfigProvider({ children }: { children: ReactNode }) {
  const [classification, setClassification] = useState(DEFAULT_CLASSIFICATION);
  useEffect(() => {
    const abort = new AbortController();
    request('/api/config', clientConfigSchema, { signal: abort.signal, quiet401: true })
      .then((c) => {
        // The colour goes into a style attribute: only plain colours are taken.
        const banner = bannerSchema.safeParse(c.classification);
        if (banner.success) setClassification(banner.data);
      })
      .catch(() => {
        /* no endpoint or not allowed yet: keep the default banner */
      });
    return () => abort.abort();
  }, []);
  return <ConfigContext value={classification}>{children}</ConfigContext>;
}

export function useClassification(): Classification {
  return useContext(ConfigContext);
}
