import { CONFUSIONS_TSV } from '../../../data/proofread/confusions';
import { Matcher } from './matcher';
import type { ProofFinding } from './types';

/** One 错别字 entry of the reviewed list (data/proofread/confusions.ts). */
export interface Confusion {
  wrong: string;
  right: string;
  source: string;
  /** Longer strings containing the wrong form that are correct text (the match is left alone inside them). */
  except: string[];
}

export function parseConfusions(tsv: string): Confusion[] {
  const out: Confusion[] = [];
  for (const line of tsv.split('\n')) {
    if (!line.trim()) continue;
    const [wrong, right, source = '', except = ''] = line.split('\t');
    if (!wrong || !right) continue;
    out.push({ wrong, right, source, except: except ? except.split(',').filter(Boolean) : [] });
  }
  return out;
}

interface Compiled {
  list: Confusion[];
  matcher: Matcher;
  /** Pattern ids ≥ list.length are guards: correct words (right forms, exceptions) that contain a wrong form. */
  guards: string[];
}

let compiled: Compiled | null = null;

/** The automaton over the wrong forms and the guard words, built on first use. */
function compile(): Compiled {
  if (compiled) return compiled;
  const list = parseConfusions(CONFUSIONS_TSV);
  const wrongs = list.map((c) => c.wrong);
  const guardSet = new Set<string>();
  const wrongSet = new Set(wrongs);
  const rights = new Set(list.map((c) => c.right));
  for (const c of list) for (const e of c.except) guardSet.add(e);
  // A right form that contains another entry's wrong form (松弛 is right; is anything wrong inside it?) guards it.
  const probe = new Matcher(wrongs);
  for (const r of rights) if (!wrongSet.has(r) && probe.findAll(r).length) guardSet.add(r);
  const guards = [...guardSet];
  compiled = { list, matcher: new Matcher([...wrongs, ...guards]), guards };
  return compiled;
}

export function confusionList(): Confusion[] {
  return compile().list;
}

/** 错别字: every wrong form of the list, except inside a correct word that contains it. */
export function checkConfusions(text: string): ProofFinding[] {
  const { list, matcher } = compile();
  const all = matcher.findAll(text);
  const guards = all.filter((m) => m.id >= list.length);
  const hits = all.filter((m) => m.id < list.length).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ProofFinding[] = [];
  let until = -1;
  for (const m of hits) {
    if (m.start < until) continue;
    if (guards.some((g) => g.start <= m.start && g.end >= m.end && g.end - g.start > m.end - m.start)) continue;
    const c = list[m.id];
    until = m.end;
    out.push({
      kind: 'typo',
      rule: 'confusion',
      message: `疑似错别字：“${c.wrong}”应为“${c.right}”`,
      start: m.start,
      end: m.end,
      text: c.wrong,
      fix: c.right,
      confidence: c.source === '成语同音误植' ? 0.85 : 0.95,
    });
  }
  return out;
}
