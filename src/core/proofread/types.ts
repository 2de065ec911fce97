/** The kinds of 校对 findings, in the order the panel shows them. */
export type ProofKind = 'typo' | 'formulation' | 'number' | 'punctuation' | 'repeat';

export const PROOF_KIND_NAMES: Record<ProofKind, string> = {
  typo: '错别字',
  formulation: '规范提法',
  number: '数字用法',
  punctuation: '标点',
  repeat: '重复字词',
};

export const PROOF_KINDS: ProofKind[] = ['typo', 'formulation', 'number', 'punctuation', 'repeat'];

/** One finding. Offsets are UTF-16 offsets into the checked text (a paragraph, or the whole text). */
export interface ProofFinding {
  kind: ProofKind;
  /** Which rule found it (`confusion`, `missing-quotes`, `doubled-mark`, …): stable, for tests and 忽略. */
  rule: string;
  /** Chinese, for the writer. */
  message: string;
  start: number;
  end: number;
  /** The text at [start, end). */
  text: string;
  /** Replacement for [start, end); null when there is no single fix. */
  fix: string | null;
  /** 0…1: how sure the check is that this is an error. */
  confidence: number;
}

/** A finding located in a paragraph (block) of a document. */
export interface ParaFinding extends ProofFinding {
  para: number;
}

export interface Range {
  start: number;
  end: number;
}

export interface ProofOptions {
  /** 加入词库: words never flagged (a finding whose text is one of them, or lies inside one, is dropped). */
  userWords?: readonly string[];
  /** Passages marked as quotations (标为引用), left alone: offsets into the checked text. */
  quotes?: readonly Range[];
}
