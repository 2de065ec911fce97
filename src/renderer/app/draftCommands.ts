// The draft commands shared by the 文稿列表, the toolbar, the empty editor and the Electron 文件 menu:
// new, import, rename, duplicate, delete. Failures are shown as error notices (dialogs stay open).
import { createElement } from 'react';
import type { FilePayload } from '../../contract/common';
import type { FileFilter } from '../../contract/desktop';
import type { Draft, RevisionChoice, RevisionCounts } from '../../contract/drafts';
import { ApiError } from '../../contract/define';
import type { Shell, Workbench } from '../workbench/context';
import { ConfirmDialog, PromptDialog } from './dialogs';
import { RevisionsDialog } from './RevisionsDialog';

type DraftShell = Pick<Shell, 'closeDraft'>;

async function reporting(wb: Workbench, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    wb.notify(ApiError.from(err).message, 'error');
  }
}

/** 新建文稿: an untitled draft (named after its title once one is typed), opened at once. */
export function newDraft(wb: Workbench): Promise<void> {
  return reporting(wb, async () => {
    const d = await wb.api['drafts.create']({});
    await wb.refreshDrafts();
    await wb.openDraft(d.id);
  });
}

/**
 * 导入 (browser mode): the file `pick` gives (null: cancelled) becomes a new draft, opened at once. A .docx with
 * tracked changes asks first: 接受所有修订 (default) or 拒绝所有修订.
 */
export function importDraft(wb: Workbench, pick: () => Promise<FilePayload | null>): Promise<void> {
  return importedDraft(wb, async () => {
    const file = await pick();
    if (!file) return null;
    const counts = /\.docx$/i.test(file.name) ? await wb.api['drafts.fileRevisions'](file) : null;
    const revisions = counts && (counts.insertions || counts.deletions || counts.formatChanges) ? await askRevisions(wb, file.name, counts) : 'accept';
    return revisions ? wb.api['drafts.importFile']({ ...file, revisions }) : null;
  });
}

/**
 * 导入 in Electron: main shows the open dialog, reads and imports the file (no bytes through the renderer); a
 * .docx with tracked changes is kept by main until the writer has chosen which text to import.
 */
export function importInMain(wb: Workbench, opts: { title: string; filters: FileFilter[] }): Promise<void> {
  return importedDraft(wb, async () => {
    const r = await wb.api['desktop.importFile'](opts);
    if (!r || !('pending' in r)) return r;
    const revisions = await askRevisions(wb, r.pending.name, r.pending);
    return revisions ? wb.api['desktop.importPending']({ pickId: r.pending.pickId, revisions }) : null;
  });
}

/** The writer's choice for a file with tracked changes; null when the dialog is closed without importing. */
function askRevisions(wb: Workbench, name: string, counts: RevisionCounts): Promise<RevisionChoice | null> {
  return new Promise((resolve) => {
    wb.openModal(createElement(RevisionsDialog, { name, counts: { insertions: counts.insertions, deletions: counts.deletions, formatChanges: counts.formatChanges }, onDone: resolve }));
  });
}

/** After an import (here or in main): open the new draft and show the import report. */
function importedDraft(wb: Workbench, run: () => Promise<(Draft & { notes: string[] }) | null>): Promise<void> {
  return reporting(wb, async () => {
    const d = await run();
    if (!d) return;
    await wb.refreshDrafts();
    await wb.openDraft(d.id);
    wb.notify(`已导入「${d.name}」${d.notes.length ? '（' + d.notes.join('；') + '）' : ''}`, 'success');
  });
}

export function renameDraft(wb: Workbench, shell: DraftShell, id: string, name: string): void {
  const open = wb.draft?.id === id;
  wb.openModal(
    createElement(PromptDialog, {
      title: '重命名文稿',
      label: '文稿名称',
      initial: name,
      onOk: async (value: string) => {
        // Save pending edits first: the rename bumps the revision the autosaver bases its next save on.
        if (open) await wb.ensureSaved();
        await wb.api['drafts.rename']({ id, name: value });
        await wb.refreshDrafts();
        if (open) await wb.openDraft(id);
      },
    }),
  );
}

export function duplicateDraft(wb: Workbench, shell: DraftShell, id: string): Promise<void> {
  return reporting(wb, async () => {
    // The copy holds what is typed so far.
    if (wb.draft?.id === id) await wb.ensureSaved();
    const copy = await wb.api['drafts.duplicate']({ id });
    await wb.refreshDrafts();
    wb.notify(`已复制为「${copy.name}」`, 'success');
  });
}

export function deleteDraft(wb: Workbench, shell: DraftShell, id: string, name: string): void {
  const open = wb.draft?.id === id;
  wb.openModal(
    createElement(ConfirmDialog, {
      title: '删除文稿',
      message: `确定删除「${name}」吗？文稿将移入工作区的「回收站」文件夹，可从「回收站」恢复。`,
      okLabel: '删除',
      danger: true,
      onOk: async () => {
        // What is typed so far goes to the 回收站 with the draft.
        if (open) await wb.ensureSaved();
        await wb.api['drafts.delete']({ id });
        if (open) shell.closeDraft();
        await wb.refreshDrafts();
        wb.notify(`「${name}」已移入回收站`, 'success');
      },
    }),
  );
}
