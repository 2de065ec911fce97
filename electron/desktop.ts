// Handlers of the desktop-only contract methods (src/contract/desktop.ts): native dialogs shown by the
// main process. An export is saved from the bytes the services hold (the renderer sends only its id);
// the user chooses the path.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { ApiError } from '../src/contract/define';
import type { Draft, DesktopHandlers, FilePayload } from '../src/contract/index';
import type { RevisionChoice, RevisionCounts } from '../src/contract/drafts';
import { writeFileAtomic } from '../src/services/workspace/atomic';
import type { OutgoingFile } from '../src/services/docx/outbox';
import { readUserFile } from '../src/services/workspace/safeRead';


export interface DesktopDeps {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  window: () => BrowserWindow | null;
  /** Folder the save dialog starts in (the user's Documents). */
  defaultDir: () => string;
  /** Switch the app to another workspace folder (recreates the services). */
  switchWorkspace: (dir: string) => Promise<void>;
  /** The services' drafts.importFile (the same import as browser mode's upload). */
  importFile: (file: FilePayload & { revisions?: RevisionChoice }) => Promise<Draft & { notes: string[] }>;
  /** The services' drafts.fileRevisions: a .docx's tracked changes, asked about before importing. */
  fileRevisions: (file: FilePayload) => Promise<RevisionCounts>;
  /** An exported file waiting in the services' outbox (single use). */
  takeExport: (fileId: string) => OutgoingFile | null;
}

export function desktopHandlers(deps: DesktopDeps): Omit<DesktopHandlers, 'desktop.closeDecision'> {
  const save = (o: SaveDialogOptions) => {
    const w = deps.window();
    return w ? deps.dialog.showSaveDialog(w, o) : deps.dialog.showSaveDialog(o);
  };
  const open = (o: OpenDialogOptions) => {
    const w = deps.window();
    return w ? deps.dialog.showOpenDialog(w, o) : deps.dialog.showOpenDialog(o);
  };

  /** The file the user picks in the open dialog, read here in main; null when cancelled. */
  const pick = async (title: string, filters: OpenDialogOptions['filters']): Promise<FilePayload | null> => {
    const r = await open({ title, properties: ['openFile'], filters });
    const file = r.filePaths[0];
    if (r.canceled || !file) return null;
    // A bounded regular file: a FIFO, device or directory is named, never waited on.
    const data = await readUserFile(file);
    return { name: path.basename(file), dataBase64: data.toString('base64') };
  };

  // A picked file with tracked changes waits here for the writer's choice: the latest one only, 10 minutes.
  const PENDING_MS = 10 * 60 * 1000;
  let pending: { pickId: string; file: FilePayload; until: number } | null = null;

  return {
    'desktop.saveExport': async ({ fileId, filters, title }) => {
      const file = deps.takeExport(fileId);
      if (!file) throw new ApiError('not-found', '导出的文件已失效，请重新导出');
      // Characters Windows does not allow in file names become ＿ (the writer can still edit the name).
      // eslint-disable-next-line no-control-regex
      const safeName = path.basename(file.name).replace(/[<>:"|?*\u0000-\u001f]/g, '＿').replace(/[. ]+$/, '') || '文稿';
      const r = await save({ title: title ?? '保存文件', defaultPath: path.join(deps.defaultDir(), safeName), filters, properties: ['createDirectory', 'showOverwriteConfirmation'] });
      if (r.canceled || !r.filePath) return { saved: false };
      try {
        await writeFileAtomic(r.filePath, file.bytes);
      } catch (err) {
        throw new ApiError('internal', `无法写入文件：${r.filePath}`, (err as Error).message);
      }
      return { saved: true, path: r.filePath };
    },

    'desktop.printToPdf': async ({ suggestedName }) => {
      const w = deps.window();
      if (!w) throw new ApiError('internal', '没有可打印的窗口');
      // The renderer's print CSS shows only the paginated rendering; @page gives A4 without margins.
      const pdf = await w.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
      // eslint-disable-next-line no-control-regex
      const safeName = path.basename(suggestedName).replace(/[<>:"|?*\u0000-\u001f]/g, '＿') || '讲稿.pdf';
      const r = await save({ title: '导出 PDF', defaultPath: path.join(deps.defaultDir(), safeName), filters: [{ name: 'PDF', extensions: ['pdf'] }], properties: ['createDirectory', 'showOverwriteConfirmation'] });
      if (r.canceled || !r.filePath) return { saved: false };
      try {
        await writeFileAtomic(r.filePath, pdf);
      } catch (err) {
        throw new ApiError('internal', `无法写入文件：${r.filePath}`, (err as Error).message);
      }
      return { saved: true, path: r.filePath };
    },

    'desktop.openFile': async ({ filters, title }) => pick(title ?? '选择文件', filters),

    'desktop.importFile': async ({ filters, title }) => {
      const file = await pick(title ?? '导入文件', filters);
      if (!file) return null;
      const counts = await deps.fileRevisions(file);
      if (counts.insertions === 0 && counts.deletions === 0 && counts.formatChanges === 0) return deps.importFile(file);
      pending = { pickId: randomBytes(16).toString('hex'), file, until: Date.now() + PENDING_MS };
      return { pending: { pickId: pending.pickId, name: file.name, ...counts } };
    },

    'desktop.importPending': async ({ pickId, revisions }) => {
      const p = pending;
      if (!p || p.pickId !== pickId || Date.now() > p.until) throw new ApiError('not-found', '所选文件已失效，请重新导入');
      pending = null;
      return deps.importFile({ ...p.file, revisions });
    },

    'desktop.chooseWorkspace': async () => {
      const r = await open({ title: '选择工作区文件夹', buttonLabel: '用作工作区', properties: ['openDirectory', 'createDirectory'] });
      const dir = r.filePaths[0];
      if (r.canceled || !dir) return null;
      try {
        await deps.switchWorkspace(dir);
      } catch (err) {
        throw new ApiError('invalid-input', `所选文件夹不能用作工作区（原工作区保持不变）：${dir}`, (err as Error).message);
      }
      return { dir };
    },
  };
}
