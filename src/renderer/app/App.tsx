import { useEffect, useRef, useState } from 'react';
import { panels } from '../panels/index';
import { SpeechEditorView } from '../editor/SpeechEditorView';
import { FindBar } from '../find/FindBar';
import { useShell, useWorkbench, WorkbenchProvider } from '../workbench/context';
import { DraftList } from './DraftList';
import { newDraft } from './draftCommands';
import { ModalHost, Notices } from './ModalHost';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import type { Api } from '../../contract/index';
import { ApiError } from '../../contract/define';

function EditorPane() {
  const wb = useWorkbench();
  const { editor, draft, openDraft, api, refreshDrafts, notify } = wb;
  const shell = useShell();
  const { autosaver, loadKey, initialValue, decorationsVersion, decorationsFor, composingChanged, saveStatus } = shell;

  if (!draft) {
    return (
      <main className="editor-pane">
        <div className="editor-empty">
          <div className="editor-empty-title">讲稿助手</div>
          <p>从左侧选择一篇文稿，或新建一篇开始起草。</p>
          <button className="btn btn-primary" onClick={() => void newDraft(wb)}>
            ＋ 新建文稿
          </button>
        </div>
      </main>
    );
  }
  return (
    <main className="editor-pane">
      {saveStatus.state === 'conflict' && (
        <div className="banner banner-error">
          <span>{saveStatus.message ?? '文稿已在别处修改。'}</span>
          <button
            className="btn btn-sm"
            title="磁盘上另一处保存的内容先另存为副本，再保存本窗口的内容"
            onClick={async () => {
              try {
                // Nothing already saved is lost: keep the other copy as a duplicate first.
                const copy = await api['drafts.duplicate']({ id: draft.id });
                await autosaver.flush({ force: true });
                await refreshDrafts();
                notify(`已保存本窗口的内容；另一处保存的内容已另存为「${copy.name}」`, 'success');
              } catch (err) {
                notify(ApiError.from(err).message, 'error');
              }
            }}
          >
            保存本窗口内容（另一份存为副本）
          </button>
          <button
            className="btn btn-sm"
            onClick={() => {
              autosaver.attach(null, 0);
              void openDraft(draft.id);
            }}
          >
            放弃本次修改，重新载入
          </button>
        </div>
      )}
      <FindBar />
      <div className="page-scroll" id="page-scroll">
        <div className="page">
          <SpeechEditorView
            editor={editor}
            loadKey={loadKey}
            initialValue={initialValue}
            decorationsVersion={decorationsVersion}
            decorationsFor={decorationsFor}
            composingChanged={composingChanged}
          />
        </div>
      </div>
    </main>
  );
}

function SidePanels() {
  const [active, setActive] = useState(panels[0]?.id);
  const current = panels.find((p) => p.id === active) ?? panels[0];
  if (!current) return null;
  const C = current.component;
  return (
    <aside className="sidepanel">
      <div className="tabs" role="tablist">
        {panels.map((p) => (
          <button key={p.id} role="tab" aria-selected={p.id === current.id} className={`tab${p.id === current.id ? ' active' : ''}`} onClick={() => setActive(p.id)}>
            {p.title}
          </button>
        ))}
      </div>
      <div className="panel-body">
        <C />
      </div>
    </aside>
  );
}

/** Opens the most recently edited draft once, when the list first arrives. */
function AutoOpen() {
  const { drafts } = useShell();
  const { openDraft, draft } = useWorkbench();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || drafts === null) return;
    done.current = true;
    const first = drafts.find((d) => d.status === 'ok');
    if (first && !draft) void openDraft(first.id);
  }, [drafts, openDraft, draft]);
  return null;
}

function Header() {
  const { draft } = useWorkbench();
  return (
    <header className="titlebar">
      <span className="app-name">讲稿助手</span>
      <span className="app-sub">SpeechDraft</span>
      {draft && <span className="doc-name">— {draft.name}</span>}
    </header>
  );
}

export function App({ api }: { api?: Api }) {
  return (
    <WorkbenchProvider api={api}>
      <div className="app">
        <Header />
        <Toolbar />
        <div className="workspace">
          <DraftList />
          <EditorPane />
          <SidePanels />
        </div>
        <StatusBar />
      </div>
      <ModalHost />
      <Notices />
      <AutoOpen />
    </WorkbenchProvider>
  );
}
