// The documents of the 素材库 as a table: title, speaker, date, kind, 场合, 对象; sortable by any column,
// filtered by words, kind and 场合; each row opens the document, edits it, or removes it.
import { useMemo, useState } from 'react';
import type { LibraryDocMeta } from '../../contract/library';
import { LIBRARY_KINDS } from '../../contract/search';
import { displayDate } from '../../core/library/label';
import './library.css';

type SortKey = 'import' | 'title' | 'speaker' | 'date' | 'kind' | 'occasion' | 'audience' | 'chars';
const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'title', label: '标题' },
  { key: 'speaker', label: '讲话人' },
  { key: 'date', label: '日期' },
  { key: 'kind', label: '类别' },
  { key: 'occasion', label: '场合' },
  { key: 'audience', label: '对象' },
  { key: 'chars', label: '字数' },
];

function describeDoc(d: LibraryDocMeta): string {
  return `${d.originFile}${d.part ? ` 第${d.part}篇` : ''}${d.line ? ` 第${d.line}行` : ''}`;
}

export function LibraryTable(props: {
  /** In import order (the default sort). */
  docs: LibraryDocMeta[];
  onOpen(d: LibraryDocMeta): void;
  onEdit(d: LibraryDocMeta): void;
  onRemove(d: LibraryDocMeta): void;
}) {
  const { docs } = props;
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'import', desc: false });
  const [words, setWords] = useState('');
  const [kind, setKind] = useState('');
  const [occasion, setOccasion] = useState('');
  const occasions = useMemo(() => [...new Set(docs.map((d) => d.occasion).filter((o): o is string => !!o))].sort(), [docs]);
  const titleOf = (id: string) => docs.find((d) => d.id === id)?.label ?? id;

  const shown = useMemo(() => {
    const w = words.trim().toLowerCase();
    const rows = docs.filter(
      (d) =>
        (!w || [d.title, d.speaker, d.occasion, d.audience, d.originFile].some((v) => v?.toLowerCase().includes(w))) &&
        (!kind || d.kind === kind) &&
        (!occasion || d.occasion === occasion),
    );
    if (sort.key === 'import') return sort.desc ? [...rows].reverse() : rows;
    const key = sort.key;
    const val = (d: LibraryDocMeta): string | number => (key === 'chars' ? d.chars : (d[key] ?? ''));
    const sorted = [...rows].sort((a, b) => {
      const x = val(a);
      const y = val(b);
      // empty values last, whichever the direction
      if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
      return sort.desc ? -c : c;
    });
    return sorted;
  }, [docs, words, kind, occasion, sort]);

  const clickHead = (key: SortKey) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key === 'date' || key === 'chars' }));
  return (
    <>
      <div className="library-filter">
        <input data-testid="library-filter" placeholder="筛选：标题、讲话人、场合…" value={words} onChange={(e) => setWords(e.target.value)} />
        <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="library-filter-kind">
          <option value="">全部类别</option>
          {LIBRARY_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <select value={occasion} onChange={(e) => setOccasion(e.target.value)}>
          <option value="">全部场合</option>
          {occasions.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
        {sort.key !== 'import' && (
          <button className="link" onClick={() => setSort({ key: 'import', desc: false })}>
            按导入顺序
          </button>
        )}
        <span className="library-count">{shown.length < docs.length ? `显示 ${shown.length} / ${docs.length} 篇` : ''}</span>
      </div>
      <table className="library-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} onClick={() => clickHead(c.key)} data-testid={`library-sort-${c.key}`}>
                {c.label}
                {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((d) => (
            <tr key={d.id} className={d.duplicateOf ? 'dup' : ''} data-testid="library-doc" data-doc-id={d.id}>
              <td className="t" title={d.title}>
                <button className="link" data-testid="library-open" onClick={() => props.onOpen(d)}>
                  {d.title}
                </button>
                <div className="library-row-meta">
                  {describeDoc(d)}
                  {d.cleanings ? ` · 清理 ${d.cleanings} 处` : ''}
                  {d.duplicateOf && <span className="library-dup"> · 与《{titleOf(d.duplicateOf)}》近似重复，不单独计为来源</span>}
                </div>
              </td>
              <td>{d.speaker ?? ''}</td>
              <td>{d.date ? displayDate(d.date) : ''}</td>
              <td>{d.kind}</td>
              <td data-testid="library-occasion">{d.occasion ?? ''}</td>
              <td>{d.audience ?? ''}</td>
              <td>{d.chars}</td>
              <td style={{ whiteSpace: 'nowrap' }}>
                <button className="link" data-testid="library-edit" onClick={() => props.onEdit(d)}>
                  编辑
                </button>{' '}
                <button className="link danger" onClick={() => props.onRemove(d)}>
                  删除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
