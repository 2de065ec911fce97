// 搜索 panel: search the 素材库 and the drafts as you type (phrase or all words, filters), open a hit in
// its document, 插入 the sentence of a hit into the draft as a known quotation (its source recorded); and
// 「相似素材」, the library paragraphs most like the paragraph at the caret.
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../contract/define';
import { LIBRARY_KINDS, type LibraryKind, type SearchFilters, type SearchHit, type SearchResult, type SimilarParagraph } from '../../contract/search';
import { Blocks } from '../../core/model/block';
import { useCaretBlockIndex } from '../editor/hooks';
import { useWorkbench, type Workbench } from '../workbench/context';
import { reuseStore } from '../reuse/store';
import { SourceView } from '../reuse/ReusePanel';
import './library.css';

/** Wait after the last keystroke before searching (never during an IME composition: the input's value does not change then). */
const SEARCH_DELAY_MS = 200;

/** The sentence of `text` around [start, end): what 插入 puts into the draft. */
export function sentenceAround(text: string, start: number, end: number): { text: string; start: number } {
  const stops = /[。！？!?；;\n]/;
  let a = start;
  while (a > 0 && !stops.test(text[a - 1]) && start - a < 300) a--;
  let b = end;
  while (b < text.length && !stops.test(text[b]) && b - end < 300) b++;
  if (b < text.length && text[b] !== '\n') b++;
  return { text: text.slice(a, b).trim(), start: a };
}

/** Insert a passage of a source into the draft as a quotation: the block records its origin, the check counts it as 引用. */
async function insertQuoted(wb: Workbench, q: { sourceId: string; label: string; text: string; locator: string }): Promise<void> {
  if (!wb.draft) return;
  wb.insertBlocks([Blocks.paragraph(q.text, { origin: { sourceId: q.sourceId, sourceTitle: q.label, locator: q.locator } })]);
  try {
    const { states } = await wb.api['reuse.setPassageState']({ draftId: wb.draft.id, text: q.text, sourceId: q.sourceId, state: 'quoted' });
    reuseStore.set({ states });
    reuseStore.requestCheck();
    wb.notify(`已插入，并记为引用：${q.label}`, 'success');
  } catch (err) {
    wb.notify(ApiError.from(err).message, 'error');
  }
}

const sourceIdOf = (h: { source: 'library' | 'draft'; docId: string }) => (h.source === 'draft' ? `draft:${h.docId}` : h.docId);

function Highlighted({ s }: { s: SearchHit['snippet'] }) {
  return (
    <span className="search-snippet">
      {s.text.slice(0, s.start)}
      <mark>{s.text.slice(s.start, s.end)}</mark>
      {s.text.slice(s.end)}
    </span>
  );
}

