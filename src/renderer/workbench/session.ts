// The open-draft session: which draft is in the editor, loading and closing it, saving (autosave, Ctrl+S)
// and `ensureSaved` — the one "save what is typed, or refuse" that every command working on the saved draft
// (保存版本, 导出, 复制, rename, delete, switching drafts or workspaces, closing the window) goes through.
// Also publishes the document for panels shortly after edits settle (never during an IME composition).
import { ReactEditor } from 'slate-react';
import type { Api } from '../../contract/index';
import type { Draft, DraftMeta } from '../../contract/drafts';
import type { Block, SpeechDoc } from '../../core/model/types';
import { Autosaver } from '../editor/autosave';
import { blocksToValue, createSpeechEditor, resetEditor } from '../editor/plugin';
import type { SpeechEditor } from '../editor/types';

export interface SessionState {
  /** The open draft's metadata (revision and charCount as of the last save), or null. */
  draft: DraftMeta | null;
  /** Changes whenever a different draft (or a fresh copy of it) is loaded into the editor. */
  loadKey: number;
  initialValue: Block[];
  /** The current document, refreshed `docRefreshMs` after edits settle. */
  doc: SpeechDoc;
  /** Increments whenever `doc` changes. */
  docVersion: number;
}

export interface SessionOptions {
  /** After each save of the open draft. */
  onSaved?(meta: DraftMeta): void;
  /** A draft was loaded into the editor or the editor was emptied. */
  onLoaded?(): void;
  saveDelayMs?: number;
  docRefreshMs?: number;
}

export class DraftSession {
  readonly autosaver: Autosaver;
  private state: SessionState = { draft: null, loadKey: 0, initialValue: [], doc: { blocks: [] }, docVersion: 0 };
  private listeners = new Set<() => void>();
  private publishTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly docRefreshMs: number;

  constructor(
    private readonly api: Api,
    private readonly opts: SessionOptions = {},
    readonly editor: SpeechEditor = createSpeechEditor(),
  ) {
    this.docRefreshMs = opts.docRefreshMs ?? 250;
    this.autosaver = new Autosaver(api, () => ({ blocks: editor.children as Block[] }), opts.saveDelayMs ?? 1000, (meta) => {
      if (this.state.draft?.id === meta.id) this.update({ draft: meta });
      opts.onSaved?.(meta);
    });
    editor.changeListeners.add(this.onChange);
  }

  getState = (): SessionState => this.state;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  /** True while an IME composition is in progress: don't touch the editor then. */
  isComposing = (): boolean => this.editor.composing || ReactEditor.isComposing(this.editor);

  /** Save what is typed now (Ctrl+S, 保存); `force` retries after an error or overwrites after a conflict. */
  save = (opts: { force?: boolean } = {}): Promise<void> => this.autosaver.flush(opts);

  /** Save what is typed, or refuse (ApiError 'conflict') if it could not be saved. */
  ensureSaved = (): Promise<void> => this.autosaver.ensureSaved();

  /** Open draft `id` in the editor, after saving the current one (refused if that fails). */
  open = async (id: string): Promise<void> => {
    await this.ensureSaved();
    this.load(await this.api['drafts.get']({ id }));
  };

  /** Put `d` into the editor (discarding what is there: callers save first). */
  load(d: Draft): void {
    const value = blocksToValue(d.doc.blocks) as Block[];
    resetEditor(this.editor, value);
    this.autosaver.attach(d.id, d.revision);
    const { doc: _doc, ...meta } = d;
    this.cancelPublish();
    this.update({ draft: meta, initialValue: value, doc: { blocks: value }, docVersion: this.state.docVersion + 1, loadKey: this.state.loadKey + 1 });
    this.opts.onLoaded?.();
  }

  /** Empty the editor (the draft was deleted, the workspace changed). */
  close = (): void => {
    this.autosaver.attach(null, 0);
    resetEditor(this.editor, []);
    this.cancelPublish();
    this.update({ draft: null, initialValue: [], doc: { blocks: [] }, docVersion: this.state.docVersion + 1, loadKey: this.state.loadKey + 1 });
    this.opts.onLoaded?.();
  };

  dispose(): void {
    this.editor.changeListeners.delete(this.onChange);
    this.cancelPublish();
    this.autosaver.dispose();
    this.listeners.clear();
  }

  private onChange = (_structural: boolean, content: boolean): void => {
    if (!content) return;
    this.autosaver.markDirty();
    this.cancelPublish();
    this.publishTimer = setTimeout(this.publish, this.docRefreshMs);
  };

  private publish = (): void => {
    this.publishTimer = null;
    if (this.isComposing()) {
      this.publishTimer = setTimeout(this.publish, this.docRefreshMs);
      return;
    }
    this.update({ doc: { blocks: this.editor.children as Block[] }, docVersion: this.state.docVersion + 1 });
  };

  private cancelPublish(): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
  }

  private update(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }
}
