import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../../contract/define';
import { useShell, useWorkbench } from '../workbench/context';

/** Renders the modal opened with `openModal(node)`; Escape or the backdrop closes it. */
export function ModalHost() {
  const { modal } = useShell();
  const { closeModal } = useWorkbench();
  useEffect(() => {
    if (!modal) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeModal();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [modal, closeModal]);
  if (!modal) return null;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && closeModal()}>
      <div className="modal" role="dialog" aria-modal="true">
        {modal}
      </div>
    </div>
  );
}

/**
 * A standard dialog frame: title, body, and buttons. With `className`/`testId` the frame is wrapped in a
 * div carrying them; `bodyClassName` is added to the body's class.
 */
export function Dialog(props: { title: ReactNode; children: ReactNode; footer: ReactNode; className?: string; testId?: string; bodyClassName?: string }) {
  const frame = (
    <>
      <div className="modal-title">{props.title}</div>
      <div className={props.bodyClassName ? `modal-body ${props.bodyClassName}` : 'modal-body'}>{props.children}</div>
      <div className="modal-footer">{props.footer}</div>
    </>
  );
  if (props.className === undefined && props.testId === undefined) return frame;
  return (
    <div className={props.className} data-testid={props.testId}>
      {frame}
    </div>
  );
}

/**
 * `[busy, runTask]`: runTask(fn) sets busy while fn runs and shows a failure as an error notice
 * (the dialog stays open, so the writer can correct and retry).
 */
export function useBusyTask(): [boolean, (fn: () => Promise<void>) => Promise<void>] {
  const { notify } = useWorkbench();
  const [busy, setBusy] = useState(false);
  const runTask = useCallback(
    async (fn: () => Promise<void>) => {
      setBusy(true);
      try {
        await fn();
      } catch (err) {
        notify(ApiError.from(err).message, 'error');
      } finally {
        setBusy(false);
      }
    },
    [notify],
  );
  return [busy, runTask];
}

export interface DialogMainButton {
  label: ReactNode;
  onClick(): void;
  disabled?: boolean;
  /** Red (btn-danger) instead of the primary colour. */
  danger?: boolean;
  autoFocus?: boolean;
  testId?: string;
}

/**
 * The usual button row of a dialog: a plain 取消/关闭 button (closes the modal unless `onCancel` is given),
 * then the main button, if any.
 */
export function DialogButtons({ cancelLabel = '取消', onCancel, ok }: { cancelLabel?: string; onCancel?: () => void; ok?: DialogMainButton }) {
  const { closeModal } = useWorkbench();
  return (
    <>
      <button className="btn" onClick={onCancel ?? closeModal}>
        {cancelLabel}
      </button>
      {ok && (
        <button className={ok.danger ? 'btn btn-danger' : 'btn btn-primary'} data-testid={ok.testId} disabled={ok.disabled} autoFocus={ok.autoFocus} onClick={ok.onClick}>
          {ok.label}
        </button>
      )}
    </>
  );
}

export function Notices() {
  const { notices, dismissNotice } = useShell();
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} onClick={() => dismissNotice(n.id)}>
          {n.message}
        </div>
      ))}
    </div>
  );
}
