/**
 * COCO's compressed RLE (pycocotools' `rleToString` / `rleFrString`, maskApi.c): each count,
 * from the third on, as its difference from the count two before; each number in 5-bit groups,
 * least significant first, each group a character `48 + group`, `+ 32` while more groups follow,
 * the last group's bit 4 its sign. Counts here may pass 2^31 (a 100,000 × 100,000 image), so the
 * arithmetic is on numbers, never 32-bit shifts.
 */

/** The compressed string of an uncompressed RLE's counts. */
export function encodeRle(counts: readonly number[]): string {
  let out = '';
  for (let i = 0; i < counts.length; i++) {
    let x = counts[i]!;
    if (i > 2) x -= counts[i - 2]!;
    for (let more = true; more;) {
      const low = x - Math.floor(x / 32) * 32;
      x = Math.floor(x / 32);
      more = low & 0x10 ? x !== -1 : x !== 0;
      out += String.fromCharCode(48 + (more ? low | 0x20 : low));
    }
  }
  return out;
}

/** The counts of a compressed RLE string, or why it is not one. */
export function decodeRle(text: string): number[] | string {
  const counts: number[] = [];
  let p = 0;
  while (p < text.length) {
    let x = 0;
    let scale = 1;
    for (let more = true; more;) {
      if (p >= text.length) return 'mask counts string ends inside a number';
      const c = text.charCodeAt(p++) - 48;
      if (c < 0 || c > 63) return 'mask counts string has a character outside COCO RLE’s (0 to o)';
      x += (c & 0x1f) * scale;
      scale *= 32;
      more = (c & 0x20) !== 0;
      if (!more && c & 0x10) x -= scale;
      if (scale > 2 ** 60) return 'mask counts string holds a number too large';
    }
    if (counts.length > 2) x += counts[counts.length - 2]!;
    counts.push(x);
  }
  return counts;
}
