// One document's winnowing fingerprints and checkpoints, exactly as ReuseIndex.add stores them, for a
// store that keeps them elsewhere (the team library's `fingerprints` table). Positions are normalised
// positions in the document (0-based), checkpoints are (normPos, origOffset) pairs.
import { normalizeCodes } from '../normalize';
import { Growable, kgramHashes, winnow } from './winnow';

export interface DocFingerprints {
  /** Countable (normalised) characters. */
  normLength: number;
  /** Fingerprint hashes (uint32) and their positions, in position order. */
  hashes: Uint32Array;
  positions: Uint32Array;
  /** Checkpoints as flat pairs (normPos, origOffset). */
  checkpoints: Uint32Array;
}

export function fingerprintText(text: string): DocFingerprints {
  const r = normalizeCodes(text, false, undefined, true);
  const hv = new Uint32Array(Math.max(1, r.length));
  const m = kgramHashes(r.codes, r.length, hv);
  const hs = new Growable(Math.ceil(m * 0.4) + 16);
  const ps = new Growable(Math.ceil(m * 0.4) + 16);
  winnow(hv, m, hs, ps, 0);
  return {
    normLength: r.length,
    hashes: hs.a.slice(0, hs.n),
    positions: ps.a.slice(0, ps.n),
    checkpoints: r.cp!.slice(0, 2 * r.cpCount!),
  };
}
