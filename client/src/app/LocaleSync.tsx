/**
 * @module Keeps the screens in the signed-in user's language: their setting where they chose one, else the
 * browser's. (The wall chooses its own: `?lang=`, then its display token's, then the browser's.)
 */
import { useEffect } from 'react';
import { applyLocale, browserLocale } from '../i18n/index.js';
import { useAuth } from './AuthProvider.js';

export function LocaleSync() {
  const { auth } = useAuth();
  const chosen = auth.status === 'in' ? auth.me.locale : undefined;
  const onWall = typeof window !== 'undefined' && window.location.pathname.startsWith('/wall');
  useEffect(() => {
    if (!onWall) void applyLocale(chosen ?? browserLocale());
  }, [chosen, onWall]);
  return null;
}
