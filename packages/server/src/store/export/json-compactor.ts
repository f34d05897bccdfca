/**
 * JSON text of PostgreSQL rewritten as `JSON.stringify` writes it, byte by byte: no whitespace
 * outside strings (jsonb's text has a space after `:` and `,`), numbers in JavaScript's shortest
 * form, and `@<ms>` (a time, written by the export's SQL) as its quoted ISO text. Strings are
 * copied as they are: PostgreSQL escapes exactly what JSON.stringify does (`"`, `\`, controls as
 * \b \f \n \r \t or lowercase \u00xx) and jsonb holds no lone surrogates.
 */
export class JsonCompactor {
  private lastMs = NaN;
  private lastIso: Buffer = Buffer.alloc(0);

  /** The ISO text of the time whose milliseconds' digits are src[start, end), quoted or not. */
  time(src: Buffer, start: number, end: number, out: Buffer, pos: number, quoted: boolean): number {
    const negative = src[start] === 0x2d;
    let ms = 0;
    for (let k = negative ? start + 1 : start; k < end; k++) ms = ms * 10 + (src[k]! - 0x30);
    if (negative) ms = -ms;
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastIso = Buffer.from(`"${new Date(ms).toISOString()}"`, 'latin1');
    }
    return quoted
      ? pos + this.lastIso.copy(out, pos)
      : pos + this.lastIso.copy(out, pos, 1, this.lastIso.length - 1);
  }

  /** Writes src[start, end) compacted at out[pos]; returns the new position. */
  write(src: Buffer, start: number, end: number, out: Buffer, pos: number): number {
    let i = start;
    while (i < end) {
      const c = src[i]!;
      if (c === 0x22) {
        // A string, to its closing quote.
        out[pos++] = c;
        i++;
        for (;;) {
          const d = src[i++]!;
          out[pos++] = d;
          if (d === 0x22) break;
          if (d === 0x5c) out[pos++] = src[i++]!;
        }
      } else if (c === 0x20) i++;
      else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        let j = i;
        let digits = 0;
        let plain = true;
        let dot = -1;
        for (; j < end; j++) {
          const d = src[j]!;
          if (d >= 0x30 && d <= 0x39) digits++;
          else if (d === 0x2e) dot = j;
          else if (d === 0x2d && j === i) continue;
          else if (d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) plain = false;
          else break;
        }
        // Plain digits that JavaScript writes the same way: at most 15 of them (they give the
        // double back), no trailing zero after the point, not -0, not below 1e-6 (0.000000…).
        const negative = c === 0x2d;
        const first = negative ? i + 1 : i;
        if (
          plain &&
          digits <= 15 &&
          !(dot >= 0 && src[j - 1] === 0x30) &&
          !(negative && j - i === 2 && src[first] === 0x30) &&
          !(dot === first + 1 && src[first] === 0x30 && tinyFraction(src, dot + 1, j))
        ) {
          for (; i < j; i++) out[pos++] = src[i]!;
        } else {
          pos += out.write(JSON.stringify(Number(src.toString('latin1', i, j))), pos, 'latin1');
          i = j;
        }
      } else if (c === 0x40) {
        // @<ms>: a time.
        let j = i + 1;
        while (j < end && (src[j] === 0x2d || (src[j]! >= 0x30 && src[j]! <= 0x39))) j++;
        pos = this.time(src, i + 1, j, out, pos, true);
        i = j;
      } else {
        out[pos++] = c;
        i++;
      }
    }
    return pos;
  }
}

/** Whether the fraction digits src[start, end) begin with six zeros (a value below 1e-6). */
function tinyFraction(src: Buffer, start: number, end: number): boolean {
  if (end - start < 7) return false;
  for (let k = start; k < start + 6; k++) if (src[k] !== 0x30) return false;
  return true;
}
