// 导出 Word: mode (清稿/审阅稿/修订稿), the earlier version for 修订稿, layout settings (fonts, margins, grid).
// The file is saved through the desktop save dialog in Electron, or downloaded in the browser.
// With `version`, a saved version is exported instead of the current text (from the 版本 panel).
import { useEffect, useState } from 'react';
import { DOCX_LAYOUT_SETTINGS_KEY, EXPORT_MODE_LABELS, EXPORT_MODES, type DocxExportMode } from '../../contract/docx';
import type { VersionMeta } from '../../contract/versions';
import { DEFAULT_GONGWEN_LAYOUT, resolveLayout, validateLayout, type GongwenFonts, type GongwenLayout, type GongwenLayoutPatch } from '../../core/layout/gongwen';
import { FONT_FALLBACK_LABELS, FONT_FALLBACKS, type FontFallback } from '../../core/layout/fonts';
import { Dialog, DialogButtons, useBusyTask } from '../app/ModalHost';
import { useShell, useWorkbench } from '../workbench/context';
import './docx.css';

const MODE_HINTS: Record<DocxExportMode, string> = {
  clean: '只有正文，按公文格式排版。',
  review: '按素材库查重，在每处疑似重复的段落加批注，注明来源和相似度。',
  revisions: '与选定的早先版本对照，增删以修订标记显示，可在 Word/WPS 中逐条接受或拒绝。',
};
const VERSION_REVISIONS_HINT = '与这篇文稿的另一个版本对照，显示从那个版本到本版本的增删，可在 Word/WPS 中逐条接受或拒绝。';

const FONT_LABELS: [keyof GongwenFonts, string][] = [
  ['title', '标题'],
  ['byline', '署名日期'],
  ['body', '正文'],
  ['heading1', '一级标题'],
  ['heading2', '二级标题'],
  ['heading3', '三级标题（加粗）'],
  ['heading4', '四级标题'],
  ['latin', '西文和数字'],
  ['pageNumber', '页码'],
];

