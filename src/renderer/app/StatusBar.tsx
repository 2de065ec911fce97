import { useMemo } from 'react';
import { Docs } from '../../core/model/block';
import { useShell, useWorkbench } from '../workbench/context';
import { PageCount } from '../docx/PageCount';

export function formatDuration(minutes: number): string {
  const totalSec = Math.round(minutes * 60);
  const m = Math.floor(totalSec / 60);
  const s = totalSec % 60;
  if (m === 0) return `${s} 秒`;
  return s ? `${m} 分 ${s} 秒` : `${m} 分钟`;
}

const SAVE_LABELS = { saved: '已保存', dirty: '未保存', saving: '保存中…', error: '保存失败', conflict: '保存失败（冲突）' } as const;

export function StatusBar() {
  const { doc, docVersion, settings, draft } = useWorkbench();
  const { saveStatus } = useShell();
  const chars = useMemo(() => {
    void docVersion;
    return Docs.charCount(doc);
  }, [doc, docVersion]);
  const cpm = settings.charsPerMinute || 220;
  return (
    <footer className="statusbar">
      {draft ? (
        <>
          <span data-testid="char-count">字数 {chars}</span>
          <span data-testid="duration" title={`按每分钟 ${cpm} 字估算`}>
            预计时长 {formatDuration(chars / cpm)}
          </span>
          <PageCount />
          <span className="status-spacer" />
          <span className={`save-state save-${saveStatus.state}`} data-testid="save-state" data-state={saveStatus.state} title={saveStatus.message}>
            {SAVE_LABELS[saveStatus.state]}
            {saveStatus.message && saveStatus.state !== 'saved' ? `：${saveStatus.message}` : ''}
          </span>
        </>
      ) : (
        <span>未打开文稿</span>
      )}
    </footer>
  );
}
