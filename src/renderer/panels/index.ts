// Side panels (right-hand tabs). Each capability adds one line with its PanelDef.
import type { ComponentType } from 'react';
import { OutlinePanel } from '../outline/OutlinePanel';

export interface PanelDef {
  id: string;
  /** Chinese tab title. */
  title: string;
  component: ComponentType;
}

export const panels: PanelDef[] = [
  { id: 'outline', title: '导航', component: OutlinePanel },
];
