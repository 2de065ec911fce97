// 版本 panel: 保存版本 with a label, the list (label, time, 字数, why), open read-only, compare (with the current
// text, between two versions, with a file or a library document), restore with confirmation.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../contract/define';
import { acceptAttribute, DOCUMENT_EXTENSIONS } from '../../contract/fileKinds';
import type { CompareSource, VersionListEntry, VersionMeta } from '../../contract/versions';
import { docToText, locate } from '../../core/model/text';
import type { Block } from '../../core/model/types';
import { ConfirmDialog } from '../app/dialogs';
import { fileToBase64 } from '../app/files';
import { Dialog, DialogButtons, useBusyTask } from '../app/ModalHost';
import { useShell, useWorkbench } from '../workbench/context';
import { ExportDialog } from '../docx/ExportDialog';
import { CompareView } from './CompareView';
import { saveVersion } from './SaveVersionAction';
import { fmtNum, reasonLabel, timeLabel } from './format';
import { VersionViewer } from './VersionViewer';
import './versions.css';

const SUGGESTED = ['初稿', '征求意见稿', '送审稿', '领导修改稿', '定稿'];

export function VersionsPanel() {
  const wb = useWorkbench();
  const { api, draft, notify, openModal, closeModal, openDraft, jumpTo, on } = wb;
  const { autosaver } = useShell();
  const [list, setList] = useState<VersionListEntry[] | null>(null);
  const [label, setLabel] = useState('');
  const [busy, run] = useBusyTask();
  const [selected, setSelected] = useState<string[]>([]);
  const fileRef = useRef<HTMLInputElement>(null);
  const twoRef = useRef<HTMLInputElement>(null);
  const draftId = draft?.id ?? null;
  const revision = draft?.revision;

  const reload = useCallback(async () => {
    if (!draftId) {
      setList(null);
      return;
    }
    try {
      setList(await api['versions.list']({ draftId }));
    } catch (err) {
      notify(ApiError.from(err).message, 'error');
    }
  }, [api, draftId, notify]);

  // Reload on open, after saves, and when a version is added elsewhere (保存版本 in the toolbar, the
  // automatic version of an export).
  useEffect(() => {
    void reload();
  }, [reload, revision]);
  useEffect(() => setSelected([]), [draftId]);
  useEffect(() => on('versions-changed', (e) => e.draftId === draftId && void reload()), [on, draftId, reload]);

  /** Save what is typed so far (or refuse), before a restore replaces it. */
  const flush = useCallback(() => autosaver.ensureSaved(), [autosaver]);

  if (!draftId) return <div className="empty-hint">打开文稿后可保存和比较版本。</div>;

  const save = () =>
    run(async () => {
      const l = label.trim();
      if (!l) return;
      // (The list reloads on the versions-changed notice.)
      await saveVersion(wb, draftId, l);
      setLabel('');
    });

  /** The open draft as a compare side: the text in the editor (as the service reads a draft), nothing saved first. */
  const currentText = (): CompareSource => ({
    kind: 'text',
    text: docToText({ blocks: wb.editor.children as Block[] }, { numbers: true }).text,
    title: `${draft?.name ?? '文稿'}（当前稿）`,
  });

  const compare = (left: CompareSource, right: CompareSource | 'current', restoreOf?: VersionMeta) =>
    run(async () => {
      const out = await api['compare.run']({ left, right: right === 'current' ? currentText() : right, minChars: wb.settings.reuseMinChars });
      // When the right side is the open draft, a paragraph can be located in the editor.
      const onLocateB =
        right === 'current'
          ? (start: number, end: number) => {
              const pt = docToText({ blocks: wb.editor.children as Block[] }, { numbers: true });
              const loc = pt.text === out.right.text ? locate(pt, start) : null;
              if (!loc) {
                notify('文稿在比较之后又有改动，请重新比较后再定位', 'warning');
                return;
              }
              closeModal();
              jumpTo(loc.blockIndex, loc.offset, end - start);
            }
          : undefined;
      openModal(
        <CompareView
          out={out}
          onLocateB={onLocateB}
          actions={
            restoreOf ? (
              <button className="btn" onClick={() => askRestore(restoreOf)}>
                恢复为此版本…
              </button>
            ) : undefined
          }
        />,
      );
    });

  const compareWithCurrent = (v: VersionMeta) => compare({ kind: 'version', draftId, versionId: v.id }, 'current', v);

  const askRestore = (v: VersionMeta) =>
    openModal(
      <ConfirmDialog
        title="恢复版本"
        message={`把当前文稿恢复为「${v.label}」（${timeLabel(v.createdAt)}，${fmtNum(v.charCount)} 字）？恢复前的当前文本会先自动保存为一个版本，随时可以找回。`}
        okLabel="恢复"
        onOk={async () => {
          await flush();
          const r = await api['versions.restore']({ draftId, versionId: v.id, baseRevision: autosaver.currentRevision });
          await openDraft(draftId);
          void wb.refreshDrafts();
          notify(`已恢复为「${r.restored.label}」；原文本已存为版本「${r.backup.label}」`, 'success');
          await reload();
        }}
      />,
    );

  const open = (v: VersionMeta) =>
    run(async () => {
      const full = await api['versions.get']({ draftId, versionId: v.id });
      openModal(
        <VersionViewer
          version={full}
          actions={
            <>
              <button className="btn" onClick={() => void compareWithCurrent(v)}>
                与当前比较
              </button>
              <button className="btn" onClick={() => askRestore(v)}>
                恢复为此版本…
              </button>
              <button className="btn" onClick={() => exportVersion(v)}>
                导出 Word…
              </button>
            </>
          }
        />,
      );
    });

  /** 导出 a version: the export dialog, preset for it (清稿, 审阅稿, or 修订稿 against another version). */
  const exportVersion = (v: VersionMeta) => openModal(<ExportDialog version={v} />);

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s.slice(-1), id]));
  const okList = (list ?? []).filter((e): e is { status: 'ok' } & VersionMeta => e.status === 'ok');
  const compareSelected = () => {
    const [x, y] = selected.map((id) => okList.find((v) => v.id === id)).filter((v): v is { status: 'ok' } & VersionMeta => !!v);
    if (!x || !y) return;
    const [older, newer] = x.createdAt <= y.createdAt ? [x, y] : [y, x];
    void compare({ kind: 'version', draftId, versionId: older.id }, { kind: 'version', draftId, versionId: newer.id });
  };

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    await run(async () => {
      const dataBase64 = await fileToBase64(f);
      const out = await api['compare.run']({ left: { kind: 'file', file: { name: f.name, dataBase64 } }, right: currentText(), minChars: wb.settings.reuseMinChars });
      openModal(<CompareView out={out} />);
    });
    if (fileRef.current) fileRef.current.value = '';
  };

  const onTwoFiles = async (files: FileList | null) => {
    const list = files ? Array.from(files) : [];
    if (twoRef.current) twoRef.current.value = '';
    if (list.length === 0) return;
    if (list.length !== 2) {
      notify('请同时选择两个文件（.txt、.docx 或 .html）进行比较', 'warning');
      return;
    }
    await run(async () => {
      const [x, y] = await Promise.all(list.map(async (f) => ({ name: f.name, dataBase64: await fileToBase64(f) })));
      const out = await api['compare.run']({ left: { kind: 'file', file: x }, right: { kind: 'file', file: y }, minChars: wb.settings.reuseMinChars });
      openModal(<CompareView out={out} />);
    });
  };

  const pickLibrary = () =>
    run(async () => {
      const { docs } = await api['library.list']({});
      openModal(<LibraryPicker docs={docs} onPick={(id) => void compare({ kind: 'library', docId: id }, 'current')} onCancel={closeModal} />);
    });

  return (
    <div className="ver-panel" data-testid="versions-panel">
      <div className="ver-save">
        <input
          data-testid="version-label"
          placeholder="版本名称，如 送审稿"
          value={label}
          maxLength={60}
          list="ver-suggest"
          onChange={(e) => setLabel(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) void save();
          }}
        />
        <datalist id="ver-suggest">
          {SUGGESTED.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <button className="btn btn-primary" data-testid="version-save" disabled={busy || !label.trim()} onClick={() => void save()}>
          保存版本
        </button>
      </div>
      <div className="ver-chips">
        {SUGGESTED.map((s) => (
          <button key={s} className="chip" onClick={() => setLabel(s)}>
            {s}
          </button>
        ))}
      </div>
      <div className="ver-other">
        <button className="link" disabled={busy} onClick={() => fileRef.current?.click()}>
          与文件比较…
        </button>
        <button className="link" disabled={busy} onClick={() => void pickLibrary()}>
          与素材库文档比较…
        </button>
        <button className="link" disabled={busy} onClick={() => twoRef.current?.click()}>
          比较两个文件…
        </button>
        <input ref={fileRef} type="file" accept={acceptAttribute(DOCUMENT_EXTENSIONS)} hidden data-testid="compare-file" onChange={(e) => void onFile(e.target.files?.[0])} />
        <input ref={twoRef} type="file" accept={acceptAttribute(DOCUMENT_EXTENSIONS)} multiple hidden data-testid="compare-two-files" onChange={(e) => void onTwoFiles(e.target.files)} />
      </div>
      {selected.length === 2 && (
        <button className="btn ver-compare-sel" data-testid="compare-selected" onClick={compareSelected}>
          比较所选两个版本
        </button>
      )}
      {list === null ? (
        <div className="empty-hint">读取中…</div>
      ) : list.length === 0 ? (
        <div className="empty-hint">还没有版本。给当前文本起个名字（如 初稿、送审稿）保存为版本；导出和恢复前也会自动保存。</div>
      ) : (
        <ul className="ver-list">
          {list.map((e) =>
            e.status === 'ok' ? (
              <li key={e.id} className={`ver-item${selected.includes(e.id) ? ' selected' : ''}`} data-testid="version-item">
                <div className="ver-row1">
                  <input type="checkbox" title="选择两个版本进行比较" checked={selected.includes(e.id)} onChange={() => toggle(e.id)} />
                  <span className="ver-label" title={e.label}>
                    {e.label}
                  </span>
                  {e.reason !== 'manual' && <span className="ver-reason">{reasonLabel(e.reason)}</span>}
                </div>
                <div className="ver-meta">
                  {timeLabel(e.createdAt)} · {fmtNum(e.charCount)} 字
                </div>
                <div className="ver-ops">
                  <button className="link" onClick={() => void open(e)}>
                    查看
                  </button>
                  <button className="link" data-testid="version-compare" onClick={() => void compareWithCurrent(e)}>
                    与当前比较
                  </button>
                  <button className="link" data-testid="version-restore" onClick={() => askRestore(e)}>
                    恢复
                  </button>
                  <button className="link" data-testid="version-export" title="把这个版本导出为 Word（清稿、审阅稿或修订稿）" onClick={() => exportVersion(e)}>
                    导出
                  </button>
                </div>
              </li>
            ) : (
              <li key={e.id} className="ver-item damaged" title={e.error}>
                <div className="ver-label">已损坏的版本文件</div>
                <div className="ver-meta">{e.fileName}</div>
                <div className="ver-meta">{e.error}</div>
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}

function LibraryPicker({ docs, onPick, onCancel }: { docs: { id: string; title: string; chars: number }[]; onPick(id: string): void; onCancel(): void }) {
  const [q, setQ] = useState('');
  const shown = docs.filter((d) => !q || d.title.includes(q)).slice(0, 200);
  return (
    <Dialog
      title="与素材库文档比较"
      footer={<DialogButtons onCancel={onCancel} />}
    >
      {docs.length === 0 ? (
        <div className="empty-hint">素材库还没有文档。</div>
      ) : (
        <>
          <input className="ver-filter" autoFocus placeholder="按标题筛选" value={q} onChange={(e) => setQ(e.target.value)} />
          <ul className="ver-lib-list">
            {shown.map((d) => (
              <li key={d.id} onClick={() => onPick(d.id)}>
                <span>{d.title}</span>
                <span className="muted">{fmtNum(d.chars)} 字</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
