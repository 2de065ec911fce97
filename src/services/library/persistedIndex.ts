import { close, closeSync, fstat, open, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { ReuseIndex, type SourceText, type StoredPostings } from '../../core/reuse/index';
import { writeFileAtomic } from '../workspace/atomic';

// One persisted reuse index, for a workspace library or a library folder: the ReuseIndex and, per indexed
// document, the hash of the text indexed (what an update compares against), optionally that text itself and
// a small JSON record of the caller's. One file, replaced atomically as a whole, so the parts never disagree:
//
//   "SDPX" u32 · FORMAT u32 · header bytes u32 · index bytes before its postings u32 · header (UTF-8 JSON) · padding to 8
//   index section (ReuseIndex.serialize: its postings last) · padding to 8 · texts (UTF-16LE) · records (UTF-8 JSON)
//
// header = { meta, indexBytes, postingsAt, textBytes, recordBytes, docs: [id, hash, textStart, textLength, recordStart, recordLength][] }
// (text and record positions relative to their section, in code units / bytes; −1 start: none stored).
// Loading reads the header and the index section into Buffers the typed arrays are views on (no copy, no
// per-document parsing); texts and records stay on disk and are read by position when a check asks for them.
// With `postings: 'stored'` the postings (most of the index) stay on disk too, and a lookup reads its hash's
// range: a one-off check reads a few hundred kilobytes of them instead of tens of megabytes, and V8 then
// sees no burst of external memory (which starts a full collection).
// The size of the index before its postings is also in the prefix, so its Buffer is allocated and its read
// started before the header is parsed: a collection V8 makes meanwhile finds a young heap without the header's
// objects to copy.

const MAGIC = 0x58504453; // "SDPX"
/** 2: the index's postings last, and the bytes before them in the prefix. */
const FORMAT = 2;
const PREFIX = 16;
const pad8 = (n: number) => (n + 7) & ~7;

type DocRow = [id: string, hash: string, textStart: number, textLength: number, recordStart: number, recordLength: number];

interface Header {
  meta: unknown;
  indexBytes: number;
  /** Bytes of the index section before its postings (ReuseIndex.postingsAt). */
  postingsAt: number;
  textBytes: number;
  recordBytes: number;
  docs: DocRow[];
}

/** A document to persist: its id and content hash, and optionally its text and the caller's record. */
export interface PersistedDoc {
  id: string;
  hash: string;
  /** The text indexed (called once, while writing), if it is to be kept with the index. */
  text?: () => string;
  record?: unknown;
}

/** Reused for reads of stored text (a check reads thousands of small windows). */
let scratch = Buffer.allocUnsafe(64 * 1024);

/** The file stays open while its PersistedIndex (or a text reader of it) is alive, and is closed after. */
const closeWhenCollected = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    /* closed already */
  }
});
const openFile = promisify(open);
const readAt = promisify(read);

export class PersistedIndex {
  /** indexed id → content hash of the text indexed */
  readonly hashes: Map<string, string>;
  private readonly rows = new Map<string, DocRow>();

  private constructor(
    readonly index: ReuseIndex,
    readonly meta: unknown,
    private fd: number,
    private readonly textBase: number,
    private readonly recordBase: number,
    docs: DocRow[],
  ) {
    this.hashes = new Map();
    for (const row of docs) {
      this.hashes.set(row[0], row[1]);
      this.rows.set(row[0], row);
    }
    closeWhenCollected.register(this, fd, this);
  }

