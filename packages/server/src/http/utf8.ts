import { INVALID_UTF8_MARK } from './text-guard.js';

/** In JSON text, bad bytes become the escapes of INVALID_UTF8_MARK (inside a string, that string is refused). */
export const JSON_INVALID_UTF8_MARK = Buffer.from(JSON.stringify(INVALID_UTF8_MARK).slice(1, -1));

/** Bytes a UTF-8 sequence starting with `lead` takes (0: not a lead byte). */
export function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 (overlong forms, surrogates and > U+10FFFF are invalid). */
function validSequenceAt(buf: Buffer, i: number): number {
  const n = sequenceLength(buf[i]!);
  if (n <= 1 || i + n > buf.length) return n === 1 ? 1 : 0;
  const b0 = buf[i]!;
  const b1 = buf[i + 1]!;
  const lo = (b0 === 0xe0 && 0xa0) || (b0 === 0xf0 && 0x90) || 0x80;
  const hi = (b0 === 0xed && 0x9f) || (b0 === 0xf4 && 0x8f) || 0xbf;
  if (b1 < lo || b1 > hi) return 0;
  for (let k = 2; k < n; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return 0;
  return n;
}

/** Rewrites a chunk that is not valid UTF-8, putting `mark` in place of each bad byte. */
export function markInvalid(buf: Buffer, mark: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  let i = 0;
  while (i < buf.length) {
    const n = validSequenceAt(buf, i);
    if (n > 0) i += n;
    else {
      parts.push(buf.subarray(from, i), mark);
      i += 1;
      from = i;
    }
  }
  parts.push(buf.subarray(from));
  return Buffer.concat(parts);
}
