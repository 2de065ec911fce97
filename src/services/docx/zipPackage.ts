// The .docx package written with Node's own zlib (native deflate and CRC-32): JSZip's pure-JS deflate and
// CRC took 5 of the 6.5 s of exporting a document at the limits (200 MB of document.xml). A plain zip:
// a local header and the deflated bytes per part, then the central directory (no zip64: a package at the
// limits is a few MB). The parts, their order and dates are JSZip's; readers see the same package.
import { crc32, deflateRawSync } from 'node:zlib';
import type JSZip from 'jszip';

interface Entry {
  name: Buffer;
  crc: number;
  size: number;
  data: Buffer;
  time: number;
  date: number;
  offset: number;
}

/** MS-DOS time and date of `d` (UTC, as JSZip writes them). */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((Math.max(1980, d.getUTCFullYear()) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/**
 * Every file of `zip` (folders left out, as JSZip writes a package), deflated at level 6, as zip bytes;
 * a part in `replaced` is written with those bytes instead (a big part never goes through JSZip).
 */
export async function writeZip(zip: JSZip, replaced: ReadonlyMap<string, Uint8Array> = new Map()): Promise<Uint8Array> {
  const entries: Entry[] = [];
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const own = replaced.get(file.name);
    const raw = own ? Buffer.from(own.buffer, own.byteOffset, own.byteLength) : Buffer.from(await file.async('uint8array'));
    const data = deflateRawSync(raw, { level: 6 });
    const e: Entry = { name: Buffer.from(file.name, 'utf8'), crc: crc32(raw), size: raw.length, data, ...dosTime(file.date), offset };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: deflate
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, e.name, data);
    offset += local.length + e.name.length + data.length;
    entries.push(e);
  }
  const cdStart = offset;
  for (const e of entries) {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4); // made by
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt16LE(e.time, 12);
    c.writeUInt16LE(e.date, 14);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(e.name.length, 28);
    c.writeUInt32LE(e.offset, 42);
    chunks.push(c, e.name);
    offset += c.length + e.name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - cdStart, 12);
  end.writeUInt32LE(cdStart, 16);
  chunks.push(end);
  return new Uint8Array(Buffer.concat(chunks));
}
