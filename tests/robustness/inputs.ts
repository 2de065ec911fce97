// Malformed and pathological inputs for the CLI robustness suite, generated (nothing large is committed).
// Each input lives in a folder of its own (so `dedup DIR` can take it too). `heavy` inputs run in a child
// process with a timeout and a memory measurement (they could hang or eat memory); the rest in-process.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

export interface Input {
  /** Short name for messages. */
  id: string;
  file: string;
  dir: string;
  heavy?: boolean;
}

const hex = (h: string) => Buffer.from(h, 'hex');
const BIG5 = hex('a650a7d3adcca147a4b5a67ea548a8d3a141a7daadccb0edabf9c3ada4a4a844b669a475a740c160b0f2bdd5a141b2cec477b1c0b669b867c0d9aac0b77cb56fae69a655b6b5a475a740a141a8fab16fa446c5e3b5dba6a8c15aa1430a');
const SJIS = hex('8a4682b382f1814182b182f182c982bf82cd81428da1944e82e088ea944e8ad48141967b939682c982a894e682ea82b382dc82c582b582bd81429788944e82e082c782a482bc82e682eb82b582ad82a88ae882a282a282bd82b582dc82b781420a');
const EUCKR = hex('bfa9b7afbad020bec8b3e7c7cfbdcab4cfb1ee2e20bfc3c7d8b5b520c1a4b8bb20bcf6b0ed20b8b9c0b8bcccbdc0b4cfb4d92e20b3bbb3e2bfa1b5b520c0df20bacec5b9b5e5b8b3b4cfb4d92e0a');
const GBK = hex('cdacd6bec3c7a3babdf1c4ead2d4c0b4a3acced2c3c7bce1b3d6cec8d6d0c7f3bdf8b9a4d7f7d7dcbbf9b5f7a3accdb3b3efcdc6bdf8beadbcc3c9e7bbe1b7a2d5b9b8f7cfeeb9a4d7f7a3acc8a1b5c3c1cbcfd4d6f8b3c9bca8a1a30a');

export const SPEECH = '关于做好今年工作的讲话\n（2026年3月1日）\n同志们：\n一、充分肯定成绩\n今年以来，我们坚持稳中求进工作总基调，统筹推进各项工作。\n二、清醒认识问题\n（一）发展不平衡\n一些地方发展不平衡不充分的问题仍然突出。\n三、扎实做好工作\n1.抓好落实\n要以钉钉子精神抓好各项工作落实。\n';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) / 16777216;
}

function utf16(text: string, le: boolean, bom: boolean): Buffer {
  const b = Buffer.from(text, 'utf16le');
  if (!le) b.swap16();
  return Buffer.concat([bom ? Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]) : Buffer.alloc(0), b]);
}

function utf32(text: string, le: boolean): Buffer {
  const cps = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (le ? b.writeUInt32LE(cp, i * 4) : b.writeUInt32BE(cp, i * 4)));
  return b;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const documentXml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;
const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;

async function docx(parts: Record<string, string | Uint8Array>, opts: { main?: string; noRels?: boolean } = {}): Promise<Buffer> {
  const zip = new JSZip();
  const main = opts.main ?? 'word/document.xml';
  zip.file('[Content_Types].xml', `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
  if (!opts.noRels) zip.file('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="${main}"/></Relationships>`);
  for (const [name, data] of Object.entries(parts)) zip.file(name, data, { compression: 'DEFLATE', compressionOptions: { level: 1 } });
  return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 1 } }));
}

function lieAboutSize(bytes: Buffer, entry: string, size: number): Buffer {
  const name = Buffer.from(entry);
  for (let i = 0; i + 46 < bytes.length; i++) {
    const sig = bytes.readUInt32LE(i);
    if (sig === 0x04034b50 && bytes.subarray(i + 30, i + 30 + name.length).equals(name)) bytes.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50 && bytes.subarray(i + 46, i + 46 + name.length).equals(name)) bytes.writeUInt32LE(size, i + 24);
  }
  return bytes;
}

const nest = (depth: number, inner: string) => '['.repeat(depth) + inner + ']'.repeat(depth);
const blocksJson = (blocks: unknown[]) => JSON.stringify({ blocks });