const MARGINS: [keyof GongwenLayout, string][] = [
  ['marginTopMm', '上'],
  ['marginBottomMm', '下'],
  ['marginLeftMm', '左'],
  ['marginRightMm', '右'],
];

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Browser download of a file (Blob + a temporary anchor). */
export function downloadFile(name: string, dataBase64: string): void {
  const blob = new Blob([base64ToBytes(dataBase64)], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportDialog({ version }: { version?: VersionMeta } = {}) {
  const { api, draft, settings, notify, closeModal, emit } = useWorkbench();
  const { autosaver, setSettings } = useShell();
  const [mode, setMode] = useState<DocxExportMode>('clean');
  const [versions, setVersions] = useState<VersionMeta[] | null>(null);
  const [against, setAgainst] = useState('');
  const [author, setAuthor] = useState('');
  const [layout, setLayout] = useState<GongwenLayout>(() => resolveLayout(settings[DOCX_LAYOUT_SETTINGS_KEY] as GongwenLayoutPatch | undefined));
  const [busy, runTask] = useBusyTask();

  useEffect(() => {
    if (!draft) return;
    let live = true;
    api['versions.list']({ draftId: draft.id })
      .then((list) => {
        if (!live) return;
        // For a version's 修订稿: the other versions, the older ones first in line (the list is newest first).
        const ok = list.filter((v): v is VersionMeta & { status: 'ok' } => v.status === 'ok' && v.id !== version?.id);
        setVersions(ok);
        const older = version ? ok.filter((v) => v.createdAt <= version.createdAt) : ok;
        const preferred = older.find((v) => v.reason !== 'before-export') ?? older[0] ?? ok[0];
        if (preferred) setAgainst(preferred.id);
      })
      .catch(() => live && setVersions([]));
    return () => {
      live = false;
    };
  }, [api, draft, version]);

  const problems = validateLayout(layout);
  const canExport = !!draft && !busy && problems.length === 0 && (mode !== 'revisions' || !!against);

  const setNum = (k: keyof GongwenLayout, v: string) => setLayout((l) => ({ ...l, [k]: Number(v) }));
  const setFont = (k: keyof GongwenFonts, v: string) => setLayout((l) => ({ ...l, fonts: { ...l.fonts, [k]: v } }));

  const run = async () => {
    if (!draft) return;
    await runTask(async () => {
      // The current text is exported as saved: refuse, as 保存版本 and 比较 do, if what is typed could not be saved.
      if (version) await autosaver.flush();
      else await autosaver.ensureSaved();
      const patch: GongwenLayoutPatch = layout;
      // Remember the layout for next time (a unit's own rules).
      setSettings(await api['settings.set']({ patch: { [DOCX_LAYOUT_SETTINGS_KEY]: patch } }));
      const r = await api['export.docx']({
        draftId: draft.id,
        ...(version ? { versionId: version.id } : {}),
        mode,
        ...(mode === 'revisions' ? { againstVersionId: against } : {}),
        settings: patch,
        ...(author.trim() ? { author: author.trim() } : {}),
      });
      // The current text was versioned before the export: the 版本 panel shows it at once.
      if (!version) emit('versions-changed', { draftId: draft.id });
      let where = '';
      if (window.speechdraft?.platform === 'electron') {
        const s = await api['desktop.saveFile']({ suggestedName: r.name, dataBase64: r.dataBase64, filters: [{ name: 'Word 文档', extensions: ['docx'] }], title: '导出 Word' });
        if (!s.saved) {
          notify('已取消导出');
          return;
        }
        where = s.path;
      } else {
        downloadFile(r.name, r.dataBase64);
        where = r.name;
      }
      closeModal();
      notify(`已导出 ${where}${r.notes.length ? '（' + r.notes.join('；') + '）' : ''}`, 'success');
    });
  };

  return (
    <Dialog
      title={version ? `导出版本「${version.label}」为 Word（公文格式）` : '导出 Word（公文格式）'}
      footer={<DialogButtons ok={{ label: busy ? '正在导出…' : '导出', testId: 'docx-export-run', disabled: !canExport, onClick: () => void run() }} />}
    >
      <div className="docx-export" data-testid="docx-export-dialog">
        {!draft && <p className="docx-warn">请先打开一篇文稿。</p>}
        {version && (
          <p className="docx-version" data-testid="docx-export-version">
            导出的是已保存的版本「{version.label}」（{new Date(version.createdAt).toLocaleString('zh-CN')}，{version.charCount} 字），不是当前文本；导出版本不另存版本。
          </p>
        )}
        <fieldset className="docx-modes">
          <legend>导出方式</legend>
          {EXPORT_MODES.map((m) => (
            <label key={m} className="docx-mode">
              <input type="radio" name="docx-mode" value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`docx-mode-${m}`} />
              <span>
                <b>{EXPORT_MODE_LABELS[m]}</b> <small>{version && m === 'revisions' ? VERSION_REVISIONS_HINT : MODE_HINTS[m]}</small>
              </span>
            </label>
          ))}
        </fieldset>
        {mode === 'revisions' && (
          <label className="field">
            <span>{version ? '对照的另一个版本' : '对照的早先版本'}</span>
            {versions === null ? (
              <em>正在读取版本…</em>
            ) : versions.length === 0 ? (
              <em className="docx-warn">
                {version ? '这篇文稿没有别的版本可作对照。' : '这篇文稿还没有保存过版本：请先在“版本”中保存一个版本。'}
              </em>
            ) : (
              <select value={against} onChange={(e) => setAgainst(e.target.value)} data-testid="docx-against">
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label} · {new Date(v.createdAt).toLocaleString('zh-CN')} · {v.charCount}字
                  </option>
                ))}
              </select>
            )}
          </label>
        )}
        {mode !== 'clean' && (
          <label className="field">
            <span>批注/修订署名（可空）</span>
            <input value={author} maxLength={60} placeholder="SpeechDraft" onChange={(e) => setAuthor(e.target.value)} />
          </label>
        )}
        <details className="docx-layout">
          <summary>版式设置（默认 GB/T 9704-2012：A4，每页 22 行、每行 28 字）</summary>
          <div className="docx-grid">
            <span className="docx-sub">页边距（毫米）</span>
            {MARGINS.map(([k, label]) => (
              <label key={k} className="docx-num">
                {label}
                <input type="number" min={5} max={80} step={0.5} value={layout[k] as number} onChange={(e) => setNum(k, e.target.value)} />
              </label>
            ))}
            <span className="docx-sub">版心</span>
            <label className="docx-num">
              每页行数
              <input type="number" min={5} max={60} value={layout.linesPerPage} onChange={(e) => setNum('linesPerPage', e.target.value)} />
            </label>
            <label className="docx-num">
              每行字数
              <input type="number" min={5} max={60} value={layout.charsPerLine} onChange={(e) => setNum('charsPerLine', e.target.value)} />
            </label>
          </div>
          <div className="docx-fonts">
            {FONT_LABELS.map(([k, label]) => (
              <label key={k} className="docx-font">
                <span>{label}</span>
                <input value={layout.fonts[k]} maxLength={60} onChange={(e) => setFont(k, e.target.value)} />
              </label>
            ))}
          </div>
          <label className="field docx-fallback">
            <span>对方电脑没有方正/GB2312字体时</span>
            <select value={layout.fontFallback} onChange={(e) => setLayout((l) => ({ ...l, fontFallback: e.target.value as FontFallback }))} data-testid="docx-font-fallback">
              {FONT_FALLBACKS.map((f) => (
                <option key={f} value={f}>
                  {FONT_FALLBACK_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
          <button className="btn btn-sm" onClick={() => setLayout(DEFAULT_GONGWEN_LAYOUT)}>
            恢复默认
          </button>
        </details>
        {problems.length > 0 && <p className="docx-warn">{problems.join('；')}</p>}
      </div>
    </Dialog>
  );
}
