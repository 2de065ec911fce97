import type { ReactNode } from 'react';

/** A ribbon button. */
export function ToolButton(props: { label: string; title?: string; onRun(): void; disabled?: boolean; testId?: string; active?: boolean; children?: ReactNode }) {
  return (
    <button
      className={props.active ? 'tool active' : 'tool'}
      aria-pressed={props.active === undefined ? undefined : props.active}
      title={props.title ?? props.label}
      data-testid={props.testId}
      disabled={props.disabled}
      // Keep the editor's selection: act on mousedown without taking focus.
      onMouseDown={(e) => {
        e.preventDefault();
        if (!props.disabled) props.onRun();
      }}
    >
      {props.children ?? props.label}
    </button>
  );
}
