// Built files waiting to be delivered: the export service puts the bytes here and hands out an id; the
// Electron main process (save dialog, then writes the file) or the bridge (GET /download/<id>) takes them.
// Bytes never travel to the renderer and back. Ids are random, single-use and expire.
import { randomBytes } from 'node:crypto';

export interface OutgoingFile {
  name: string;
  bytes: Uint8Array;
  /** MIME type for a browser download. */
  type: string;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export class ExportOutbox {
  private readonly files = new Map<string, OutgoingFile & { at: number }>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly max = 8,
    private readonly now: () => number = Date.now,
  ) {}

  put(file: OutgoingFile): string {
    this.expire();
    while (this.files.size >= this.max) this.files.delete(this.files.keys().next().value as string);
    const id = randomBytes(16).toString('hex');
    this.files.set(id, { ...file, at: this.now() });
    return id;
  }

  /** The file under `id`, removed from the outbox; null when unknown, taken or expired. */
  take(id: string): OutgoingFile | null {
    this.expire();
    const f = this.files.get(id);
    if (!f) return null;
    this.files.delete(id);
    return { name: f.name, bytes: f.bytes, type: f.type };
  }

  private expire(): void {
    const t = this.now();
    for (const [id, f] of this.files) if (t - f.at > this.ttlMs) this.files.delete(id);
  }
}

export const FILE_ID_RE = /^[0-9a-f]{32}$/;
