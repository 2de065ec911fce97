import { z } from 'zod';
import { method } from './define';
import type { FilePayload } from './common';
import type { Draft } from './drafts';

// Desktop-only methods, handled by the Electron main process (electron/desktop.ts) with native dialogs.
// The renderer never passes a path: the user picks it in a dialog shown by the main process. The loopback
// bridge has no handlers for these, so in browser mode they answer 'unsupported' and the renderer falls back
// to browser means (a download link, <input type=file>).

const FileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..', '只能给文件名，不能给路径 (a file name, not a path)');

const ExtensionSchema = z.string().regex(/^[A-Za-z0-9]{1,10}$/, '扩展名只能是字母和数字 (extension without dot)');

export const FileFilterSchema = z.object({ name: z.string().min(1).max(100), extensions: z.array(ExtensionSchema).min(1).max(10) });

export const desktopContract = {
  /** Ask where to save `dataBase64` (save dialog, suggested file name) and write it there. */
  'desktop.saveFile': method<{ saved: false } | { saved: true; path: string }>()(
    z.object({
      suggestedName: FileNameSchema,
      dataBase64: z.string().max(200 * 1024 * 1024),
      filters: z.array(FileFilterSchema).max(5).optional(),
      title: z.string().max(100).optional(),
    }),
  ),
  /** Let the user pick a file (open dialog) and return its bytes; null when cancelled. */
  'desktop.openFile': method<FilePayload | null>()(
    z.object({ filters: z.array(FileFilterSchema).max(5).optional(), title: z.string().max(100).optional() }),
  ),
  /**
   * 导入: the user picks a file in the main process's open dialog; main reads it and imports it as a new draft
   * (the bytes never travel to the renderer and back). Null when cancelled.
   */
  'desktop.importFile': method<(Draft & { notes: string[] }) | null>()(
    z.object({ filters: z.array(FileFilterSchema).max(5).optional(), title: z.string().max(100).optional() }),
  ),
  /** 设置 → 工作区: pick another workspace folder; the app switches to it. Null when cancelled. */
  'desktop.chooseWorkspace': method<{ dir: string } | null>()(z.object({})),
  /** The renderer's answer to the 'app.beforeClose' menu command: close the window now, or keep it open. */
  'desktop.closeDecision': method<{ closing: boolean }>()(z.object({ close: z.boolean() })),
};

export * from './menu';