/** Generate every input under `root`. */
export async function generateInputs(root: string): Promise<Input[]> {
  const out: Input[] = [];
  mkdirSync(root, { recursive: true });
  let n = 0;
  const add = (id: string, name: string, data: string | Uint8Array | ((file: string) => void), heavy = false) => {
    const dir = path.join(root, String(n++).padStart(3, '0'));
    mkdirSync(dir);
    const file = path.join(dir, name);
    if (typeof data === 'function') data(file);
    else writeFileSync(file, data);
    out.push({ id, file, dir, heavy });
  };

  // --- text: encodings
  const speechUtf8 = Buffer.from(SPEECH);
  add('utf8', 'a.txt', speechUtf8);
  add('utf8-bom', 'a.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), speechUtf8]));
  add('utf16le-bom', 'a.txt', utf16(SPEECH, true, true));
  add('utf16be-bom', 'a.txt', utf16(SPEECH, false, true));
  add('utf16le-nobom', 'a.txt', utf16(SPEECH, true, false));
  add('utf16be-nobom', 'a.txt', utf16(SPEECH, false, false));
  add('utf16-bom-odd', 'a.txt', Buffer.concat([utf16(SPEECH, true, true), Buffer.from([0x41])]));
  add('utf32le-bom', 'a.txt', utf32(SPEECH, true));
  add('utf32be-bom', 'a.txt', utf32(SPEECH, false));
  add('gbk', 'a.txt', GBK);
  add('big5', 'a.txt', BIG5);
  add('shift-jis', 'a.txt', SJIS);
  add('euc-kr', 'a.txt', EUCKR);
  add('big5-md', 'a.md', BIG5);
  add('nul-late', 'a.txt', Buffer.concat([Buffer.from(SPEECH.repeat(100)), Buffer.from([0])]));
  add('nul-first', 'a.txt', Buffer.concat([Buffer.from([0]), speechUtf8]));
  add('controls', 'a.txt', Buffer.from('讲话\x01\x02\x03\x1b[31m正文\x07'.repeat(50)));
  add('overlong-utf8', 'a.txt', Buffer.from([0xc0, 0x80, 0xe4, 0xbd, 0xa0]));
  add('lone-surrogate-utf8', 'a.txt', Buffer.from([0xed, 0xa0, 0x80, 0x41]));
  add('truncated-utf8', 'a.txt', Buffer.concat([speechUtf8, Buffer.from([0xf0, 0x9f])]));
  add('bom-only', 'a.txt', Buffer.from([0xef, 0xbb, 0xbf]));
  add('utf16-bom-only', 'a.txt', Buffer.from([0xff, 0xfe]));
  // --- text: shapes
  add('empty', 'a.txt', '');
  add('newline', 'a.txt', '\n');
  add('spaces', 'a.txt', ' \u3000\t'.repeat(1000));
  add('cr-only', 'a.txt', SPEECH.replace(/\n/g, '\r'));
  add('crlf', 'a.txt', SPEECH.replace(/\n/g, '\r\n'));
  add('punctuation-only', 'a.txt', '，。；！？'.repeat(4000));
  add('emoji', 'a.txt', '讲话😀👍🏽\u200d\u202e反向\ufeff中间BOM\n'.repeat(200));
  add('line-130k', 'a.txt', '关于工作的讲话\n' + '统筹推进各项工作'.repeat(16_250) + '\n', true);
  add('line-130k-punct', 'a.txt', ('统筹推进各项工作，'.repeat(14_500) + '。\n').repeat(2), true);
  add('line-1m', 'a.txt', '推'.repeat(1_000_000), true);
  add('lines-no-end-punct', 'a.txt', Array.from({ length: 2000 }, () => '统筹推进各项工作'.repeat(25)).join('\n'), true);
  add('short-lines-200k', 'a.txt', '字\n'.repeat(200_000), true);
  add('heading-lines-1m', 'a.txt', '一、标题\n'.repeat(1_000_000), true);
  add('text-over-20m', 'a.txt', '统筹推进各项工作。\n'.repeat(2_300_000), true);
  add('numbering-soup', 'a.txt', Array.from({ length: 2000 }, (_, i) => ['一、', '（一）', '1.', '（1）', '①', '第一，', '首先，'][i % 7] + '内容' + i).join('\n'));
  add('deep-enumeration', 'a.txt', Array.from({ length: 500 }, (_, i) => '（'.repeat(i % 50) + '一' + '）'.repeat(i % 50)).join('\n'));
  add('regex-bait', 'a.txt', ('（' + '一'.repeat(5000) + '\n').repeat(20) + '：'.repeat(50_000));
  add('salutations', 'a.txt', '同志们：\n'.repeat(5000));
  add('titles-only', 'a.txt', '关于……的讲话\n'.repeat(3000));
  for (let k = 0; k < 48; k++) {
    const r = rng(1000 + k);
    add(`random-bytes-${k}`, k % 3 === 0 ? 'a.md' : 'a.txt', Buffer.from(Array.from({ length: 256 + Math.floor(r() * 8192) }, () => Math.floor(r() * 256))));
  }
  const pieces = ['同志们：', '一、', '（一）', '1.', '统筹推进', '高质量发展', '，', '。', '\n', '\n\n', '  ', '！', '？', '“', '”', '（', '）', '——', '……', 'ABC', '2026年', '①', '\t'];
  for (let k = 0; k < 40; k++) {
    const r = rng(5000 + k);
    add(`random-speech-${k}`, 'a.txt', Array.from({ length: 200 + Math.floor(r() * 3000) }, () => pieces[Math.floor(r() * pieces.length)]).join(''));
  }

  // --- .docx
  const goodDocx = await docx({ 'word/document.xml': documentXml(SPEECH.split('\n').filter(Boolean).map(para).join('')) });
  add('docx-good', 'a.docx', goodDocx);
  add('docx-renamed-main', 'a.docx', await docx({ 'word/main.dat': documentXml(para('讲话') + para('正文。')) }, { main: 'word/main.dat' }));
  add('docx-no-rels', 'a.docx', await docx({ 'word/document.xml': documentXml(para('讲话')) }, { noRels: true }));
  add('docx-no-document', 'a.docx', await docx({ 'word/other.xml': '<x/>' }));
  add('docx-not-zip', 'a.docx', speechUtf8);
  add('docx-ole', 'a.docx', Buffer.concat([hex('d0cf11e0a1b11ae1'), Buffer.alloc(1024)]));
  add('docx-empty-zip', 'a.docx', hex('504b0506000000000000000000000000000000000000'));
  add('docx-bad-xml', 'a.docx', await docx({ 'word/document.xml': '<w:document><w:body><w:p>' }));
  add('docx-not-xml', 'a.docx', await docx({ 'word/document.xml': BIG5 }));
  add('docx-deep-xml', 'a.docx', await docx({ 'word/document.xml': documentXml('<w:p>'.repeat(50_000) + '</w:p>'.repeat(50_000)) }), true);
  add('docx-entities', 'a.docx', await docx({ 'word/document.xml': `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY e "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>&e;&e;&e;</w:t></w:r></w:p></w:body></w:document>` }));
  add('docx-130k-run', 'a.docx', await docx({ 'word/document.xml': documentXml(para('统筹推进各项工作'.repeat(16_250))) }), true);
  add('docx-many-paras', 'a.docx', await docx({ 'word/document.xml': documentXml(para('段').repeat(250_000)) }), true);
  add('docx-main-bomb', 'a.docx', lieAboutSize(await docx({ 'word/main.dat': documentXml('<w:p/>'.repeat(12_000_000)) }, { main: 'word/main.dat' }), 'word/main.dat', 1000), true);
  add('docx-styles-bomb', 'a.docx', await (async () => {
    const zip = await JSZip.loadAsync(goodDocx);
    zip.file('word/_rels/document.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="${R}/styles" Target="look.bin"/></Relationships>`);
    zip.file('word/look.bin', '<w:styles>' + ' '.repeat(80 * 1024 * 1024) + '</w:styles>', { compression: 'DEFLATE', compressionOptions: { level: 1 } });
    return lieAboutSize(Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 1 } })), 'word/look.bin', 100);
  })(), true);
  add('docx-many-entries', 'a.docx', await (async () => {
    const zip = await JSZip.loadAsync(goodDocx);
    for (let i = 0; i < 6000; i++) zip.file(`customXml/i${i}.xml`, '<x/>');
    return Buffer.from(await zip.generateAsync({ type: 'uint8array' }));
  })());
  for (const cut of [10, 30, 100, 300, 1000, goodDocx.length - 200, goodDocx.length - 22, goodDocx.length - 1]) add(`docx-truncated-${cut}`, 'a.docx', goodDocx.subarray(0, Math.max(4, cut)));
  for (let k = 0; k < 10; k++) {
    const r = rng(9000 + k);
    const b = Buffer.from(goodDocx);
    for (let j = 0; j < 20; j++) b[30 + Math.floor(r() * (b.length - 30))] = Math.floor(r() * 256);
    add(`docx-bitflip-${k}`, 'a.docx', b);
  }
  add('docx-as-txt', 'a.txt', goodDocx);

  // --- draft .json
  const leaf = (text: string, extra: Record<string, unknown> = {}) => ({ text, ...extra });
  const block = (text: string, type = 'paragraph', extra: Record<string, unknown> = {}) => ({ type, children: [leaf(text)], ...extra });
  add('json-invalid', 'a.json', '{"blocks": [');
  add('json-empty-object', 'a.json', '{}');
  add('json-array', 'a.json', '[]');
  add('json-null', 'a.json', 'null');
  add('json-blocks-string', 'a.json', '{"blocks":"x"}');
  add('json-bad-type', 'a.json', blocksJson([{ type: 'script', children: [leaf('x')] }]));
  add('json-no-children', 'a.json', blocksJson([{ type: 'paragraph', children: [] }]));
  add('json-text-number', 'a.json', blocksJson([{ type: 'paragraph', children: [{ text: 5 }] }]));
  add('json-good', 'a.json', blocksJson([block('讲话', 'title'), block('正文。')]));
  add('json-bom', 'a.json', '\ufeff' + blocksJson([block('讲话', 'title')]));
  add('json-utf16', 'a.json', utf16(blocksJson([block('讲话', 'title')]), true, true));
  add('json-draft-wrong-version', 'a.json', JSON.stringify({ format: 'speechdraft-draft', schemaVersion: 99, doc: { blocks: [] } }));
  add('json-leaf-nest-5000', 'a.json', `{"blocks":[{"type":"paragraph","children":[{"text":"x","mark":${nest(5000, '1')}}]}]}`);
  add('json-block-nest-5000', 'a.json', `{"blocks":[{"type":"paragraph","children":[{"text":"x"}],"data":${nest(5000, '{}')}}]}`);
  add('json-top-nest-100k', 'a.json', nest(100_000, ''), true);
  add('json-wide-marks', 'a.json', blocksJson([{ type: 'paragraph', children: [leaf('x', Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`m${i}`, i])))] }]), true);
  add('json-250k-blocks', 'a.json', blocksJson(Array.from({ length: 250_000 }, () => block('段'))), true);
  add('json-20k-leaves', 'a.json', blocksJson([{ type: 'paragraph', children: Array.from({ length: 20_000 }, () => leaf('x')) }]), true);
  add('json-25m-chars', 'a.json', blocksJson([block('推'.repeat(25_000_000))]), true);
  add('json-heading-level-9', 'a.json', blocksJson([{ type: 'heading', level: 9, children: [leaf('x')] }]));
  add('json-proto', 'a.json', '{"blocks":[{"type":"paragraph","children":[{"text":"x","__proto__":{"polluted":1}}]}],"__proto__":{"x":1}}');
  add('json-long-string-key', 'a.json', `{"${'k'.repeat(100_000)}":1,"blocks":[]}`);

  // --- odd files
  const fifo = (f: string) => execFileSync('mkfifo', [f]);
  add('fifo-txt', 'a.txt', fifo, true);
  add('fifo-docx', 'a.docx', fifo, true);
  add('fifo-json', 'a.json', fifo, true);
  add('dev-zero-txt', 'a.txt', (f) => symlinkSync('/dev/zero', f), true);
  add('dev-zero-docx', 'a.docx', (f) => symlinkSync('/dev/zero', f), true);
  add('dev-zero-json', 'a.json', (f) => symlinkSync('/dev/zero', f), true);
  add('dev-null', 'a.txt', (f) => symlinkSync('/dev/null', f));
  add('dir-as-file', 'a.txt', (f) => mkdirSync(f));
  add('dir-as-docx', 'a.docx', (f) => mkdirSync(f));
  add('symlink-loop', 'a.txt', (f) => symlinkSync(f, f));
  add('dangling-symlink', 'a.txt', (f) => symlinkSync(path.join(path.dirname(f), 'gone.txt'), f));
  add('missing', 'a.txt', () => undefined);
  add('no-extension', 'speech', speechUtf8);
  add('doc-extension', 'a.doc', speechUtf8);
  add('pdf', 'a.pdf', '%PDF-1.4\n');
  add('unicode-name', '讲话 稿（终）.txt', speechUtf8);
  add('long-name', 'x'.repeat(240) + '.txt', speechUtf8);
  add('socket-like-name', '-a.txt', speechUtf8);
  return out;
}
