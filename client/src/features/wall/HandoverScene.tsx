/**
 * @module The wall's handover detail: the shift summary and the "watch for" items leads chose to show on the wall,
 * in the wall's type. Each is cut to a few lines (the whole text is on `/handover`); as many items as fit the panel
 * (at most `ITEMS`) are shown, the others counted, so the panel never overflows whatever the screen and the strip.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { useLiveSelector } from '../../hooks/useLive.js';
import { t } from '../../i18n/index.js';
import { formatClockShort } from '../../lib/format.js';

/** Watch-for items shown at once; the rest are counted. */
const ITEMS = 4;

const TEXT = {
  get title() {
    return t('wallHandover.title');
  },
  get summary() {
    return t('wallHandover.summary');
  },
  get watchFor() {
    return t('wallHandover.watchFor');
  },
  by: (author: string | null, at: number | null) =>
    [author, at !== null ? `${formatClockShort(at)}Z` : null].filter(Boolean).join(' · '),
  more: (n: number) => t('wallHandover.more', { n }),
};

export function HandoverScene() {
  const handover = useLiveSelector((s) => s.handover);
  const box = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState({ of: handover, items: ITEMS });
  // new notes start again from the most; then one item fewer while the panel overflows
  if (fit.of !== handover) setFit({ of: handover, items: ITEMS });
  useLayoutEffect(() => {
    const el = box.current;
    if (el && el.scrollHeight > el.clientHeight + 1 && fit.items > 0)
      setFit((f) => ({ ...f, items: f.items - 1 }));
  });
  if (!handover) return <div className="scene scene--handover" />;
  const items = handover.items.slice(0, fit.items);
  const more = handover.items.length - items.length;
  // a long summary leaves room for fewer lines of items
  const lines = handover.summary ? 2 : 3;
  return (
    <div className="scene scene--handover" data-testid="wall-handover">
      <h1 className="board__title">{TEXT.title}</h1>
      <div className="whand" ref={box}>
        {handover.summary ? (
          <section className="whand__block">
            <div className="whand__label">
              {TEXT.summary}
              <span className="whand__by"> · {TEXT.by(handover.summary.author, handover.summary.at)}</span>
            </div>
            <p className="whand__text whand__text--summary" data-testid="wall-handover-summary">
              {handover.summary.text}
            </p>
          </section>
        ) : null}
        {items.length > 0 ? (
          <section className="whand__block">
            <div className="whand__label">{TEXT.watchFor}</div>
            <ul className="whand__items">
              {items.map((i) => (
                <li
                  key={i.id}
                  className="whand__text"
                  style={{ WebkitLineClamp: lines }}
                  data-testid="wall-handover-item"
                >
                  {i.text}
                </li>
              ))}
            </ul>
            {more > 0 ? <div className="whand__by">{TEXT.more(more)}</div> : null}
          </section>
        ) : null}
      </div>
    </div>
  );
}
