// Storage form of near-duplicate sketches (src/core/reuse/nearDup.ts): base64 of little-endian Uint32 values.
/** A sketch as base64 (little-endian Uint32 values), for storing next to a document. */
export function sketchToBase64(sk: Uint32Array): string {
  const bytes = new Uint8Array(sk.length * 4);
  const dv = new DataView(bytes.buffer);
  for (let i = 0; i < sk.length; i++) dv.setUint32(i * 4, sk[i], true);
  return Buffer.from(bytes).toString('base64');
}

export function sketchFromBase64(b64: string): Uint32Array {
  const bytes = Buffer.from(b64, 'base64');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(Math.floor(bytes.length / 4));
  for (let i = 0; i < out.length; i++) out[i] = dv.getUint32(i * 4, true);
  return out;
}
