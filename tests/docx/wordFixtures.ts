import JSZip from 'jszip';

// Minimal WordprocessingML packages written by hand (raw XML zipped with jszip), for the import tests.

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export const p = (text: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
export const styled = (styleId: string, text: string) => p(text, `<w:pStyle w:val="${styleId}"/>`);
export const numbered = (numId: number, ilvl: number, text: string) => p(text, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);
export const style = (id: string, name: string, pPr = '') => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}</w:style>`;

export interface Parts {
  body: string;
  styles?: string;
  numbering?: string;
  footnotes?: string;
  comments?: string;
}

export async function makeDocx(parts: Parts): Promise<Uint8Array> {
  const zip = new JSZip();
  const over: string[] = [];
  const rels: string[] = [];
  const add = (name: string, type: string, rel: string, root: string, inner: string) => {
    zip.file(`word/${name}`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:${root} ${W}>${inner}</w:${root}>`);
    over.push(`<Override PartName="/word/${name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.${type}+xml"/>`);
    rels.push(`<Relationship Id="rId${rels.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${rel}" Target="${name}"/>`);
  };
  if (parts.styles) add('styles.xml', 'styles', 'styles', 'styles', parts.styles);
  if (parts.numbering) add('numbering.xml', 'numbering', 'numbering', 'numbering', parts.numbering);
  if (parts.footnotes) add('footnotes.xml', 'footnotes', 'footnotes', 'footnotes', parts.footnotes);
  if (parts.comments) add('comments.xml', 'comments', 'comments', 'comments', parts.comments);
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${parts.body}<w:sectPr/></w:body></w:document>`);
  zip.file('word/_rels/document.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>${over.join('')}</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  return zip.generateAsync({ type: 'uint8array' });
}
