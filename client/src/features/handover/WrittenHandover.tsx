/**
 * @module The written part of the handover: what the previous shift handed over (its summary and what to watch
 * for), this shift's summary as leads write it, and the open "watch for" items, each with a "show on the wall"
 * choice. Leads write; everyone reads. On paper the text prints in full and the controls do not. Text written here
 * is shown as text only.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import type { HandedOver, HandoverDraft, WatchItem } from '../../../../shared/schemas/handover.js';
import { HANDOVER_LIMITS } from '../../../../shared/schemas/handover.js';
import { useMe } from '../../hooks/useMe.js';
import { t } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import type { WrittenHandover as Data } from './useWrittenHandover.js';

const k = (key: string) => t(`written.${key}`);
const TEXT = {
  get previousTitle() {
    return k('previousTitle');
  },
  get noPrevious() {
    return k('noPrevious');
  },
  handedOver: (by: string, at: string) => t('written.handedOver', { by, at }),
  writtenBy: (by: string, at: string) => t('written.writtenBy', { by, at }),
  get noSummary() {
    return k('noSummary');
  },
  get previousItems() {
    return k('previousItems');
  },
  get noItems() {
    return k('noItems');
  },
  get summaryTitle() {
    return k('summaryTitle');
  },
  get summaryLabel() {
    return k('summaryLabel');
  },
  get summaryPlaceholder() {
    return k('summaryPlaceholder');
  },
  get noSummaryYet() {
    return k('noSummaryYet');
  },
  lastSaved: (by: string, at: string) => t('written.lastSaved', { by, at }),
  overtaken: (by: string, at: string) => t('written.overtaken', { by, at }),
  overtakenByYou: (at: string) => t('written.overtakenByYou', { at }),
  get handedOverWhile() {
    return k('handedOverWhile');
  },
  get saveOver() {
    return k('saveOver');
  },
  get takeTheirs() {
    return k('takeTheirs');
  },
  get unsaved() {
    return k('unsaved');
  },
  get showOnWall() {
    return k('showOnWall');
  },
  get onWall() {
    return k('onWall');
  },
  get save() {
    return k('save');
  },
  get handOver() {
    return k('handOver');
  },
  get confirmHandOver() {
    return k('confirmHandOver');
  },
  get cancel() {
    return k('cancel');
  },
  get handOverHint() {
    return k('handOverHint');
  },
  get saveFirst() {
    return k('saveFirst');
  },
  watchTitle: (n: number) => t('written.watchTitle', { n }),
  get newItemLabel() {
    return k('newItemLabel');
  },
  get newItemPlaceholder() {
    return k('newItemPlaceholder');
  },
  get add() {
    return k('add');
  },
  get close() {
    return k('close');
  },
  closeLabel: (text: string) => t('written.closeLabel', { text: text.slice(0, 60) }),
  wallLabel: (text: string) => t('written.wallLabel', { text: text.slice(0, 60) }),
  by: (author: string, at: string) => t('written.by', { author, at }),
};

/** "2024-03-05 13:04 UTC". */
const stamp = (t: number) => `${formatDateTime(t).slice(0, 16)} UTC`;

export function PreviousShift({ previous }: { previous: HandedOver | null }) {
  return (
    <section className="hsection written" aria-labelledby="h-previous" data-testid="previous-shift">
      <h2 id="h-previous" className="hsection__title">
        {TEXT.previousTitle}
      </h2>
      {previous ? (
        <>
          <p className="muted">
            {TEXT.handedOver(previous.handedOverBy, stamp(previous.handedOverAt))}
            {previous.writtenBy && previous.writtenAt
              ? ` · ${TEXT.writtenBy(previous.writtenBy, stamp(previous.writtenAt))}`
              : ''}
            {previous.onWall && previous.summary ? <span className="tag">{TEXT.onWall}</span> : null}
          </p>
          {previous.summary ? (
            <p className="written__text" data-testid="previous-summary">
              {previous.summary}
            </p>
          ) : (
            <p className="empty">{TEXT.noSummary}</p>
          )}
          <h3 className="written__subtitle">{TEXT.previousItems}</h3>
          <ItemList items={previous.items} />
        </>
      ) : (
        <p className="empty">{TEXT.noPrevious}</p>
      )}
    </section>
  );
}

