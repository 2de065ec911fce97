// The 回收站 toolbar button, and (in Electron) the answers to the application menu's commands
// (electron/menu.ts → preload onMenuCommand).
import { createElement, useEffect, useRef, type ReactNode } from 'react';
import { HistoryEditor } from 'slate-history';
import { ApiError } from '../../contract/define';
import { DOCUMENT_FILTER } from '../../contract/fileKinds';
import type { MenuCommand } from '../../contract/menu';
import { SettingsDialog } from '../app/dialogs';
import { deleteDraft, duplicateDraft, importInMain, newDraft, renameDraft } from '../app/draftCommands';
import { Dialog } from '../app/ModalHost';
import { ExportDialog } from '../docx/ExportDialog';
import { findBar } from '../find/store';
import { useShell, useWorkbench, type Workbench } from '../workbench/context';
import { TrashDialog } from './TrashDialog';

const SHORTCUTS: [string, string][] = [
  ['Ctrl+S', '保存'],
  ['Ctrl+Z / Ctrl+Y', '撤销 / 重做'],
  ['Ctrl+F / Ctrl+H', '查找 / 替换（Enter、F3 下一个，Shift+Enter、Shift+F3 上一个，Esc 关闭）'],
  ['Ctrl+1 … Ctrl+4', '一级至四级标题（一、 （一） 1. （1））'],
  ['Ctrl+0', '正文'],
  ['Alt+Shift+↑ / ↓', '上移 / 下移所在章节'],
  ['Ctrl+N', '新建文稿'],
  ['Ctrl+O', '导入文件'],
  ['Ctrl+E', '导出 Word'],
];

function InfoDialog({ title, children }: { title: string; children: ReactNode }) {
  const { closeModal } = useWorkbench();
  return (
    <Dialog
      title={title}
      footer={
        <button className="btn btn-primary" onClick={closeModal} autoFocus>
          确定
        </button>
      }
    >
      {children}
    </Dialog>
  );
}

export function MenuCommands() {
  const wb = useWorkbench();
  const shell = useShell();
  // The latest workbench and shell, read when a command arrives (the subscription is made once).
  const latest = useRef({ wb, shell });
  latest.current = { wb, shell };

  useEffect(() => {
    const off = window.speechdraft?.onMenuCommand?.((cmd) => void run(cmd, latest.current.wb, latest.current.shell));
    return () => off?.();
  }, []);

  return (
    <button className="tool" title="回收站：找回删除的文稿" data-testid="trash" onClick={() => wb.openModal(createElement(TrashDialog))}>
      回收站
    </button>
  );
}

async function run(cmd: MenuCommand, wb: Workbench, shell: ReturnType<typeof useShell>): Promise<void> {
  const { api, draft, notify, openModal, refreshDrafts, editor } = wb;
  const needDraft = () => {
    if (!draft) notify('请先打开一篇文稿');
    return draft;
  };
  try {
    switch (cmd) {
      case 'draft.new':
        return newDraft(wb);
      case 'draft.import':
        // Main shows the dialog, reads the chosen file and imports it: no bytes through the renderer.
        return importInMain(wb, { title: '导入文件', filters: [DOCUMENT_FILTER] });
      case 'draft.save':
        if (needDraft()) await shell.autosaver.flush({ force: shell.autosaver.getStatus().state === 'error' });
        return;
      case 'draft.rename': {
        const d = needDraft();
        if (d) renameDraft(wb, shell, d.id, d.name);
        return;
      }
      case 'draft.duplicate': {
        const d = needDraft();
        if (d) await duplicateDraft(wb, shell, d.id);
        return;
      }
      case 'draft.delete': {
        const d = needDraft();
        if (d) deleteDraft(wb, shell, d.id, d.name);
        return;
      }
      case 'trash.open':
        openModal(createElement(TrashDialog));
        return;
      case 'edit.undo':
        if (draft) HistoryEditor.undo(editor);
        return;
      case 'edit.redo':
        if (draft) HistoryEditor.redo(editor);
        return;
      case 'edit.find':
      case 'edit.replace':
        if (needDraft()) findBar.open(cmd === 'edit.find' ? 'find' : 'replace');
        return;
      case 'settings.open':
        openModal(createElement(SettingsDialog));
        return;
      case 'workspace.choose': {
        // Save what is typed into the current workspace before switching to another one.
        try {
          await wb.ensureSaved();
        } catch {
          notify('当前文稿未能保存，暂不切换工作区。', 'error');
          return;
        }
        await api['desktop.chooseWorkspace']({});
        return;
      }
      case 'workspace.changed': {
        shell.closeDraft();
        await refreshDrafts();
        const info = await api['workspace.info']({});
        notify(`已切换工作区：${info.dir}`, 'success');
        return;
      }
      case 'help.shortcuts':
        openModal(
          <InfoDialog title="快捷键">
            <table>
              <tbody>
                {SHORTCUTS.map(([k, v]) => (
                  <tr key={k}>
                    <td style={{ paddingRight: 16 }}>{k}</td>
                    <td>{v}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </InfoDialog>,
        );
        return;
      case 'help.about':
        openModal(
          <InfoDialog title="关于 SpeechDraft 讲稿助手">
            <p>讲稿助手：领导讲话稿起草、提纲模板、重复使用检测、公文格式 Word 导出。全部离线运行，文稿保存在本机工作区文件夹中。</p>
          </InfoDialog>,
        );
        return;
      case 'app.beforeClose': {
        // Electron holds the window's close until we answer: save what is typed, keep the window if that fails.
        let close = true;
        try {
          await wb.ensureSaved();
        } catch {
          close = false;
          const why = shell.autosaver.getStatus().message;
          notify(`未能保存当前文稿${why ? `（${why}）` : ''}，窗口没有关闭。`, 'error');
        } finally {
          await api['desktop.closeDecision']({ close });
        }
        return;
      }
      case 'draft.export':
        if (draft) openModal(createElement(ExportDialog));
        else notify('请先打开一篇文稿再导出');
        return;
    }
  } catch (err) {
    notify(ApiError.from(err).message, 'error');
  }
}
