// Toolbar/menu actions. Each capability adds one line: either { id, label, run(wb) } or { id, component }.
import type { ComponentType } from 'react';
import type { Workbench } from '../workbench/context';

export type ActionDef =
  | { id: string; label: string; title?: string; run(wb: Workbench): void | Promise<void>; component?: undefined }
  | { id: string; component: ComponentType; label?: string; title?: string; run?: undefined };

export const actions: ActionDef[] = [];
