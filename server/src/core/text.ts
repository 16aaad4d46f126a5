/**
 * Text positions shared by every analysis.
 *
 * Summaries store plain character offsets (`Span`), which are cheap to produce and to compare.
 * Line and column numbers are derived only when a finding is reported or an editor asks,
 * through a `LineIndex` built once per file on demand.
 */

/** A half-open range of UTF-16 code-unit offsets into a file's text: `[start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** A zero-based line and a zero-based UTF-16 column, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * Maps offsets to positions and back with a binary search over line starts. Line starts are found lazily, only as
 * far into the text as a question needs: most findings sit near the top of a file (its first line, its refs), and a
 * check of 5,000 models locates one in each of thousands of files.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  /** Every line start at or before this offset is in `lineStarts`. */
  private scanned = 0;

  constructor(private readonly text: string) {}

  /** Records the line starts up to `offset` (or to the end). */
  private scanTo(offset: number): void {
    const text = this.text;
    const limit = Math.min(offset, text.length);
    let i = this.scanned;
    for (; i < limit; i++) {
      const code = text.charCodeAt(i);
      // CR LF counts as one line break; a lone CR also ends a line, as in LSP.
      if (code === 10) this.lineStarts.push(i + 1);
      else if (code === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
    this.scanned = Math.max(this.scanned, i);
  }

  /** Records line starts until line `line + 1` starts, or the text ends. */
  private scanToLine(line: number): void {
    while (this.lineStarts.length <= line + 1 && this.scanned < this.text.length) this.scanTo(this.scanned + 256);
  }

  get lineCount(): number {
    this.scanTo(this.text.length);
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    this.scanTo(clamped);
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    this.scanToLine(position.line);
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** The offset where a zero-based line starts. */
  lineStart(line: number): number {
    this.scanToLine(line);
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }
}

/** The first line of a text, without its line break: where findings about a whole file (its name, its place) are shown. */
export function firstLineSpan(text: string | undefined): Span {
  const value = text ?? '';
  const end = value.indexOf('\n');
  if (end < 0) return { start: 0, end: value.length };
  return { start: 0, end: end > 0 && value.charCodeAt(end - 1) === 13 ? end - 1 : end };
}

/** A problem found while reading a file, located by offsets into that file. */
export interface SyntaxIssue {
  message: string;
  span: Span;
  /**
   * `duplicate-key`: a key written twice in one mapping. dbt-core reads such a file, keeping the last value, and
   * warns (DuplicateYAMLKeysDeprecation, since 1.10), so it does not stop the file from being read and checked.
   */
  code?: 'duplicate-key';
}

/** The issues that stop a file from being read: all but duplicate keys, which dbt reads with the last value. */
export function blockingIssues(issues: readonly SyntaxIssue[]): SyntaxIssue[] {
  return issues.filter((issue) => issue.code !== 'duplicate-key');
}

/** Strips a UTF-8 byte-order mark, which editors keep but parsers must not see. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
