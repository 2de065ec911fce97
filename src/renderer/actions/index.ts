// Toolbar/menu actions. Each capability adds one line: either { id, label, run(wb) } or { id, component }.
import { createElement, type ComponentType } from 'react';
import type { Workbench } from '../workbench/context';
import { LibraryDialog } from '../library/LibraryDialog';
import { ReuseController } from '../reuse/ReuseController';
import { ProofreadController } from '../proofread/ProofreadController';
import { ExportAction } from '../docx/ExportAction';
import { MenuCommands } from '../desktop/MenuCommands';
import { openNewFromTemplate, saveAsTemplate } from '../templates/actions';
import { SaveVersionAction } from '../versions/SaveVersionAction';

export type ActionDef =
  | { id: string; label: string; title?: string; run(wb: Workbench): void | Promise<void>; component?: undefined }
  | { id: string; component: ComponentType; label?: string; title?: string; run?: undefined };

export const actions: ActionDef[] = [
  { id: 'new-from-template', label: '从模板新建', title: '新建 → 选择提纲模板（先预览提纲）', run: openNewFromTemplate },
  { id: 'save-as-template', label: '另存为模板', title: '把当前文稿的提纲存为我的模板', run: saveAsTemplate },
  { id: 'library', label: '素材库', title: '素材库：导入往年讲话、报告，查看近似重复', run: (wb) => wb.openModal(createElement(LibraryDialog)) },
  { id: 'reuse-live', component: ReuseController },
  { id: 'proofread-live', component: ProofreadController },
  { id: 'docx-export', component: ExportAction },
  { id: 'save-version', component: SaveVersionAction },
  { id: 'trash-and-menu', component: MenuCommands },
];
