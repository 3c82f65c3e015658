/** @module Browser entry: providers around the app shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { AuthProvider } from './app/AuthProvider.js';
import { ConfigProvider } from './app/ConfigProvider.js';
import { LiveProvider } from './app/LiveProvider.js';
import './styles/base.css';
import './styles/views.css';
import './styles/screens.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider>
      <AuthProvider>
        <LiveProvider>
          <App />
        </LiveProvider>
      </AuthProvider>
    </ConfigProvider>
  </StrictMode>,
);
