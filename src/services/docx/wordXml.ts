// Small helpers over @xmldom/xmldom for WordprocessingML: elements by local name (whatever the prefix),
// w: attributes, and parsing a part of the package with a clear error when it is not well-formed XML.
import { DOMParser } from '@xmldom/xmldom';
import type JSZip from 'jszip';
import { ApiError } from '../../contract/define';

export type XmlElement = {
  localName: string | null;
  childNodes: { length: number; [i: number]: unknown };
  getAttribute(name: string): string | null;
  getAttributeNS(ns: string, name: string): string | null;
};

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function isElement(n: unknown): n is XmlElement {
  return typeof n === 'object' && n !== null && (n as { nodeType?: number }).nodeType === 1;
}

/** Element children of `el` (all, or those with one of the local names). */
export function children(el: XmlElement | null, ...names: string[]): XmlElement[] {
  const out: XmlElement[] = [];
  if (!el) return out;
  for (let i = 0; i < el.childNodes.length; i++) {
    const n = el.childNodes[i];
    if (isElement(n) && (names.length === 0 || names.includes(n.localName ?? ''))) out.push(n);
  }
  return out;
}

export function child(el: XmlElement | null, name: string): XmlElement | null {
  return children(el, name)[0] ?? null;
}

/** A w: attribute (by namespace, or by its usual `w:` prefix). */
export function attr(el: XmlElement | null, name: string): string | null {
  if (!el) return null;
  const v = el.getAttributeNS(W, name);
  if (v !== null && v !== '') return v;
  const p = el.getAttribute(`w:${name}`);
  return p !== null && p !== '' ? p : null;
}

/** A part of the package as its root element, or null when the package has no such part. */
export async function readPart(zip: JSZip, part: string, fileName: string): Promise<XmlElement | null> {
  const f = zip.file(part);
  if (!f) return null;
  const xml = await f.async('string');
  let failure: string | null = null;
  const doc = new DOMParser({
    errorHandler: {
      // xmldom only warns about elements left open; for a Word part that is damage
      warning: (m: string) => void (/unclosed|end tag/i.test(m) && (failure ??= m)),
      error: (m: string) => void (failure ??= m),
      fatalError: (m: string) => void (failure ??= m),
    },
  }).parseFromString(xml, 'text/xml');
  const root = doc?.documentElement as unknown as XmlElement | null;
  if (failure || !root) throw new ApiError('damaged', `${fileName} 内容已损坏（${part} 不是有效的 XML），无法读取，未作任何改动`, failure ?? 'no root');
  return root;
}
