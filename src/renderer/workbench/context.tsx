// The workbench: the one object every panel, action and view of the renderer works through. It puts together
// the draft session (session.ts), the decoration registry (decorations.ts), notices, the event bus and the
// window listeners; each is a plain class or function of its own.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ApiError } from '../../contract/define';
import type { Api } from '../../contract/index';
import { DEFAULT_SETTINGS, type DraftListEntry, type DraftMeta, type Settings } from '../../contract/drafts';
import type { Block, SpeechDoc } from '../../core/model/types';
import { createApi } from '../api/client';
import type { Autosaver, SaveStatus } from '../editor/autosave';
import type { SpeechEditor } from '../editor/types';
import { DecorationRegistry, type DecorationRange } from './decorations';
import { insertBlocks, jumpTo } from './editing';
import { EventBus, type WorkbenchEvents } from './events';
import { NoticeStore, type Notice, type NoticeKind } from './notices';
import { DraftSession } from './session';
import { installWindowListeners } from './windowEvents';

export type { DecorationRange } from './decorations';
export type { WorkbenchEvents } from './events';
export type { NoticeKind } from './notices';

export interface Workbench {
  api: Api;
  /** The open draft's metadata (revision and charCount as of the last save), or null. */
  draft: DraftMeta | null;
  /** The current document (updated shortly after edits settle, not on every keystroke). */
  doc: SpeechDoc;
  /** Increments whenever `doc` changes. */
  docVersion: number;
  editor: SpeechEditor;
  /** True while an IME composition is in progress: don't touch the editor then. */
  isComposing(): boolean;
  /** Scroll to a block and select `length` characters from `offset` (caret at offset if no length). */
  jumpTo(blockIndex: number, offset?: number, length?: number, opts?: { focus?: boolean }): void;
  /** Insert blocks after the block holding the caret (or at the end). */
  insertBlocks(blocks: Block[]): void;
  /** Replace the decorations of `owner` (e.g. 'reuse'); frozen while composing, applied afterwards. */
  setDecorations(owner: string, ranges: DecorationRange[]): void;
  /** Every decoration source of the editor (see decorations.ts). */
  decorations: DecorationRegistry;
  /** Save what is typed, or refuse (ApiError 'conflict'): before working on the saved draft. */
  ensureSaved(): Promise<void>;
  openDraft(id: string): Promise<void>;
  refreshDrafts(): Promise<void>;
  notify(message: string, kind?: NoticeKind): void;
  openModal(node: ReactNode): void;
  closeModal(): void;
  settings: Settings;
  /** Tell whoever listens that something changed, e.g. `wb.emit('versions-changed', { draftId })`. */
  emit<K extends keyof WorkbenchEvents>(event: K, detail: WorkbenchEvents[K]): void;
  /** Listen to a change notification; returns the function that stops listening (an effect's cleanup). */
  on<K extends keyof WorkbenchEvents>(event: K, listener: (detail: WorkbenchEvents[K]) => void): () => void;
}

/** Renderer-internal state for the app shell (not part of the extension API). */
export interface Shell {
  drafts: DraftListEntry[] | null;
  saveStatus: SaveStatus;
  autosaver: Autosaver;
  session: DraftSession;
  /** Changes whenever a different draft (or a fresh copy of it) is loaded into the editor. */
  loadKey: number;
  initialValue: Block[];
  modal: ReactNode | null;
  notices: Notice[];
  dismissNotice(id: number): void;
  setSettings(s: Settings): void;
  closeDraft(): void;
  decorationsVersion: number;
  decorationsFor(blockIndex: number): DecorationRange[];
  composingChanged(composing: boolean): void;
}

const WorkbenchContext = createContext<Workbench | null>(null);
const ShellContext = createContext<Shell | null>(null);

export function useWorkbench(): Workbench {
  const wb = useContext(WorkbenchContext);
  if (!wb) throw new Error('useWorkbench outside WorkbenchProvider');
  return wb;
}

export function useShell(): Shell {
  const s = useContext(ShellContext);
  if (!s) throw new Error('useShell outside WorkbenchProvider');
  return s;
}

/** Keep `ranges` as decoration source `source` while the calling component is mounted. */
export function useDecorationSource(source: string, ranges: DecorationRange[]): void {
  const { decorations } = useWorkbench();
  useEffect(() => decorations.set(source, ranges), [decorations, source, ranges]);
  useEffect(() => () => decorations.set(source, []), [decorations, source]);
}

