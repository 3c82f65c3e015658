/** @module A titled panel; when `live` is false its content is greyed out and marked as not live. */
import { type ReactNode, useId } from 'react';
import { t } from '../i18n/index.js';

export interface PanelProps {
  title: string;
  /** Right-hand side of the title bar (controls, captions). */
  actions?: ReactNode;
  /** False greys the content out and overlays `notLiveText`. Omit for panels that are not live data. */
  live?: boolean;
  notLiveText?: string;
  className?: string;
  children: ReactNode;
}

export function Panel({ title, actions, live, notLiveText, className, children }: PanelProps) {
  const stale = live === false;
  const id = `panel-${useId().replaceAll(':', '')}`;
  return (
    <section className={`panel ${stale ? 'panel--stale' : ''} ${className ?? ''}`} aria-labelledby={id}>
      <header className="panel__head">
        <h2 id={id} className="panel__title">
          {title}
        </h2>
        {stale ? <div className="panel__notlive">{notLiveText ?? t('overview.notLive')}</div> : null}
        {actions ? <div className="panel__actions">{actions}</div> : null}
      </header>
      <div className="panel__body">
        <div className="panel__content">{children}</div>
      </div>
    </section>
  );
}
