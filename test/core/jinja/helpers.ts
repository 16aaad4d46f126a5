/** Small helpers that state expected spans by the text they cover, so tests read like the files they check. */
import type { Span } from '../../../server/src/core/text';

/** The span of the `occurrence`-th (0-based) appearance of `needle` in `text`; fails loudly when absent. */
export function spanOf(text: string, needle: string, occurrence = 0): Span {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) {
    start = text.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) is not in the text`);
  }
  return { start, end: start + needle.length };
}

/** The text a span covers, to compare spans by content in failure messages. */
export function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}
