// Side panels (right-hand tabs). Each capability adds one line with its PanelDef.
import type { ComponentType } from 'react';
import { OutlinePanel } from '../outline/OutlinePanel';
import { ReusePanel } from '../reuse/ReusePanel';
import { ExamplesPanel } from '../templates/ExamplesPanel';
import { LintPanel } from '../templates/LintPanel';
import { ProofreadPanel } from '../proofread/ProofreadPanel';
import { VersionsPanel } from '../versions/VersionsPanel';
import { SearchPanel } from '../library/SearchPanel';

export interface PanelDef {
  id: string;
  /** Chinese tab title. */
  title: string;
  component: ComponentType;
}

export const panels: PanelDef[] = [
  { id: 'outline', title: '导航', component: OutlinePanel },
  { id: 'reuse', title: '查重', component: ReusePanel },
  { id: 'examples', title: '范文', component: ExamplesPanel },
  { id: 'lint', title: '检查', component: LintPanel },
  { id: 'proofread', title: '校对', component: ProofreadPanel },
  { id: 'versions', title: '版本', component: VersionsPanel },
  { id: 'search', title: '搜索', component: SearchPanel },
];