export function SearchPanel() {
  const wb = useWorkbench();
  const { api, openModal, draft, doc, docVersion, editor } = wb;
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<'phrase' | 'all'>('phrase');
  const [filters, setFilters] = useState<SearchFilters>({});
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResult(null);
      setError(null);
      return;
    }
    const my = ++seq.current;
    const t = setTimeout(() => {
      api['search.query']({ query: q, mode, filters, limit: 100 })
        .then((r) => {
          if (my === seq.current) {
            setResult(r);
            setError(null);
          }
        })
        .catch((err) => my === seq.current && setError(ApiError.from(err).message));
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [api, query, mode, filters]);

  const setFilter = (patch: Partial<SearchFilters>) =>
    setFilters((f) => {
      const next: Record<string, unknown> = { ...f, ...patch };
      for (const k of Object.keys(next)) if (next[k] === undefined || next[k] === '') delete next[k];
      return next as SearchFilters;
    });
  const year = (v: string) => (/^\d{4}$/.test(v) ? Number(v) : undefined);

  const insertHit = async (h: SearchHit) => {
    const text = h.source === 'library' ? (await api['library.get']({ id: h.docId })).text : (await api['reuse.source']({ sourceId: sourceIdOf(h) })).text;
    const s = sentenceAround(text, h.start, h.end);
    await insertQuoted(wb, { sourceId: sourceIdOf(h), label: h.label, text: s.text, locator: `第${s.start}字起` });
  };

  // 「相似素材」 for the paragraph at the caret
  const caret = useCaretBlockIndex(editor);
  const paragraph = useMemo(() => {
    void docVersion;
    const b = caret >= 0 ? doc.blocks[caret] : undefined;
    return b ? Blocks.text(b).trim() : '';
  }, [doc, docVersion, caret]);
  const [similar, setSimilar] = useState<SimilarParagraph[]>([]);
  useEffect(() => {
    if (paragraph.length < 4) return setSimilar([]);
    let live = true;
    const t = setTimeout(() => {
      api['search.similar']({ text: paragraph.slice(0, 20_000), limit: 5, ...(draft ? { draftId: draft.id } : {}) })
        .then((r) => live && setSimilar(r.paragraphs))
        .catch(() => live && setSimilar([]));
    }, 400);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, paragraph, draft]);

  return (
    <div className="search-panel" data-testid="search-panel">
      <input
        className="search-input"
        data-testid="search-input"
        placeholder="搜索素材库和文稿…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="search-options">
        <label>
          <input type="radio" checked={mode === 'phrase'} onChange={() => setMode('phrase')} /> 整句
        </label>
        <label>
          <input type="radio" checked={mode === 'all'} onChange={() => setMode('all')} data-testid="search-mode-all" /> 全部词语（空格分开）
        </label>
      </div>
      <div className="search-filters">
        <select value={filters.kind ?? ''} onChange={(e) => setFilter({ kind: (e.target.value || undefined) as LibraryKind | undefined })} title="类别">
          <option value="">全部类别</option>
          {LIBRARY_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <select value={filters.source ?? ''} onChange={(e) => setFilter({ source: (e.target.value || undefined) as SearchFilters['source'] })} title="范围">
          <option value="">素材库和文稿</option>
          <option value="library">只搜素材库</option>
          <option value="draft">只搜文稿</option>
        </select>
        <input placeholder="讲话人" defaultValue="" onBlur={(e) => setFilter({ speaker: e.target.value.trim() || undefined })} />
        <input placeholder="场合" defaultValue="" onBlur={(e) => setFilter({ occasion: e.target.value.trim() || undefined })} />
        <input placeholder="起年" className="year" onBlur={(e) => setFilter({ yearFrom: year(e.target.value) })} />
        <input placeholder="止年" className="year" onBlur={(e) => setFilter({ yearTo: year(e.target.value) })} />
      </div>
      {error && <div className="field-error">{error}</div>}
      {result && (
        <div className="search-count" data-testid="search-count">
          找到 {result.total} 处{result.hits.length < result.total ? `，显示前 ${result.hits.length} 处` : ''}
        </div>
      )}
      <div className="search-hits">
        {result?.hits.map((h, i) => (
          <div key={`${h.docId}-${h.start}-${i}`} className="search-hit" data-testid="search-hit">
            <div className="search-hit-title" title={h.label}>
              {h.source === 'draft' && <span className="search-tag">文稿</span>}
              {h.label}
            </div>
            <Highlighted s={h.snippet} />
            <div className="search-hit-actions">
              <button className="link" data-testid="search-open" onClick={() => openModal(<SourceView sourceId={sourceIdOf(h)} start={h.start} end={h.end} />)}>
                打开
              </button>
              {draft && (
                <button className="link" data-testid="search-insert" onClick={() => void insertHit(h)} title="把这一句插入文稿，并记下出处（作为引用）">
                  插入
                </button>
              )}
            </div>
          </div>
        ))}
      </div>
      {similar.length > 0 && (
        <div className="search-similar" data-testid="similar-list">
          <div className="reuse-subhead">相似素材（与光标所在段落相近）</div>
          {similar.map((p, i) => (
            <div key={`${p.docId}-${p.start}-${i}`} className="search-hit" data-testid="similar-paragraph">
              <div className="search-hit-title" title={p.label}>
                {p.label} <span className="search-score">{Math.round(p.score * 100)}%</span>
              </div>
              <div className="search-snippet">{p.text.length > 120 ? p.text.slice(0, 120) + '…' : p.text}</div>
              <div className="search-hit-actions">
                <button className="link" onClick={() => openModal(<SourceView sourceId={sourceIdOf(p)} start={p.start} end={p.end} />)}>
                  打开
                </button>
                <button className="link" onClick={() => void insertQuoted(wb, { sourceId: sourceIdOf(p), label: p.label, text: p.text, locator: `第${p.start}字起` })}>
                  插入
                </button>
              </div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
