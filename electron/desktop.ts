// Handlers of the desktop-only contract methods (src/contract/desktop.ts): native dialogs shown by the
// main process. The renderer supplies bytes and a suggested file name; the user chooses the path.
import path from 'node:path';
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { ApiError } from '../src/contract/define';
import type { DesktopHandlers } from '../src/contract/index';
import { writeFileAtomic } from '../src/services/workspace/atomic';
import { readUserFile } from '../src/services/workspace/safeRead';

export const MAX_OPEN_BYTES = 50 * 1024 * 1024;

export interface DesktopDeps {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  window: () => BrowserWindow | null;
  /** Folder the save dialog starts in (the user's Documents). */
  defaultDir: () => string;
  /** Switch the app to another workspace folder (recreates the services). */
  switchWorkspace: (dir: string) => Promise<void>;
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

  return {
    'desktop.saveFile': async ({ suggestedName, dataBase64, filters, title }) => {
      // Characters Windows does not allow in file names become ＿ (the writer can still edit the name).
      // eslint-disable-next-line no-control-regex
      const safeName = suggestedName.replace(/[<>:"|?*\u0000-\u001f]/g, '＿').replace(/[. ]+$/, '') || '文稿';
      const r = await save({ title: title ?? '保存文件', defaultPath: path.join(deps.defaultDir(), safeName), filters, properties: ['createDirectory', 'showOverwriteConfirmation'] });
      if (r.canceled || !r.filePath) return { saved: false };
      try {
        await writeFileAtomic(r.filePath, Buffer.from(dataBase64, 'base64'));
      } catch (err) {
        throw new ApiError('internal', `无法写入文件：${r.filePath}`, (err as Error).message);
      }
      return { saved: true, path: r.filePath };
    },

    'desktop.openFile': async ({ filters, title }) => {
      const r = await open({ title: title ?? '选择文件', properties: ['openFile'], filters });
      const file = r.filePaths[0];
      if (r.canceled || !file) return null;
      const data = await readUserFile(file);
      return { name: path.basename(file), dataBase64: data.toString('base64') };
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