export function WorkbenchProvider({ children, api: apiProp }: { children: ReactNode; api?: Api }) {
  const api = useMemo(() => apiProp ?? createApi(), [apiProp]);
  const [drafts, setDrafts] = useState<DraftListEntry[] | null>(null);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [modal, setModal] = useState<ReactNode | null>(null);
  const [notices] = useState(() => new NoticeStore());
  const [bus] = useState(() => new EventBus());
  const [{ session, decorations }] = useState(() => {
    let registry: DecorationRegistry | null = null;
    const s = new DraftSession(api, {
      onSaved: (meta) => setDrafts((list) => list && list.map((e) => (e.status === 'ok' && e.id === meta.id ? { status: 'ok', ...meta } : e))),
      onLoaded: () => registry?.clear(),
    });
    registry = new DecorationRegistry(s.isComposing);
    const reg = registry;
    s.editor.applyListeners.add((op) => reg.mapThrough(op, s.editor));
    return { session: s, decorations: registry };
  });
  const { editor, autosaver } = session;
  const { draft, doc, docVersion, loadKey, initialValue } = useSyncExternalStore(session.subscribe, session.getState);
  const decorationsVersion = useSyncExternalStore(decorations.subscribe, decorations.getVersion);
  const noticeList = useSyncExternalStore(notices.subscribe, notices.get);
  const saveStatus = useSyncExternalStore(
    useCallback((l: () => void) => autosaver.subscribe(l), [autosaver]),
    useCallback(() => autosaver.getStatus(), [autosaver]),
  );
  const notify = notices.notify;

  const refreshDrafts = useCallback(async () => {
    try {
      setDrafts(await api['drafts.list']({}));
    } catch (err) {
      notify(ApiError.from(err).message, 'error');
    }
  }, [api, notify]);

  const openDraft = useCallback(
    async (id: string) => {
      try {
        await session.ensureSaved();
      } catch {
        notify('当前文稿尚未保存成功，请先处理保存问题再切换。', 'error');
        return;
      }
      try {
        await session.open(id);
      } catch (err) {
        notify(ApiError.from(err).message, 'error');
      }
    },
    [session, notify],
  );

  const jump = useCallback<Workbench['jumpTo']>((blockIndex, offset, length, opts) => jumpTo(editor, blockIndex, offset, length, opts), [editor]);
  const insert = useCallback((blocks: Block[]) => insertBlocks(editor, blocks), [editor]);
  const closeModal = useCallback(() => setModal(null), []);
  const composingChanged = useCallback((composing: boolean) => {
    if (!composing) decorations.composingEnded();
  }, [decorations]);

  useEffect(() => installWindowListeners(session, () => void refreshDrafts()), [session, refreshDrafts]);

  useEffect(() => {
    void refreshDrafts();
    api['settings.get']({})
      .then(setSettings)
      .catch((err) => notify(ApiError.from(err).message, 'error'));
  }, [api, refreshDrafts, notify]);

  const wb = useMemo<Workbench>(
    () => ({
      api,
      draft,
      doc,
      docVersion,
      editor,
      isComposing: session.isComposing,
      jumpTo: jump,
      insertBlocks: insert,
      setDecorations: decorations.set,
      decorations,
      ensureSaved: session.ensureSaved,
      openDraft,
      refreshDrafts,
      notify,
      openModal: setModal,
      closeModal,
      settings,
      emit: bus.emit,
      on: bus.on,
    }),
    [api, draft, doc, docVersion, editor, session, jump, insert, decorations, openDraft, refreshDrafts, notify, closeModal, settings, bus],
  );

  const shell = useMemo<Shell>(
    () => ({
      drafts,
      saveStatus,
      autosaver,
      session,
      loadKey,
      initialValue,
      modal,
      notices: noticeList,
      dismissNotice: notices.dismiss,
      setSettings,
      closeDraft: session.close,
      decorationsVersion,
      decorationsFor: decorations.forBlock,
      composingChanged,
    }),
    [drafts, saveStatus, autosaver, session, loadKey, initialValue, modal, noticeList, notices, decorationsVersion, decorations, composingChanged],
  );

  return (
    <WorkbenchContext.Provider value={wb}>
      <ShellContext.Provider value={shell}>{children}</ShellContext.Provider>
    </WorkbenchContext.Provider>
  );
}
