import { PNG } from 'pngjs';
import { LABEL_LIMITS } from './limits.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A PNG mask (`mask: {png: "<base64>"}`) as COCO's column-major RLE counts: one channel
 * (greyscale, any bit depth) or a palette, of the image's size; a pixel is set when its value (its
 * palette index) is not 0. The size is read from the header before anything is decoded, so a
 * small file declaring a huge image costs nothing; the base64 text and the pixels are capped
 * (LABEL_LIMITS). Returns why when it cannot be read.
 */
export function pngMaskCounts(base64: string, width: number, height: number): number[] | string {
  if (base64.length > LABEL_LIMITS.pngMaskChars)
    return `mask png is longer than ${LABEL_LIMITS.pngMaskChars} base64 characters`;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return 'mask png must be base64 text';
  const bytes = Buffer.from(base64, 'base64');
  if (
    bytes.length < 33 ||
    !bytes.subarray(0, 8).equals(SIGNATURE) ||
    bytes.toString('latin1', 12, 16) !== 'IHDR'
  )
    return 'mask png is not a PNG file';
  const pngWidth = bytes.readUInt32BE(16);
  const pngHeight = bytes.readUInt32BE(20);
  const colorType = bytes[25]!;
  if (pngWidth !== width || pngHeight !== height)
    return `mask png is ${pngWidth} × ${pngHeight}, the image ${width} × ${height}`;
  if (width * height > LABEL_LIMITS.pngMaskPixels)
    return `mask png has more than ${LABEL_LIMITS.pngMaskPixels} pixels, the most a PNG mask holds`;
  if (colorType !== 0 && colorType !== 3) return 'mask png must have one channel (greyscale) or a palette';
  let png: { data: ArrayLike<number>; palette?: number[][] };
  try {
    // skipRescale: a 16-bit or 1-bit value stays as it is (non-zero stays non-zero).
    png = PNG.sync.read(bytes, { skipRescale: true } as never) as unknown as typeof png;
  } catch (error) {
    return `mask png cannot be decoded: ${(error as Error).message}`;
  }
  const set = maskTest(png, colorType);
  if (typeof set === 'string') return set;
  // Column-major runs, background first (COCO's order).
  const counts: number[] = [];
  let value = false;
  let run = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      if (set((y * width + x) * 4) !== value) {
        counts.push(run);
        value = !value;
        run = 0;
      }
      run++;
    }
  }
  counts.push(run);
  return counts;
}

/** Whether the pixel at an RGBA offset is set: a grey value not 0, or a palette index not 0. */
function maskTest(
  png: { data: ArrayLike<number>; palette?: number[][] },
  colorType: number,
): ((at: number) => boolean) | string {
  const data = png.data;
  if (colorType === 0) return (at) => data[at] !== 0;
  // pngjs gives a palette's colours, not its indices: index 0 is the pixels of entry 0's colour,
  // which must then be the only entry of that colour.
  const palette = png.palette ?? [];
  const zero = palette[0];
  if (!zero) return 'mask png has an empty palette';
  const same = (c: number[] | undefined) => !!c && c.every((v, i) => v === zero[i]);
  if (palette.slice(1).some(same))
    return 'mask png has a palette whose entry 0 colour repeats: indices cannot be told apart';
  return (at) =>
    data[at] !== zero[0] || data[at + 1] !== zero[1] || data[at + 2] !== zero[2] || data[at + 3] !== zero[3];
}
