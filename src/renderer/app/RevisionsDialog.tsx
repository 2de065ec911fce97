// 导入 of a .docx with tracked changes: the writer chooses which text to import — 接受所有修订 (the final text
// Word shows, the default) or 拒绝所有修订 (the original). Asked only when the file has tracked changes.
import { useEffect, useRef, useState } from 'react';
import type { RevisionChoice, RevisionCounts } from '../../contract/drafts';
import { useWorkbench } from '../workbench/context';
import { Dialog, DialogButtons } from './ModalHost';

const CHOICES: { value: RevisionChoice; label: string; hint: string }[] = [
  { value: 'accept', label: '接受所有修订', hint: '导入 Word 显示的最终稿：插入的文字保留，删除的文字不导入' },
  { value: 'reject', label: '拒绝所有修订', hint: '导入修改前的原稿：插入的文字不导入，删除的文字保留' },
];

/** `onDone` is called once: with the choice, or null when the dialog is closed without importing. */
export function RevisionsDialog(props: { name: string; counts: RevisionCounts; onDone(choice: RevisionChoice | null): void }) {
  const { closeModal } = useWorkbench();
  const [choice, setChoice] = useState<RevisionChoice>('accept');
  const done = useRef(false);
  const finish = (c: RevisionChoice | null) => {
    if (done.current) return;
    done.current = true;
    props.onDone(c);
  };
  // Escape, the backdrop or 取消 close it without a choice.
  useEffect(() => () => finish(null), []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Dialog
      title="导入：文件含修订"
      testId="import-revisions"
      footer={
        <DialogButtons
          ok={{
            label: '导入',
            autoFocus: true,
            testId: 'import-revisions-ok',
            onClick: () => {
              finish(choice);
              closeModal();
            },
          }}
        />
      }
    >
      <p data-testid="import-revisions-counts">
        「{props.name}」含有修订（插入 {props.counts.insertions} 处、删除 {props.counts.deletions} 处
        {props.counts.formatChanges ? `、格式修改 ${props.counts.formatChanges} 处` : ''}）。请选择导入哪一稿：
      </p>
      <fieldset className="docx-modes">
        <legend>修订</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className="docx-mode">
            <input type="radio" name="import-revisions" value={c.value} checked={choice === c.value} onChange={() => setChoice(c.value)} data-testid={`import-revisions-${c.value}`} />
            <span>
              <b>{c.label}</b> <small>{c.hint}</small>
            </span>
          </label>
        ))}
      </fieldset>
    </Dialog>
  );
}
