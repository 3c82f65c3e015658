/** @module Browser entry: providers around the app shell. */
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AlertingProvider } from './app/AlertingProvider.js';
import { App } from './app/App.js';
import { AuthProvider } from './app/AuthProvider.js';
import { ConfigProvider } from './app/ConfigProvider.js';
import { LiveProvider } from './app/LiveProvider.js';
import { LocaleSync } from './app/LocaleSync.js';
import './i18n/index.js';
import { createQueryClient } from './lib/query.js';
import './styles/base.css';
import './styles/views.css';
import './styles/screens.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <ConfigProvider>
        <AuthProvider>
          <LocaleSync />
          <AlertingProvider>
            <LiveProvider>
              <App />
            </LiveProvider>
          </AlertingProvider>
        </AuthProvider>
      </ConfigProvider>
    </QueryClientProvider>
  </StrictMode>,
);
