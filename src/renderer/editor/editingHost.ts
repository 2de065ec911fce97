// Before every commit React saves the selection of the focused element, in case the commit moves the focus:
// for an input or textarea that is two numbers, for a contenteditable it is a walk over every text node of
// the editing host counting characters up to the caret (react-dom's getSelectionInformation). In a
// 50,000-character draft that walk costs about 5 ms, paid on every keystroke and on every render of any other
// part of the window while the editor has the focus. Slate keeps and restores the editor's selection itself,
// so React is not told that the editor is an editing host: on this element only, `contentEditable` (the
// property React reads) answers 'inherit'. The attribute, which is what the browser edits by, stays "true",
// and `isContentEditable` (which Slate and the browser read) stays true.

const PROPERTY = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'contentEditable');

/** Hide `el` from React's selection saving (see above); returns the undo. */
export function hideEditingHostFromReact(el: HTMLElement): () => void {
  if (!PROPERTY?.set) return () => undefined;
  const set = PROPERTY.set;
  Object.defineProperty(el, 'contentEditable', {
    configurable: true,
    get: () => 'inherit',
    set: (v: string) => set.call(el, v),
  });
  return () => {
    delete (el as { contentEditable?: string }).contentEditable;
  };
}
