import { ApiError } from '../../contract/define';
import { PROOF_KIND_NAMES, PROOF_KINDS, type ParaFinding } from '../../core/proofread/types';
import { useWorkbench } from '../workbench/context';
import { applyProofFix } from './fix';
import { ignoreKey, proofStore, useProofState } from './store';
import './proofread.css';

/** 校对: findings of the open draft grouped by kind; click to jump, 修改 (one undo step), 忽略, 加入词库. */
export function ProofreadPanel() {
  const { api, draft, editor, isComposing, jumpTo, notify } = useWorkbench();
  const st = useProofState();
  if (!draft) return <div className="empty-hint">打开文稿后校对。</div>;
  const paraOf = (f: ParaFinding) => st.paras[f.para] ?? '';
  const shown = st.findings.filter((f) => !st.ignored.has(ignoreKey(f, paraOf(f))));

  const fix = (f: ParaFinding) => {
    if (isComposing()) return notify('正在输入中文，请输入完成后再修改', 'warning');
    if (!applyProofFix(editor, f, paraOf(f))) return notify('该段已修改，请稍候重新校对后再试', 'warning');
    notify(f.fix ? `已改为「${f.fix}」（可撤销）` : '已删除（可撤销）', 'success');
  };
  const ignore = (f: ParaFinding) => {
    const ignored = new Set(st.ignored);
    ignored.add(ignoreKey(f, paraOf(f)));
    proofStore.set({ ignored });
  };
  const addWord = async (f: ParaFinding) => {
    try {
      const r = await api['proofread.addWord']({ word: f.text });
      proofStore.set({ words: r.words });
      notify(`已将“${f.text}”加入词库，本工作区不再提示`, 'success');
    } catch (err) {
      notify(`加入词库失败：${ApiError.from(err).message}`, 'error');
    }
  };

  const removeWord = async (w: string) => {
    try {
      const r = await api['proofread.removeWord']({ word: w });
      proofStore.set({ words: r.words });
    } catch (err) {
      notify(`移出词库失败：${ApiError.from(err).message}`, 'error');
    }
  };

  return (
    <div className="proof" data-testid="proofread-panel">
      <div className="proof-count">{shown.length ? `共 ${shown.length} 处（离线校对）` : '未发现校对问题。'}</div>
      {PROOF_KINDS.map((kind) => {
        const mine = shown.filter((f) => f.kind === kind);
        if (!mine.length) return null;
        return (
          <div key={kind} className="proof-group" data-kind={kind}>
            <div className="proof-head">
              {PROOF_KIND_NAMES[kind]}（{mine.length}）
            </div>
            {mine.map((f) => (
              <div
                key={`${f.para}:${f.start}:${f.rule}`}
                className="proof-item"
                data-testid="proof-item"
                data-rule={f.rule}
                title="点击跳到此处"
                onClick={() => jumpTo(f.para, f.start, f.end - f.start)}
              >
                <div className="proof-msg">{f.message}</div>
                <div className="proof-actions" onClick={(e) => e.stopPropagation()}>
                  {f.fix !== null && (
                    <button type="button" className="btn proof-fix" data-testid="proof-fix" title="按建议修改（可撤销）" onClick={() => fix(f)}>
                      {f.fix ? `改为「${f.fix}」` : '删除'}
                    </button>
                  )}
                  <button type="button" className="btn proof-ignore" title="这一处不再提示（段落修改后会重新检查）" onClick={() => ignore(f)}>
                    忽略
                  </button>
                  {(f.kind === 'typo' || f.kind === 'formulation' || f.kind === 'repeat') && (
                    <button type="button" className="btn proof-word" title="本工作区内不再把它当作问题" onClick={() => void addWord(f)}>
                      加入词库
                    </button>
                  )}
                </div>
              </div>
            ))}
          </div>
        );
      })}
      {st.words.length > 0 && (
        <details className="proof-words" data-testid="proof-words">
          <summary>词库（{st.words.length}）：本工作区不再提示的词语</summary>
          {st.words.map((w) => (
            <div key={w} className="proof-word-row">
              <span>{w}</span>
              <button type="button" className="btn" title="移出词库，重新提示" onClick={() => void removeWord(w)}>
                移出
              </button>
            </div>
          ))}
        </details>
      )}
    </div>
  );
}
