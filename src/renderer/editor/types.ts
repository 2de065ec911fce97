// Slate's custom types: the editor edits the core model's blocks directly (the same JSON shape).
import type { BaseEditor, Operation } from 'slate';
import type { HistoryEditor } from 'slate-history';
import type { ReactEditor } from 'slate-react';
import type { Block, TextLeaf } from '../../core/model/types';
import type { NumberStore } from './numbers';

export interface SpeechEditorExt {
  numbers: NumberStore;
  /** True between compositionstart and compositionend (set by the Editable's handlers). */
  composing: boolean;
  /** Listeners called after every change (after Slate's own onChange). */
  changeListeners: Set<(structural: boolean, contentChanged: boolean) => void>;
  /** Listeners called with each operation just before it is applied (the editor still as it was). */
  applyListeners: Set<(op: Operation) => void>;
}

export type SpeechEditor = BaseEditor & ReactEditor & HistoryEditor & SpeechEditorExt;

declare module 'slate' {
  interface CustomTypes {
    Editor: SpeechEditor;
    Element: Block;
    Text: TextLeaf;
  }
}
