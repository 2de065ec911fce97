// The workbench: the one object every panel, action and view of the renderer works through.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Transforms } from 'slate';
import { ReactEditor } from 'slate-react';
import { ApiError } from '../../contract/define';
import type { Api } from '../../contract/index';
import { DEFAULT_SETTINGS, type Draft, type DraftListEntry, type DraftMeta, type Settings } from '../../contract/drafts';
import type { Block, SpeechDoc } from '../../core/model/types';
import { createApi } from '../api/client';
import { Autosaver, type SaveStatus } from '../editor/autosave';
import { blocksOf, blocksToValue, createSpeechEditor, currentBlock, pointInBlock, resetEditor } from '../editor/plugin';
import type { SpeechEditor } from '../editor/types';

export interface DecorationRange {
  blockIndex: number;
  /** Offsets into the block's text (generated numbers excluded). */
  start: number;
  end: number;
  className: string;
  title?: string;
}

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

/**
 * Change notifications between panels, actions and dialogs: what happened, with its detail. Add a key here
 * for a new kind of change.
 */
export interface WorkbenchEvents {
  /** Versions of a draft were added (保存版本, the automatic version before an export or a restore). */
  'versions-changed': { draftId: string };
}

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
  jumpTo(blockIndex: number, offset?: number, length?: number): void;
  /** Insert blocks after the block holding the caret (or at the end). */
  insertBlocks(blocks: Block[]): void;
  /** Replace the decorations of `owner` (e.g. 'reuse'); frozen while composing, applied afterwards. */
  setDecorations(owner: string, ranges: DecorationRange[]): void;
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
  /** Changes whenever a different draft (or a fresh copy of it) is loaded into the editor. */
  loadKey: number;
  initialValue: Block[];
  modal: ReactNode | null;
  notices: { id: number; message: string; kind: NoticeKind }[];
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

/** How long after the last edit `doc`/`docVersion` are refreshed for panels. */
const DOC_REFRESH_MS = 250;

