import { useEffect, type ReactNode } from 'react';
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

/** A standard dialog frame: title, body, and buttons. */
export function Dialog({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  return (
    <>
      <div className="modal-title">{title}</div>
      <div className="modal-body">{children}</div>
      <div className="modal-footer">{footer}</div>
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
