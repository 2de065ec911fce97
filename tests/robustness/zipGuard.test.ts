// The zip-bomb guard follows the package's relationships: a main part renamed to word/main.dat, or a styles
// part redirected to a .bin, is inflated under the same hard cap as word/document.xml, also when the zip
// directory lies about its size.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/contract/define';
import { checkDocx, DOCX_LIMITS, importDocx } from '../../src/services/docx/import';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
const documentXml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;

/** A package whose main part is `main` and whose styles part is `styles`, with the given contents. */
async function pkg(opts: { main: string; mainXml: string | Uint8Array; styles?: string; stylesXml?: string | Uint8Array }): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/${opts.main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
  zip.file('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="${opts.main}"/></Relationships>`);
  zip.file(opts.main, opts.mainXml, { compression: 'DEFLATE', compressionOptions: { level: 1 } });
  if (opts.styles) {
    const base = opts.main.split('/').pop()!;
    const dir = opts.main.includes('/') ? opts.main.slice(0, opts.main.lastIndexOf('/') + 1) : '';
    zip.file(`${dir}_rels/${base}.rels`, `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/styles" Target="${opts.styles.slice(dir.length)}"/></Relationships>`);
    zip.file(opts.styles, opts.stylesXml ?? '<w:styles/>', { compression: 'DEFLATE', compressionOptions: { level: 1 } });
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

/** Make the zip directory (local headers and central directory) claim `size` bytes for `entry`. */
function lieAboutSize(bytes: Uint8Array, entry: string, size: number): void {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const name = new TextEncoder().encode(entry);
  const at = (i: number) => name.every((b, k) => bytes[i + k] === b);
  let patched = 0;
  for (let i = 0; i + 46 < bytes.length; i++) {
    const sig = dv.getUint32(i, true);
    if (sig === 0x04034b50 && at(i + 30)) {
      dv.setUint32(i + 22, size, true);
      patched++;
    }
    if (sig === 0x02014b50 && at(i + 46)) {
      dv.setUint32(i + 24, size, true);
      patched++;
    }
  }
  expect(patched).toBe(2);
}

async function refusedAsBomb(p: Promise<unknown>): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).code).toBe('too-large');
  expect((err as ApiError).message).toMatch(/压缩炸弹/);
}

describe('relationships decide what is checked', () => {
  it('a main part under another name is what readers read (so it must be what is checked)', async () => {
    const bytes = await pkg({ main: 'word/main.dat', mainXml: documentXml(para('关于做好今年工作的讲话') + para('同志们：') + para('今年以来，我们坚持稳中求进。')) });
    const r = await importDocx(bytes, 'renamed.docx');
    expect(r.text).toContain('今年以来，我们坚持稳中求进。');
  });

  it('a bomb as the renamed main part, with a lying directory, is refused before any reader inflates it', async () => {
    const huge = documentXml('<w:p/>'.repeat(12_000_000)); // 72 MB of XML, past the 64 MB part cap
    const bytes = await pkg({ main: 'word/main.dat', mainXml: huge });
    lieAboutSize(bytes, 'word/main.dat', 1000);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    await refusedAsBomb(importDocx(bytes, 'bomb.docx'));
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(600 * 1024 * 1024);
  }, 60_000);

  it('a styles part redirected to a .bin bomb is refused too (limits scaled down)', async () => {
    const limits = { ...DOCX_LIMITS, maxPartBytes: 1024 * 1024 };
    const bytes = await pkg({ main: 'word/document.xml', mainXml: documentXml(para('正文')), styles: 'word/look.bin', stylesXml: '<w:styles>' + ' '.repeat(3 * 1024 * 1024) + '</w:styles>' });
    lieAboutSize(bytes, 'word/look.bin', 500);
    await refusedAsBomb(checkDocx(bytes, 'styles-bomb.docx', limits));
    // The same bytes under a name no relationship points to are never read: not a reason to refuse.
    const zip = await JSZip.loadAsync(await pkg({ main: 'word/document.xml', mainXml: documentXml(para('正文')) }));
    zip.file('word/unused.bin', ' '.repeat(3 * 1024 * 1024), { compression: 'DEFLATE' });
    await expect(checkDocx(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), 'ok.docx', limits)).resolves.toBeDefined();
  });

  it('many parts that are each under the cap but together over the total are refused', async () => {
    const limits = { ...DOCX_LIMITS, maxPartBytes: 2 * 1024 * 1024, maxInflatedBytes: 3 * 1024 * 1024 };
    const bytes = await pkg({ main: 'word/document.xml', mainXml: documentXml(para('x'.repeat(1_800_000))), styles: 'word/styles.xml', stylesXml: '<w:styles>' + ' '.repeat(1_800_000) + '</w:styles>' });
    await refusedAsBomb(checkDocx(bytes, 'sum.docx', limits));
  });

  it('a package relationship to a missing main part is a clear damaged error', async () => {
    const zip = await JSZip.loadAsync(await pkg({ main: 'word/main.dat', mainXml: documentXml(para('x')) }));
    zip.remove('word/main.dat');
    const err = await checkDocx(await zip.generateAsync({ type: 'uint8array' }), 'hollow.docx').catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('damaged');
    expect((err as ApiError).message).toContain('缺少主文档');
  });
});