export function WorkbenchProvider({ children, api: apiProp }: { children: ReactNode; api?: Api }) {
  const api = useMemo(() => apiProp ?? createApi(), [apiProp]);
  const [editor] = useState(() => createSpeechEditor());
  const [draft, setDraft] = useState<DraftMeta | null>(null);
  const [doc, setDoc] = useState<SpeechDoc>({ blocks: [] });
  const [docVersion, setDocVersion] = useState(0);
  const [drafts, setDrafts] = useState<DraftListEntry[] | null>(null);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loadKey, setLoadKey] = useState(0);
  const [initialValue, setInitialValue] = useState<Block[]>([]);
  const [modal, setModal] = useState<ReactNode | null>(null);
  const [notices, setNotices] = useState<Shell['notices']>([]);
  const [decorationsVersion, setDecorationsVersion] = useState(0);
  const noticeSeq = useRef(0);
  const decorations = useRef(new Map<string, DecorationRange[]>());
  const decoByBlock = useRef(new Map<number, DecorationRange[]>());
  const decoPending = useRef(false);

  const [autosaver] = useState(
    () =>
      new Autosaver(api, () => ({ blocks: editor.children as Block[] }), 1000, (meta) => {
        setDraft((d) => (d && d.id === meta.id ? meta : d));
        setDrafts((list) => list && list.map((e) => (e.status === 'ok' && e.id === meta.id ? { status: 'ok', ...meta } : e)));
      }),
  );
  const [saveStatus, setSaveStatus] = useState<SaveStatus>(autosaver.getStatus());
  useEffect(() => autosaver.subscribe(setSaveStatus), [autosaver]);

  const notify = useCallback((message: string, kind: NoticeKind = 'info') => {
    const id = ++noticeSeq.current;
    setNotices((n) => [...n.slice(-3), { id, message, kind }]);
    setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), kind === 'error' ? 8000 : 4000);
  }, []);

  const refreshDrafts = useCallback(async () => {
    try {
      setDrafts(await api['drafts.list']({}));
    } catch (err) {
      notify(ApiError.from(err).message, 'error');
    }
  }, [api, notify]);

  const isComposing = useCallback(() => editor.composing || ReactEditor.isComposing(editor), [editor]);

  // Doc refresh for panels: trailing, after edits settle; content changes also mark the draft dirty.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      timer = null;
      if (isComposing()) {
        timer = setTimeout(publish, DOC_REFRESH_MS);
        return;
      }
      setDoc({ blocks: editor.children as Block[] });
      setDocVersion((v) => v + 1);
    };
    const listener = (_structural: boolean, content: boolean) => {
      if (!content) return;
      autosaver.markDirty();
      if (timer) clearTimeout(timer);
      timer = setTimeout(publish, DOC_REFRESH_MS);
    };
    editor.changeListeners.add(listener);
    return () => {
      editor.changeListeners.delete(listener);
      if (timer) clearTimeout(timer);
    };
  }, [editor, autosaver, isComposing]);

  const loadIntoEditor = useCallback(
    (d: Draft) => {
      const value = blocksToValue(d.doc.blocks) as Block[];
      resetEditor(editor, value);
      autosaver.attach(d.id, d.revision);
      const { doc: _doc, ...meta } = d;
      setDraft(meta);
      setInitialValue(value);
      setDoc({ blocks: value });
      setDocVersion((v) => v + 1);
      setLoadKey((k) => k + 1);
      decorations.current.clear();
      decoByBlock.current.clear();
      setDecorationsVersion((v) => v + 1);
    },
    [editor, autosaver],
  );

  const openDraft = useCallback(
    async (id: string) => {
      await autosaver.flush();
      if (autosaver.isDirty() && autosaver.getStatus().state !== 'saved') {
        notify('当前文稿尚未保存成功，请先处理保存问题再切换。', 'error');
        return;
      }
      try {
        loadIntoEditor(await api['drafts.get']({ id }));
      } catch (err) {
        notify(ApiError.from(err).message, 'error');
      }
    },
    [api, autosaver, loadIntoEditor, notify],
  );

  const closeDraft = useCallback(() => {
    autosaver.attach(null, 0);
    setDraft(null);
    resetEditor(editor, []);
    setInitialValue([]);
    setDoc({ blocks: [] });
    setDocVersion((v) => v + 1);
    setLoadKey((k) => k + 1);
  }, [autosaver, editor]);

  const jumpTo = useCallback(
    (blockIndex: number, offset = 0, length = 0) => {
      const block = blocksOf(editor)[blockIndex];
      if (!block) return;
      const point = (off: number) => pointInBlock(block, blockIndex, off);
      try {
        const dom = ReactEditor.toDOMNode(editor, block);
        dom.scrollIntoView({ block: 'center' });
      } catch {
        // Not rendered (yet): selecting still moves Slate's selection.
      }
      ReactEditor.focus(editor);
      Transforms.select(editor, { anchor: point(offset), focus: point(offset + length) });
    },
    [editor],
  );

  const insertBlocks = useCallback(
    (blocks: Block[]) => {
      if (!blocks.length) return;
      const cur = currentBlock(editor);
      const at = cur ? cur[1][0] + 1 : editor.children.length;
      Transforms.insertNodes(editor, blocksToValue(blocks), { at: [at] });
    },
    [editor],
  );

  const rebuildDecoIndex = useCallback(() => {
    const byBlock = new Map<number, DecorationRange[]>();
    for (const ranges of decorations.current.values()) {
      for (const r of ranges) {
        let arr = byBlock.get(r.blockIndex);
        if (!arr) byBlock.set(r.blockIndex, (arr = []));
        arr.push(r);
      }
    }
    decoByBlock.current = byBlock;
    setDecorationsVersion((v) => v + 1);
  }, []);

  const setDecorations = useCallback(
    (owner: string, ranges: DecorationRange[]) => {
      if (ranges.length === 0) decorations.current.delete(owner);
      else decorations.current.set(owner, ranges);
      if (isComposing()) decoPending.current = true;
      else rebuildDecoIndex();
    },
    [isComposing, rebuildDecoIndex],
  );

  const composingChanged = useCallback(
    (composing: boolean) => {
      if (!composing && decoPending.current) {
        decoPending.current = false;
        rebuildDecoIndex();
      }
    },
    [rebuildDecoIndex],
  );

  const decorationsFor = useCallback((blockIndex: number) => decoByBlock.current.get(blockIndex) ?? [], []);

  const listeners = useRef(new Map<keyof WorkbenchEvents, Set<(detail: never) => void>>());
  const on = useCallback(<K extends keyof WorkbenchEvents>(event: K, listener: (detail: WorkbenchEvents[K]) => void) => {
    let set = listeners.current.get(event);
    if (!set) listeners.current.set(event, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }, []);
  const emit = useCallback(<K extends keyof WorkbenchEvents>(event: K, detail: WorkbenchEvents[K]) => {
    for (const l of [...(listeners.current.get(event) ?? [])]) (l as (d: WorkbenchEvents[K]) => void)(detail);
  }, []);

  const openModal = useCallback((node: ReactNode) => setModal(node), []);
  const closeModal = useCallback(() => setModal(null), []);

  // Drafts may change outside the window (the CLI, another window): refresh the list when it regains focus.
  useEffect(() => {
    const onFocus = () => void refreshDrafts();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refreshDrafts]);

  useEffect(() => {
    void refreshDrafts();
    api['settings.get']({})
      .then(setSettings)
      .catch((err) => notify(ApiError.from(err).message, 'error'));
  }, [api, refreshDrafts, notify]);

  // Warn before leaving with unsaved text (and try to save).
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (autosaver.isDirty()) {
        void autosaver.flush();
        // In a browser this asks the writer to stay; Electron would cancel the close silently, so not there.
        if (!window.speechdraft) e.preventDefault();
      }
    };
    // Ctrl+S anywhere in the window saves at once (and never opens the browser's "save page").
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        void autosaver.flush();
      }
    };
    // Leaving the window (another app, minimised, a closing tab): save at once rather than after the debounce.
    const onHide = () => {
      if (document.visibilityState === 'hidden' && autosaver.isDirty()) void autosaver.flush();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [autosaver]);

  const wb = useMemo<Workbench>(
    () => ({
      api,
      draft,
      doc,
      docVersion,
      editor,
      isComposing,
      jumpTo,
      insertBlocks,
      setDecorations,
      openDraft,
      refreshDrafts,
      notify,
      openModal,
      closeModal,
      settings,
      emit,
      on,
    }),
    [api, draft, doc, docVersion, editor, isComposing, jumpTo, insertBlocks, setDecorations, openDraft, refreshDrafts, notify, openModal, closeModal, settings, emit, on],
  );

  const shell = useMemo<Shell>(
    () => ({
      drafts,
      saveStatus,
      autosaver,
      loadKey,
      initialValue,
      modal,
      notices,
      dismissNotice: (id) => setNotices((n) => n.filter((x) => x.id !== id)),
      setSettings,
      closeDraft,
      decorationsVersion,
      decorationsFor,
      composingChanged,
    }),
    [drafts, saveStatus, autosaver, loadKey, initialValue, modal, notices, closeDraft, decorationsVersion, decorationsFor, composingChanged],
  );

  return (
    <WorkbenchContext.Provider value={wb}>
      <ShellContext.Provider value={shell}>{children}</ShellContext.Provider>
    </WorkbenchContext.Provider>
  );
}

