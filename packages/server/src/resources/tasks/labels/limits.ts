/** Bounds of the label convention (documented in docs/tasks.md, "Labels"). */
export const LABEL_LIMITS = {
  /** Largest image side, in pixels. */
  side: 100_000,
  /** Classes of one export (a mask's pixel is one byte: 255 classes and the background). */
  classes: 1000,
  maskClasses: 255,
  /** Pixels of one semantic mask (one byte each, held while the PNG is written). */
  maskPixels: 50_000_000,
  /** Pixels of one PNG-encoded label mask (decoded as 4 bytes a pixel: 64 MB at most). */
  pngMaskPixels: 16_777_216,
  /** Base64 characters of one PNG-encoded label mask (about 12 MB of PNG). */
  pngMaskChars: 16_000_000,
  /** Keypoints of one label, names of one class's keypoints, and edges of its skeleton. */
  keypoints: 1000,
  skeleton: 5000,
} as const;