export function ShiftSummary({ handover, canWrite }: { handover: Data; canWrite: boolean }) {
  const draft = handover.data?.draft ?? null;
  if (!draft) return null;
  return <SummaryEditor draft={draft} handover={handover} canWrite={canWrite} />;
}

function SummaryEditor({
  draft,
  handover,
  canWrite,
}: {
  draft: HandoverDraft;
  handover: Data;
  canWrite: boolean;
}) {
  // the version the lead's text was written over: a save names it, so that another lead's newer save is not
  // overwritten unawares (the server refuses it, 409)
  const [base, setBase] = useState(draft);
  const [text, setText] = useState(draft.summary);
  const [onWall, setOnWall] = useState(draft.onWall);
  const [confirming, setConfirming] = useState(false);
  const me = useMe().username;
  const dirty = text.trim() !== base.summary || onWall !== base.onWall;
  const holds = text.trim() === draft.summary && onWall === draft.onWall;
  /** The editor takes the stored version, text and all. */
  const takeTheirs = () => {
    setBase(draft);
    setText(draft.summary);
    setOnWall(draft.onWall);
  };
  if (draft.version !== base.version && (!dirty || holds)) {
    // a newer version with nothing of ours unsaved (or our own save come back)
    takeTheirs();
  } else if (draft.version !== base.version && handover.savedHere(draft.version)) {
    // our own save come back while we went on writing: what we wrote since stays, unsaved
    setBase(draft);
  }
  // another lead (or this one in another window) saved, or handed the shift over, while this one was writing: her
  // text is kept until she chooses
  const overtaken = draft.version !== base.version && dirty && !holds && !handover.savedHere(draft.version);
  const handedOver = overtaken && !draft.updatedBy;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    await handover.saveSummary(text.trim(), onWall, overtaken ? draft.version : base.version);
  };
  const handOver = async () => {
    setConfirming(false);
    await handover.handOver();
  };

  return (
    <section className="hsection written" aria-labelledby="h-this-shift" data-testid="shift-summary">
      <h2 id="h-this-shift" className="hsection__title">
        {TEXT.summaryTitle}
        {draft.onWall && draft.summary ? <span className="tag">{TEXT.onWall}</span> : null}
      </h2>
      {draft.updatedBy && draft.updatedAt ? (
        <p className="muted">{TEXT.lastSaved(draft.updatedBy, stamp(draft.updatedAt))}</p>
      ) : null}
      {/* on paper and for those who read only: the text as saved */}
      <p className={`written__text ${canWrite ? 'printonly written__print' : ''}`}>
        {draft.summary || TEXT.noSummaryYet}
      </p>
      {canWrite ? (
        <form className="written__form noprint" onSubmit={save}>
          {overtaken ? (
            <p className="written__overtaken" role="alert" data-testid="summary-overtaken">
              {handedOver
                ? TEXT.handedOverWhile
                : draft.updatedBy === me
                  ? TEXT.overtakenByYou(stamp(draft.updatedAt ?? 0))
                  : TEXT.overtaken(draft.updatedBy ?? '', stamp(draft.updatedAt ?? 0))}
            </p>
          ) : null}
          <label className="visually-hidden" htmlFor="shift-summary">
            {TEXT.summaryLabel}
          </label>
          <textarea
            id="shift-summary"
            className="field__input written__summary"
            rows={5}
            maxLength={HANDOVER_LIMITS.summary}
            value={text}
            placeholder={TEXT.summaryPlaceholder}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="written__row">
            <label className="check">
              <input type="checkbox" checked={onWall} onChange={(e) => setOnWall(e.target.checked)} />
              {TEXT.showOnWall}
            </label>
            <button type="submit" className="btn btn--primary" disabled={handover.busy || !dirty}>
              {overtaken && !handedOver ? TEXT.saveOver : TEXT.save}
            </button>
            {overtaken ? (
              <button type="button" className="btn" onClick={takeTheirs} disabled={handover.busy}>
                {TEXT.takeTheirs}
              </button>
            ) : null}
            {dirty && !overtaken ? <span className="muted">{TEXT.unsaved}</span> : null}
            <span className="written__spacer" />
            {confirming ? (
              <>
                <button
                  type="button"
                  className="btn btn--primary"
                  onClick={handOver}
                  disabled={handover.busy}
                >
                  {TEXT.confirmHandOver}
                </button>
                <button type="button" className="btn" onClick={() => setConfirming(false)}>
                  {TEXT.cancel}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="btn"
                onClick={() => setConfirming(true)}
                disabled={handover.busy || dirty}
                title={dirty ? TEXT.saveFirst : TEXT.handOverHint}
              >
                {TEXT.handOver}
              </button>
            )}
          </div>
          {confirming ? <p className="muted">{TEXT.handOverHint}</p> : null}
        </form>
      ) : null}
    </section>
  );
}

