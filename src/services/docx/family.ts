// A draft's family in its Word exports: the draft id and family id as custom document properties
// (docProps/custom.xml, 文件 → 属性 → 自定义 in Word), read back when the file is imported as a draft, so a
// re-import of a draft's own export is one family with it (never a source against it).
import JSZip from 'jszip';
import type { DraftOrigin } from '../../contract/drafts';

const DRAFT_PROP = 'SpeechDraftDraftId';
const FAMILY_PROP = 'SpeechDraftFamilyId';
const CUSTOM_PART = 'docProps/custom.xml';
const CUSTOM_CT = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';
const CUSTOM_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';
const FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function property(pid: number, name: string, value: string): string {
  return `<property fmtid="${FMTID}" pid="${pid}" name="${name}"><vt:lpwstr>${esc(value)}</vt:lpwstr></property>`;
}

/** The export's bytes with the draft's id and family written as custom document properties. */
export async function withFamilyProperties(bytes: Uint8Array, draft: { id: string; origin?: DraftOrigin }): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const familyId = draft.origin?.familyId ?? draft.id;
  let xml = await zip.file(CUSTOM_PART)?.async('string');
  if (xml) {
    xml = xml.replace(/<Properties([^>]*?)\s*\/>\s*$/, '<Properties$1></Properties>');
    xml = xml.replace(new RegExp(`<property [^>]*name="(${DRAFT_PROP}|${FAMILY_PROP})"[^>]*>.*?</property>`, 'gs'), '');
    const pids = [...xml.matchAll(/pid="(\d+)"/g)].map((m) => Number(m[1]));
    const next = Math.max(1, ...pids) + 1;
    xml = xml.replace(/<\/Properties>\s*$/, `${property(next, DRAFT_PROP, draft.id)}${property(next + 1, FAMILY_PROP, familyId)}</Properties>`);
  } else {
    xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      property(2, DRAFT_PROP, draft.id) +
      property(3, FAMILY_PROP, familyId) +
      '</Properties>';
    const ct = await zip.file('[Content_Types].xml')?.async('string');
    if (ct && !ct.includes(`PartName="/${CUSTOM_PART}"`)) {
      zip.file('[Content_Types].xml', ct.replace('</Types>', `<Override PartName="/${CUSTOM_PART}" ContentType="${CUSTOM_CT}"/></Types>`));
    }
    const rels = await zip.file('_rels/.rels')?.async('string');
    if (rels && !rels.includes(CUSTOM_REL)) {
      const ids = [...rels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
      zip.file('_rels/.rels', rels.replace('</Relationships>', `<Relationship Id="rId${Math.max(0, ...ids) + 1}" Type="${CUSTOM_REL}" Target="${CUSTOM_PART}"/></Relationships>`));
    }
  }
  zip.file(CUSTOM_PART, xml);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** The family a .docx says it was exported from (an origin for the imported draft), or undefined. */
export async function readFamilyOrigin(name: string, bytes: Uint8Array): Promise<DraftOrigin | undefined> {
  if (!/\.docx$/i.test(name)) return undefined;
  try {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file(CUSTOM_PART)?.async('string');
    if (!xml) return undefined;
    const value = (prop: string) => new RegExp(`name="${prop}"[^>]*>\\s*<vt:lpwstr>([^<]*)</vt:lpwstr>`).exec(xml)?.[1];
    const draftId = value(DRAFT_PROP);
    const familyId = value(FAMILY_PROP) ?? draftId;
    if (!draftId || !familyId || !TOKEN.test(draftId) || !TOKEN.test(familyId)) return undefined;
    return { kind: 'import', draftId, familyId };
  } catch {
    return undefined; // a damaged file is refused by the import itself, with its own message
  }
}
