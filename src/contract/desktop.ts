import { z } from 'zod';
import { method } from './define';
import type { FilePayload } from './common';
import { RevisionChoiceSchema, type Draft, type RevisionCounts } from './drafts';

// Desktop-only methods, handled by the Electron main process (electron/desktop.ts) with native dialogs.
// The renderer never passes a path: the user picks it in a dialog shown by the main process. The loopback
// bridge has no handlers for these, so in browser mode they answer 'unsupported' and the renderer falls back
// to browser means (a download link, <input type=file>).

const ExtensionSchema = z.string().regex(/^[A-Za-z0-9]{1,10}$/, '扩展名只能是字母和数字 (extension without dot)');

export const FileFilterSchema = z.object({ name: z.string().min(1).max(100), extensions: z.array(ExtensionSchema).min(1).max(10) });
export type FileFilter = z.infer<typeof FileFilterSchema>;

/** A picked .docx with tracked changes, waiting in the main process for the writer's choice. */
export interface PendingImport extends RevisionCounts {
  pickId: string;
  name: string;
}

export const desktopContract = {
  /**
   * Save an exported file (`export.docx` → fileId): the main process shows the save dialog with the file's
   * name and writes the bytes it holds; the renderer only sends the id and gets back the path.
   */
  'desktop.saveExport': method<{ saved: false } | { saved: true; path: string }>()(
    z.object({
      fileId: z.string().regex(/^[0-9a-f]{32}$/, '无效的文件编号'),
      filters: z.array(FileFilterSchema).max(5).optional(),
      title: z.string().max(100).optional(),
    }),
  ),
  /** 导出 PDF: print the window's print rendering (the 页面视图 pages) to PDF, ask where to save it, write it. */
  'desktop.printToPdf': method<{ saved: false } | { saved: true; path: string }>()(
    z.object({ suggestedName: z.string().min(1).max(255).refine((s) => !/[/\\\0]/.test(s), '只能给文件名，不能给路径 (a file name, not a path)') }),
  ),
  /** Let the user pick a file (open dialog) and return its bytes; null when cancelled. */
  'desktop.openFile': method<FilePayload | null>()(
    z.object({ filters: z.array(FileFilterSchema).max(5).optional(), title: z.string().max(100).optional() }),
  ),
  /**
   * 导入: the user picks a file in the main process's open dialog; main reads it and imports it as a new draft
   * (the bytes never travel to the renderer and back). Null when cancelled. A .docx with tracked changes is
   * not imported yet: main keeps it (the latest such file only, 10 minutes) and answers `pending` with the
   * counts, so the writer chooses 接受所有修订 or 拒绝所有修订 and the renderer calls desktop.importPending.
   */
  'desktop.importFile': method<(Draft & { notes: string[] }) | { pending: PendingImport } | null>()(
    z.object({ filters: z.array(FileFilterSchema).max(5).optional(), title: z.string().max(100).optional() }),
  ),
  /** Import the file desktop.importFile kept (`pending.pickId`), its tracked changes accepted or rejected. */
  'desktop.importPending': method<Draft & { notes: string[] }>()(
    z.object({ pickId: z.string().regex(/^[0-9a-f]{32}$/, '无效的文件编号'), revisions: RevisionChoiceSchema }),
  ),
  /** 设置 → 工作区: pick another workspace folder; the app switches to it. Null when cancelled. */
  'desktop.chooseWorkspace': method<{ dir: string } | null>()(z.object({})),
  /** The renderer's answer to the 'app.beforeClose' menu command: close the window now, or keep it open. */
  'desktop.closeDecision': method<{ closing: boolean }>()(z.object({ close: z.boolean() })),
};

export * from './menu';