export function WatchFor({ handover, canWrite }: { handover: Data; canWrite: boolean }) {
  const items = handover.data?.items ?? [];
  const [text, setText] = useState('');
  const [onWall, setOnWall] = useState(false);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    if (await handover.addItem(text.trim(), onWall)) {
      setText('');
      setOnWall(false);
    }
  };
  return (
    <section className="hsection written" aria-labelledby="h-watch" data-testid="watch-for">
      <h2 id="h-watch" className="hsection__title">
        {TEXT.watchTitle(items.length)}
      </h2>
      <ItemList
        items={items}
        controls={
          canWrite
            ? (item) => <ItemControls key={`${item.id}:${item.onWall}`} item={item} handover={handover} />
            : undefined
        }
      />
      {canWrite ? (
        <form className="written__row noprint" onSubmit={add}>
          <label className="visually-hidden" htmlFor="watch-new">
            {TEXT.newItemLabel}
          </label>
          <input
            id="watch-new"
            className="field__input written__new"
            value={text}
            maxLength={HANDOVER_LIMITS.item}
            placeholder={TEXT.newItemPlaceholder}
            onChange={(e) => setText(e.target.value)}
          />
          <label className="check">
            <input type="checkbox" checked={onWall} onChange={(e) => setOnWall(e.target.checked)} />
            {TEXT.showOnWall}
          </label>
          <button type="submit" className="btn" disabled={handover.busy || !text.trim()}>
            {TEXT.add}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** A lead's controls on an open item: on the wall or not (shown at once, then as stored), and done. */
function ItemControls({ item, handover }: { item: WatchItem; handover: Data }) {
  const [onWall, setOnWall] = useState(item.onWall);
  return (
    <span className="written__controls noprint">
      <label className="check">
        <input
          type="checkbox"
          checked={onWall}
          aria-label={TEXT.wallLabel(item.text)}
          disabled={handover.busy}
          onChange={(e) => {
            setOnWall(e.target.checked);
            void handover.setOnWall(item.id, e.target.checked);
          }}
        />
        {TEXT.showOnWall}
      </label>
      <button
        type="button"
        className="btn btn--small"
        aria-label={TEXT.closeLabel(item.text)}
        disabled={handover.busy}
        onClick={() => void handover.closeItem(item.id)}
      >
        {TEXT.close}
      </button>
    </span>
  );
}

function ItemList({
  items,
  controls,
}: {
  items: readonly WatchItem[];
  controls?: (item: WatchItem) => ReactNode;
}) {
  if (items.length === 0) return <p className="empty">{TEXT.noItems}</p>;
  return (
    <ul className="written__items">
      {items.map((item) => (
        <li key={item.id} className="written__item" data-testid="watch-item">
          <span className="written__itemtext">{item.text}</span>
          <span className="muted"> · {TEXT.by(item.author, stamp(item.at))}</span>
          {item.onWall ? <span className="tag">{TEXT.onWall}</span> : null}
          {controls?.(item)}
        </li>
      ))}
    </ul>
  );
}
