// Change notifications between panels, actions and dialogs (a typed event bus).

/** What happened, with its detail. Add a key here for a new kind of change. */
export interface WorkbenchEvents {
  /** Versions of a draft were added (保存版本, the automatic version before an export or a restore). */
  'versions-changed': { draftId: string };
}

type Listener<K extends keyof WorkbenchEvents> = (detail: WorkbenchEvents[K]) => void;

export class EventBus {
  private listeners = new Map<keyof WorkbenchEvents, Set<Listener<never>>>();

  /** Listen; returns the function that stops listening (an effect's cleanup). */
  on = <K extends keyof WorkbenchEvents>(event: K, listener: Listener<K>): (() => void) => {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => void set.delete(listener as Listener<never>);
  };

  emit = <K extends keyof WorkbenchEvents>(event: K, detail: WorkbenchEvents[K]): void => {
    for (const l of [...(this.listeners.get(event) ?? [])]) (l as Listener<K>)(detail);
  };
}
