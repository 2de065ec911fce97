// 素材库: import files (progress bar, cancel), the list of documents with near-duplicate groups, remove.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../../contract/define';
import { acceptAttribute, LIBRARY_EXTENSIONS } from '../../contract/fileKinds';
import type { DuplicateGroup, LibraryDamagedFile, LibraryDocMeta } from '../../contract/library';
import { reuseStore } from '../reuse/store';
import { fileToBase64 } from '../app/files';
import { Dialog, DialogButtons } from '../app/ModalHost';
import { useWorkbench } from '../workbench/context';
import { importerFor } from './importer';
import '../reuse/reuse.css';
import { LibraryTable } from './LibraryTable';
import { LibraryReader } from './LibraryReader';
import { CleaningLines } from './CleaningLines';
import { LibraryMetaDialog } from './MetaDialogs';

/**
 * Newest imports first, the parts of one file together and in order (each part has its own importedAt,
 * a few ms apart and not in part order: a file is placed by its latest part).
 */
function sortDocs(docs: LibraryDocMeta[]): LibraryDocMeta[] {
  const fileTime = new Map<string, string>();
  for (const d of docs) {
    const t = fileTime.get(d.originFile);
    if (t === undefined || d.importedAt > t) fileTime.set(d.originFile, d.importedAt);
  }
  const timeOf = (d: LibraryDocMeta) => fileTime.get(d.originFile) ?? d.importedAt;
  return docs.sort(
    (a, b) => timeOf(b).localeCompare(timeOf(a)) || a.originFile.localeCompare(b.originFile) || (a.part ?? 0) - (b.part ?? 0) || (a.line ?? 0) - (b.line ?? 0),
  );
}

export function LibraryDialog() {
  const { api, notify, openModal } = useWorkbench();
  const importer = importerFor(api);
  const st = useSyncExternalStore(importer.subscribe, importer.get);
  const [docs, setDocs] = useState<LibraryDocMeta[] | null>(null);
  const [groups, setGroups] = useState<DuplicateGroup[]>([]);
  const [damaged, setDamaged] = useState<LibraryDamagedFile[]>([]);
  const fileRef = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    try {
      const r = await api['library.list']({});
      setDocs(sortDocs(r.docs));
      setGroups(r.groups);
      setDamaged(r.damaged);
    } catch (err) {
      notify(ApiError.from(err).message, 'error');
    }
  }, [api, notify]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const running = st?.state === 'running';
  const onFiles = (files: File[]) => {
    if (!files.length || running) return;
    importer
      .start(files.map((f) => ({ name: f.name, size: f.size, base64: () => fileToBase64(f) })))
      .then((s) => {
        void refresh();
        reuseStore.requestCheck();
        notify(s.message ?? '导入完成', s.state === 'done' ? 'success' : 'warning');
      })
      .catch((err) => {
        importer.clear();
        notify(ApiError.from(err).message, 'error');
      });
  };

  const remove = async (d: LibraryDocMeta) => {
    if (!window.confirm(`从素材库删除《${d.label}》？（原始文件仍保留在 library/originals/）`)) return;
    try {
      await api['library.remove']({ ids: [d.id] });
      await refresh();
      reuseStore.requestCheck();
    } catch (err) {
      notify(ApiError.from(err).message, 'error');
    }
  };

  const reopen = () => openModal(<LibraryDialog />);
  const pctDone = st && st.totalBytes ? Math.min(100, Math.round((st.doneBytes / st.totalBytes) * 100)) : 0;

  return (
    <Dialog
      className="library-dialog"
      testId="library-dialog"
      title="素材库"
      footer={
        <>
          <span className="library-count">{docs ? `共 ${docs.length} 篇` : ''}</span>
          <DialogButtons cancelLabel="关闭" />
        </>
      }
    >
      <div className="library-bar">
        <button className="btn btn-primary" disabled={running} data-testid="library-import" onClick={() => fileRef.current?.click()}>
          导入文件…
        </button>
        <span className="library-hint">支持 .txt（UTF-8、UTF-16、GBK）、.docx、.html、.jsonl；导入时自动清理网页水印、页码、断行，合集按“第一篇：”拆分。</span>
        <input
          ref={fileRef}
          type="file"
          multiple
          hidden
          data-testid="library-input"
          accept={acceptAttribute(LIBRARY_EXTENSIONS)}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            onFiles(files);
          }}
        />
      </div>
      {st && (
        <div className={`library-job ${st.state}`} data-testid="library-job">
          <div className="library-progress">
            <div className="library-progress-bar" style={{ width: `${st.state === 'running' ? pctDone : 100}%` }} />
          </div>
          <div className="library-job-line">
            {st.state === 'running'
              ? `正在导入 ${st.doneFiles}/${st.totalFiles} 个文件（${pctDone}%）${st.currentFile ? `：${st.currentFile}` : ''}`
              : st.message}
            {running && st.jobId && (
              <button
                className="btn btn-sm"
                data-testid="library-cancel"
                onClick={() => importer.cancel()}
              >
                取消
              </button>
            )}
            {!running && (
              <button className="link" onClick={() => importer.clear()}>
                关闭提示
              </button>
            )}
          </div>
          {!running && st.imported.some((d) => d.cleanings.length > 0) && (
            <details className="library-report">
              <summary>清理报告（{st.imported.reduce((n, d) => n + d.cleanings.length, 0)} 处）</summary>
              {st.imported
                .filter((d) => d.cleanings.length)
                .map((d) => (
                  <div key={d.id} className="library-report-doc">
                    <div className="t">《{d.title}》</div>
                    <CleaningLines cleanings={d.cleanings} />
                  </div>
                ))}
            </details>
          )}
          {st.problems.length > 0 && (
            <div className="library-problems">
              {st.problems.map((p, i) => (
                <div key={i}>
                  ⚠ {p.file}
                  {p.line ? `（第 ${p.line} 行）` : ''}：{p.message}
                </div>
              ))}
            </div>
          )}
        </div>
      )}
      {damaged.length > 0 && (
        <div className="library-problems" data-testid="library-damaged">
          <div>以下素材库文件已损坏，无法读取，已跳过（不参与查重）：</div>
          {damaged.map((d) => (
            <div key={d.file}>
              ⚠ {d.file}：{d.reason}（已跳过）
            </div>
          ))}
        </div>
      )}
      {groups.length > 0 && (
        <div className="library-groups" data-testid="library-groups">
          <div className="reuse-subhead">近似重复的文档（每组只算一个来源）</div>
          {groups.map((g) => (
            <div key={g.id} className="library-group">
              相似度 {(g.similarity * 100).toFixed(0)}%：{g.members.map((m) => `《${m.title}》${m.chars}字${m.id === g.representative ? '（作为来源）' : ''}`).join(' ≈ ')}
            </div>
          ))}
        </div>
      )}
      <div className="library-list" data-testid="library-list">
        {docs === null && <div className="empty-hint">正在读取…</div>}
        {docs && docs.length === 0 && <div className="empty-hint">素材库还是空的。导入往年的讲话稿、报告后，起草时会自动标出重复使用的段落。</div>}
        {docs && docs.length > 0 && (
          <LibraryTable
            docs={docs}
            onOpen={(d) => openModal(<LibraryReader id={d.id} back={reopen} onEdit={(doc) => openModal(<LibraryMetaDialog doc={doc} back={reopen} />)} />)}
            onEdit={(d) => openModal(<LibraryMetaDialog doc={d} back={reopen} />)}
            onRemove={(d) => void remove(d)}
          />
        )}
      </div>
    </Dialog>
  );
}
