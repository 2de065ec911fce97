import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptAttribute, DOCUMENT_EXTENSIONS, DOCUMENT_FILTER, hasExtension, LIBRARY_EXTENSIONS } from '../../src/contract/fileKinds';
import { isLibraryFile, readLibrarySource } from '../../src/services/library/sources';
import { readDocument } from '../../src/services/import/readDocument';

const ROOT = path.resolve(__dirname, '../..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

describe('the one list of document files (contract/fileKinds.ts)', () => {
  it('documents include web pages; the 素材库 takes them and .jsonl', () => {
    for (const e of ['txt', 'docx', 'html', 'htm']) expect(DOCUMENT_EXTENSIONS).toContain(e);
    expect(LIBRARY_EXTENSIONS).toEqual([...DOCUMENT_EXTENSIONS, 'jsonl']);
    expect(acceptAttribute(DOCUMENT_EXTENSIONS).split(',')).toEqual(expect.arrayContaining(['.html', '.htm', '.docx', '.txt']));
    expect(DOCUMENT_FILTER.extensions).toEqual(expect.arrayContaining(['html', 'htm']));
    expect(DOCUMENT_FILTER.extensions.length).toBeLessThanOrEqual(10); // the desktop contract's filter limit
    expect(hasExtension('讲话.HTM', DOCUMENT_EXTENSIONS)).toBe(true);
    expect(hasExtension('讲话.html.bak', DOCUMENT_EXTENSIONS)).toBe(false);
    expect(isLibraryFile('a/讲话.html')).toBe(true);
    expect(isLibraryFile('a/讲话.jsonl')).toBe(true);
    expect(isLibraryFile('a/讲话.pdf')).toBe(false);
  });

  it('no open picker writes its own list of document extensions (renderer accept=, Electron filters; the export save dialog .docx filter is no such list)', () => {
    const offenders: string[] = [];
    for (const f of [...sources(path.join(ROOT, 'src/renderer')), ...sources(path.join(ROOT, 'electron'))]) {
      const s = readFileSync(f, 'utf8');
      if (/accept="[^"]*\.(txt|docx)/.test(s) || /extensions:\s*\[[^\]]*'(txt|html|md)'/.test(s)) offenders.push(path.relative(ROOT, f));
    }
    expect(offenders).toEqual([]);
  });

  it('a web page is read into the 素材库 as import reads it (paragraphs, cleaned)', async () => {
    const html = '<html><body><p class=MsoTitle>在全市工作会议上的讲话</p><p>同志们：</p><h1>一、总体要求</h1><p>今年的工作要稳字当头，稳中求进。</p></body></html>';
    const bytes = Buffer.from(html, 'utf8');
    const lib = await readLibrarySource('讲话.html', bytes);
    const doc = await readDocument('讲话.html', bytes);
    expect(lib.rawKind).toBe('html-text');
    expect(lib.parts).toHaveLength(1);
    expect(lib.parts[0].text).toContain('今年的工作要稳字当头，稳中求进。');
    expect(lib.parts[0].text).toContain('一、总体要求');
    expect(doc.text).toBe('在全市工作会议上的讲话\n同志们：\n一、总体要求\n今年的工作要稳字当头，稳中求进。');
    await expect(readLibrarySource('讲话.pdf', bytes)).rejects.toThrow(/素材库支持 \.txt、\.docx、\.html、\.jsonl/);
  });
});
