// Parts of the package amended after the docx package wrote them: what it cannot express.
import type JSZip from 'jszip';
import { fontEntries } from '../../core/layout/fonts';
import type { GongwenLayout } from '../../core/layout/gongwen';
import { xmlAttr } from './revisions';
import type { Writer } from './writer';

export async function amendPart(zip: JSZip, name: string, change: (xml: string) => string): Promise<void> {
  const part = zip.file(name);
  if (!part) throw new Error(`docx package wrote no ${name}`);
  zip.file(name, change(await part.async('string')));
}

/**
 * The Normal style carries the body size (Word and LibreOffice derive the grid's character pitch from it)
 * and does not snap to the character grid: exact line spacing and condensed characters then give
 * 22 × 28 in Word, WPS and LibreOffice alike, while the grid keeps Word's page setup at 22 lines × 28 chars.
 */
export function withNormalStyle(xml: string, w: Writer): string {
  const size = Math.round(w.l.bodySizePt * 2);
  const f = w.l.fonts;
  const normal =
    '<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/>' +
    `<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="${w.m.linePitchTwip}" w:lineRule="exact"/></w:pPr>` +
    `<w:rPr><w:rFonts w:ascii="${xmlAttr(f.latin)}" w:hAnsi="${xmlAttr(f.latin)}" w:eastAsia="${xmlAttr(f.body)}" w:cs="${xmlAttr(f.latin)}" w:hint="eastAsia"/>` +
    `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`;
  const re = /<w:style w:type="paragraph" w:styleId="Normal"[^>]*>[\s\S]*?<\/w:style>/;
  if (!re.test(xml)) throw new Error('docx package wrote no Normal style');
  return xml.replace(re, normal);
}

/** Word's 修订 switched on: the reviewer's own edits to a 审阅稿/修订稿 are tracked too. */
export function withTrackRevisions(xml: string): string {
  if (xml.includes('<w:trackRevisions')) return xml;
  // CT_Settings order: trackRevisions comes before defaultTabStop.
  if (xml.includes('<w:defaultTabStop')) return xml.replace('<w:defaultTabStop', '<w:trackRevisions/><w:defaultTabStop');
  return xml.replace('</w:settings>', '<w:trackRevisions/></w:settings>');
}

/** fontTable.xml naming every font the layout uses, with its substitute and the hints Word/WPS match by. */
export function fontTableXml(l: GongwenLayout): string {
  const entries = fontEntries(Object.values(l.fonts), l.fontFallback);
  const fonts = entries
    .map(
      (e) =>
        `<w:font w:name="${xmlAttr(e.name)}"><w:altName w:val="${xmlAttr(e.altName)}"/><w:panose1 w:val="${e.panose}"/>` +
        `<w:charset w:val="${e.charset}"/><w:family w:val="${e.family}"/><w:pitch w:val="${e.pitch}"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  );
}
