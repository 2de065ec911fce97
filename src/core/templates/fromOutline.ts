import { Blocks } from '../model/block';
import type { SectionRole, SpeechDoc } from '../model/types';
import { classifyRole } from '../outline/roles';
import { TEMPLATE_FORMAT, TEMPLATE_ID_RE, TEMPLATE_SCHEMA_VERSION, type Template, type TemplateSection } from './schema';
import { CLOSING_ID, OPENING_ID } from './instantiate';

function firstWords(s: string, n = 40): string {
  const t = s.trim();
  return t.length > n ? t.slice(0, n) + '……' : t;
}

/**
 * 另存为模板: the outline of a draft (its level-1 and level-2 headings, roles, opening and closing) as a
 * new template. Body text is not copied into examples; guidance quotes the beginning of each part.
 */
export function outlineToTemplate(doc: SpeechDoc, opts: { id: string; name: string; description?: string }): Template {
  const blocks = doc.blocks;
  const title = Blocks.text(blocks.find((b) => b.type === 'title') ?? Blocks.make('title', '')).trim();
  const sal = Blocks.text(blocks.find((b) => b.type === 'salutation') ?? Blocks.make('salutation', '同志们：')).trim() || '同志们：';
  const firstHead = blocks.findIndex((b) => Blocks.isHeading(b) && b.level === 1);
  const paraText = (from: number, to: number) =>
    blocks
      .slice(from, to)
      .filter((b) => b.type === 'paragraph' && !Blocks.isEmpty(b))
      .map((b) => Blocks.text(b))
      .join('\n');
  const openingText = paraText(0, firstHead < 0 ? blocks.length : firstHead);
  const sections: TemplateSection[] = [];
  const used = new Set<string>();
  let closingText = '';
  blocks.forEach((b, i) => {
    if (!Blocks.isHeading(b) || b.level !== 1) return;
    let end = blocks.findIndex((n, k) => k > i && Blocks.isHeading(n) && n.level === 1);
    if (end < 0) end = blocks.length;
    // The last section's trailing `同志们，…` paragraph is the closing.
    let bodyEnd = end;
    if (end === blocks.length) {
      const last = blocks.length - 1;
      const lb = blocks[last];
      if (lb.type === 'paragraph' && (lb.sectionId === CLOSING_ID || /^同志们[，,！!]/u.test(Blocks.text(lb).trim()))) {
        closingText = Blocks.text(lb);
        bodyEnd = last;
      }
    }
    const heading = Blocks.text(b).trim() || `第${sections.length + 1}部分`;
    const body = paraText(i + 1, bodyEnd);
    const role: SectionRole = (b.role as SectionRole | undefined) ?? classifyRole(heading, body).role;
    let id = b.sectionId && TEMPLATE_ID_RE.test(b.sectionId) ? b.sectionId : `s${sections.length + 1}`;
    while (used.has(id) || id === OPENING_ID || id === CLOSING_ID) id = `${id}-${sections.length + 1}`;
    used.add(id);
    const subpoints = blocks
      .slice(i + 1, bodyEnd)
      .filter((n) => Blocks.isHeading(n) && n.level === 2 && !Blocks.isEmpty(n))
      .map((n) => ({ heading: Blocks.text(n).trim() }));
    sections.push({
      id,
      role,
      heading,
      subpoints,
      guidance: body ? `（${role}）原稿此部分开头：“${firstWords(body)}”` : `（${role}）`,
      transitions: [],
      examples: [],
    });
  });
  if (sections.length === 0) {
    sections.push({ id: 's1', role: '其他', heading: '主体', subpoints: [], guidance: '正文', transitions: [], examples: [] });
  }
  return {
    format: TEMPLATE_FORMAT,
    schemaVersion: TEMPLATE_SCHEMA_VERSION,
    id: opts.id,
    name: opts.name,
    description: opts.description ?? (title ? `由《${title}》的提纲生成` : '由文稿提纲生成'),
    titlePattern: title || '在××会议上的讲话',
    salutation: sal,
    opening: { guidance: openingText ? `开场。原稿开头：“${firstWords(openingText)}”` : '开场：说明会议主题，表明态度。', transitions: [], examples: [] },
    sections,
    closing: { guidance: closingText ? `结尾。原稿结尾：“${firstWords(closingText)}”` : '结尾：发出号召，提出期望。', transitions: [], examples: [] },
    ...(title ? { source: { title } } : {}),
  };
}