  /**
   * The persisted index in `file`, or null when there is none or it cannot be used (another format, cut short,
   * damaged): the caller then builds a new one. `meta` is what the caller stored with it, unchecked.
   * `postings: 'stored'` leaves the index's postings in the file, read by range as lookups ask (and all at once
   * if the index is changed or saved); the file then stays open while the index is in use.
   */
  static async load(file: string, opts: { postings?: 'memory' | 'stored' } = {}): Promise<PersistedIndex | null> {
    let fd: number;
    try {
      fd = await openFile(file, 'r');
    } catch {
      return null;
    }
    let reading: Promise<Buffer> | undefined;
    try {
      const size = (await promisify(fstat)(fd)).size;
      const prefix = Buffer.alloc(PREFIX);
      if (size < PREFIX) throw new Error('short');
      readFully(fd, prefix, PREFIX, 0);
      if (prefix.readUInt32LE(0) !== MAGIC || prefix.readUInt32LE(4) !== FORMAT) throw new Error('format');
      const headerBytes = prefix.readUInt32LE(8);
      if (PREFIX + headerBytes > size) throw new Error('header');
      const indexStart = pad8(PREFIX + headerBytes);
      // a Buffer of its own (offset 0), so the index's typed arrays are aligned views on it
      const readAt = (start: number, n: number) => {
        if (start + n > size) throw new Error('index size');
        const bytes = Buffer.allocUnsafeSlow(n);
        return readAll(fd, bytes, start).then(() => bytes);
      };
      const early = prefix.readUInt32LE(12);
      reading = readAt(indexStart, early);
      reading.catch(() => undefined); // awaited below, after the header
      const hb = Buffer.alloc(headerBytes);
      readFully(fd, hb, headerBytes, PREFIX);
      const header = JSON.parse(hb.toString('utf8')) as Header;
      const textBase = pad8(indexStart + header.indexBytes);
      const recordBase = textBase + header.textBytes;
      if (!Array.isArray(header.docs) || recordBase + header.recordBytes !== size || early !== header.postingsAt || early > header.indexBytes) throw new Error('size');
      const postingsBase = indexStart + header.postingsAt;
      // the stored postings' reader holds the PersistedIndex, which holds the file open
      const box: { self?: PersistedIndex } = {};
      let stored: (segment: number, first: number, count: number) => Uint32Array | StoredPostings;
      if (opts.postings === 'stored') {
        stored = (_, first, count) => ({ length: count, read: (start, end) => box.self!.readPostings(postingsBase + 4 * (first + start), Math.max(0, end - start)) });
      } else {
        const all = await readAt(postingsBase, header.indexBytes - header.postingsAt);
        stored = (_, first, count) => new Uint32Array(all.buffer, all.byteOffset + 4 * first, count);
      }
      const bytes = await reading;
      const index = ReuseIndex.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), stored);
      return (box.self = new PersistedIndex(index, header.meta, fd, textBase, recordBase, header.docs));
    } catch {
      // not closed under a read still going on (its fd number could be another file's by then)
      await reading?.catch(() => undefined);
      close(fd, () => undefined);
      return null;
    }
  }

  /**
   * Write `index` with its documents' hashes (and the texts and records given) to `file`, replacing it
   * atomically. A PersistedIndex loaded from the same file stays readable (it holds the old file open).
   */
  static async save(file: string, index: ReuseIndex, docs: Iterable<PersistedDoc>, meta: unknown): Promise<void> {
    const indexBytes = index.serialize();
    const texts: Buffer[] = [];
    const records: Buffer[] = [];
    const rows: DocRow[] = [];
    let textUnits = 0;
    let recordBytes = 0;
    for (const d of docs) {
      let t = -1;
      let tl = 0;
      let r = -1;
      let rl = 0;
      if (d.text) {
        const b = Buffer.from(d.text(), 'utf16le');
        texts.push(b);
        t = textUnits;
        tl = b.length / 2;
        textUnits += tl;
      }
      if (d.record !== undefined) {
        const b = Buffer.from(JSON.stringify(d.record), 'utf8');
        records.push(b);
        r = recordBytes;
        rl = b.length;
        recordBytes += rl;
      }
      rows.push([d.id, d.hash, t, tl, r, rl]);
    }
    const postingsAt = ReuseIndex.postingsAt(indexBytes);
    const header: Header = { meta, indexBytes: indexBytes.length, postingsAt, textBytes: textUnits * 2, recordBytes, docs: rows };
    const hb = Buffer.from(JSON.stringify(header), 'utf8');
    const indexStart = pad8(PREFIX + hb.length);
    const textBase = pad8(indexStart + indexBytes.length);
    const out = Buffer.alloc(textBase + textUnits * 2 + recordBytes);
    out.writeUInt32LE(MAGIC, 0);
    out.writeUInt32LE(FORMAT, 4);
    out.writeUInt32LE(hb.length, 8);
    out.writeUInt32LE(postingsAt, 12);
    hb.copy(out, PREFIX);
    out.set(indexBytes, indexStart);
    let o = textBase;
    for (const b of texts) o += b.copy(out, o);
    for (const b of records) o += b.copy(out, o);
    await writeFileAtomic(file, out, { subject: '索引缓存' });
  }

  /** Whether a text is stored for `id`. */
  hasText(id: string): boolean {
    const row = this.rows.get(id);
    return !!row && row[2] >= 0;
  }

  /** Length (UTF-16 code units) of the stored text of `id`, or undefined. */
  textLength(id: string): number | undefined {
    const row = this.rows.get(id);
    return row && row[2] >= 0 ? row[3] : undefined;
  }

  /** A reader of the stored text of `id` (each slice is one positioned read), or undefined. */
  text(id: string): SourceText | undefined {
    const row = this.rows.get(id);
    if (!row || row[2] < 0) return undefined;
    const base = this.textBase + 2 * row[2];
    const length = row[3];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the reader keeps its file open
    const self = this;
    return {
      length,
      slice(start = 0, end = length) {
        const s = Math.max(0, Math.min(length, start < 0 ? length + start : start));
        const e = Math.max(0, Math.min(length, end < 0 ? length + end : end));
        return e > s ? self.readString(base + 2 * s, 2 * (e - s)) : '';
      },
    };
  }

  /** The whole stored text of `id`, or undefined. */
  fullText(id: string): string | undefined {
    const t = this.text(id);
    return t?.slice(0, t.length);
  }

  /** The record stored for `id`, or undefined. */
  record<T>(id: string): T | undefined {
    const row = this.rows.get(id);
    if (!row || row[4] < 0) return undefined;
    const b = Buffer.allocUnsafe(row[5]);
    readFully(this.openFd(), b, row[5], this.recordBase + row[4]);
    return JSON.parse(b.toString('utf8')) as T;
  }

  /** Close the file now (reading stored texts or records afterwards is an error). */
  close(): void {
    if (this.fd < 0) return;
    closeWhenCollected.unregister(this);
    closeSync(this.fd);
    this.fd = -1;
  }

  private openFd(): number {
    if (this.fd < 0) throw new Error('persisted index closed');
    return this.fd;
  }

  /** `n` postings stored at byte `position` of the file. */
  private readPostings(position: number, n: number): Uint32Array {
    const out = new Uint32Array(n);
    readFully(this.openFd(), Buffer.from(out.buffer, 0, 4 * n), 4 * n, position);
    return out;
  }

  private readString(position: number, n: number): string {
    if (scratch.length < n) scratch = Buffer.allocUnsafe(Math.max(n, scratch.length * 2));
    readFully(this.openFd(), scratch, n, position);
    return scratch.toString('utf16le', 0, n);
  }
}

/** Fill `buf` from the file at `position` (in the thread pool). */
async function readAll(fd: number, buf: Buffer, position: number): Promise<void> {
  for (let done = 0; done < buf.length; ) {
    const { bytesRead } = await readAt(fd, buf, done, buf.length - done, position + done);
    if (bytesRead === 0) throw new Error('index cut short');
    done += bytesRead;
  }
}

function readFully(fd: number, buf: Buffer, n: number, position: number): void {
  let done = 0;
  while (done < n) {
    const r = readSync(fd, buf, done, n - done, position + done);
    if (r === 0) throw new Error('索引缓存文件被截断 (persisted index cut short)');
    done += r;
  }
}
