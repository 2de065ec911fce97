// Short messages at the bottom of the window (at most four; errors stay longer).

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

export interface Notice {
  id: number;
  message: string;
  kind: NoticeKind;
}

export class NoticeStore {
  private list: Notice[] = [];
  private seq = 0;
  private listeners = new Set<() => void>();

  notify = (message: string, kind: NoticeKind = 'info'): void => {
    const id = ++this.seq;
    this.update([...this.list.slice(-3), { id, message, kind }]);
    setTimeout(() => this.dismiss(id), kind === 'error' ? 8000 : 4000);
  };

  dismiss = (id: number): void => {
    if (this.list.some((n) => n.id === id)) this.update(this.list.filter((n) => n.id !== id));
  };

  get = (): Notice[] => this.list;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  private update(list: Notice[]): void {
    this.list = list;
    for (const l of [...this.listeners]) l();
  }
}
