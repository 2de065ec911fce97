import { useRef, type ReactNode } from 'react';
import { HistoryEditor } from 'slate-history';
import { ReactEditor } from 'slate-react';
import { acceptAttribute, DOCUMENT_EXTENSIONS } from '../../contract/fileKinds';
import type { BlockType, HeadingLevel } from '../../core/model/types';
import { actions } from '../actions/index';
import { useCurrentKind } from '../editor/hooks';
import { moveSection, setBlockKind } from '../editor/plugin';
import { useShell, useWorkbench } from '../workbench/context';
import { SettingsDialog } from './dialogs';
import { importDraft } from './draftCommands';
import { fileToBase64 } from './files';
import { ToolButton } from './ToolButton';

function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="tool-group">
      <div className="tool-row">{children}</div>
      <div className="tool-group-label">{label}</div>
    </div>
  );
}

export function Toolbar() {
  const wb = useWorkbench();
  const { autosaver } = useShell();
  const { editor, draft, openModal } = wb;
  const fileRef = useRef<HTMLInputElement>(null);
  const noDraft = !draft;
  const current = useCurrentKind(editor);

  const kind = (type: BlockType, level?: HeadingLevel) => () => {
    if (!editor.selection) return;
    setBlockKind(editor, type, level);
    ReactEditor.focus(editor);
  };

  return (
    <div className="ribbon">
      <Group label="文件">
        <ToolButton label="保存" title="保存 (Ctrl+S)" testId="save" disabled={noDraft} onRun={() => void autosaver.flush()} />
        <ToolButton label="导入" title="导入 .txt / .docx / .html 为新文稿" testId="import" onRun={() => fileRef.current?.click()} />
        <ToolButton label="设置" title="设置（讲话语速等）" testId="settings" onRun={() => openModal(<SettingsDialog />)} />
        <input
          ref={fileRef}
          type="file"
          accept={acceptAttribute(DOCUMENT_EXTENSIONS)}
          hidden
          data-testid="import-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importDraft(wb, async () => ({ name: f.name, dataBase64: await fileToBase64(f) }));
          }}
        />
      </Group>
      <Group label="编辑">
        <ToolButton label="撤销" title="撤销 (Ctrl+Z)" disabled={noDraft} onRun={() => HistoryEditor.undo(editor)} />
        <ToolButton label="重做" title="重做 (Ctrl+Y)" disabled={noDraft} onRun={() => HistoryEditor.redo(editor)} />
      </Group>
      <Group label="段落样式">
        <ToolButton label="标题" title="文稿标题" testId="kind-title" active={current === 'title'} disabled={noDraft} onRun={kind('title')} />
        <ToolButton label="署名" title="署名和日期，如：孙建国（2009年2月2日）" testId="kind-byline" active={current === 'byline'} disabled={noDraft} onRun={kind('byline')} />
        <ToolButton label="称谓" title="称谓，如：同志们：" testId="kind-salutation" active={current === 'salutation'} disabled={noDraft} onRun={kind('salutation')} />
        <ToolButton label="正文" title="正文 (Ctrl+0)" testId="kind-paragraph" active={current === 'paragraph'} disabled={noDraft} onRun={kind('paragraph')} />
      </Group>
      <Group label="层级标题">
        <ToolButton label="一、" title="一级标题 (Ctrl+1)" testId="kind-h1" active={current === 'heading1'} disabled={noDraft} onRun={kind('heading', 1)} />
        <ToolButton label="（一）" title="二级标题 (Ctrl+2)" testId="kind-h2" active={current === 'heading2'} disabled={noDraft} onRun={kind('heading', 2)} />
        <ToolButton label="1." title="三级标题 (Ctrl+3)" testId="kind-h3" active={current === 'heading3'} disabled={noDraft} onRun={kind('heading', 3)} />
        <ToolButton label="（1）" title="四级标题 (Ctrl+4)" testId="kind-h4" active={current === 'heading4'} disabled={noDraft} onRun={kind('heading', 4)} />
      </Group>
      <Group label="调整结构">
        <ToolButton label="↑ 上移" title="把所在章节上移 (Alt+Shift+↑；Alt+↑ 只移动当前段落)" disabled={noDraft} onRun={() => moveSection(editor, -1)} />
        <ToolButton label="↓ 下移" title="把所在章节下移 (Alt+Shift+↓；Alt+↓ 只移动当前段落)" disabled={noDraft} onRun={() => moveSection(editor, 1)} />
      </Group>
      {actions.length > 0 && (
        <Group label="工具">
          {actions.map((a) =>
            a.component ? <a.component key={a.id} /> : <ToolButton key={a.id} label={a.label} title={a.title} onRun={() => void a.run(wb)} />,
          )}
        </Group>
      )}
    </div>
  );
}
