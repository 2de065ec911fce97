// A version opened read-only: the text as it was, with generated heading numbers.
import type { ReactNode } from 'react';
import type { Version } from '../../contract/versions';
import { Blocks } from '../../core/model/block';
import { headingNumbers } from '../../core/model/numbering';
import { useWorkbench } from '../workbench/context';
import { fmtNum, reasonLabel, timeLabel } from './format';
import './versions.css';

export function VersionViewer({ version, actions }: { version: Version; actions?: ReactNode }) {
  const { closeModal } = useWorkbench();
  const nums = headingNumbers(version.doc.blocks);
  return (
    <div className="ver-view" data-testid="version-view">
      <div className="cmp-head">
        <div className="cmp-titles">
          <span className="ver-view-label">{version.label}</span>
          <span className="muted">
            {timeLabel(version.createdAt)} · {fmtNum(version.charCount)} 字 · {reasonLabel(version.reason)} · 只读
          </span>
        </div>
        <div className="cmp-tools">
          {actions}
          <button className="btn" onClick={closeModal}>
            关闭
          </button>
        </div>
      </div>
      <div className="ver-view-body">
        <div className="ver-page">
          {version.doc.blocks.map((b, i) => (
            <p key={i} className={`blk blk-${b.type}${b.type === 'heading' ? ` blk-heading blk-h${b.level ?? 1}` : ''}`}>
              {b.type === 'heading' && nums[i]}
              {Blocks.text(b)}
            </p>
          ))}
        </div>
      </div>
    </div>
  );
}
