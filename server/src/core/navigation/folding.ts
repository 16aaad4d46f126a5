/**
 * Folding ranges of a dbt SQL file: Jinja blocks (`macro`, `test`, `materialization`, `snapshot`, `docs`,
 * `if`, `for`, `call`, `filter` and block `set`), multi-line `{# … #}` comments, and the CTEs of a model.
 * A block folds up to the line before its end tag, so the end tag stays visible beside the start tag; a comment
 * folds whole. Unbalanced tags are tolerated: an end tag closes the nearest open block of its name.
 */
import { lexTemplate, type Segment } from '../jinja/lexer';
import type { ProjectIndex } from '../project/index-types';
import { LineIndex } from '../text';
import { documentSymbols } from './symbols';
import type { NavFold } from './types';

const BLOCKS = new Set(['macro', 'test', 'materialization', 'snapshot', 'docs', 'if', 'for', 'call', 'filter', 'set']);

/** The folds of a SQL file, or undefined for other files, so the editor keeps its own folding there. */
export function foldingRanges(index: ProjectIndex, file: string): NavFold[] | undefined {
  const summary = index.file(file);
  const text = index.text(file);
  if (!summary || text === undefined || !('jinja' in summary)) return undefined;
  const lines = new LineIndex(text);
  const folds: NavFold[] = [];
  const add = (start: number, closer: number, kind: NavFold['kind']) => {
    const startLine = lines.positionAt(start).line;
    const closerAt = lines.positionAt(closer);
    // A closer that starts its line stays visible; one that ends a line of content is folded with it.
    const leading = text.slice(lines.lineStart(closerAt.line), closer).trim() === '';
    const endLine = kind === 'block' && leading ? closerAt.line - 1 : closerAt.line;
    if (endLine > startLine) folds.push({ startLine, endLine, kind });
  };

  const open: { name: string; start: number }[] = [];
  for (const segment of lexTemplate(text, [])) {
    if (segment.kind === 'comment') add(segment.start, segment.end - 1, 'comment');
    if (segment.kind !== 'statement') continue;
    const { word, rest } = firstWord(text, segment);
    if (BLOCKS.has(word) && !(word === 'set' && rest.includes('='))) open.push({ name: word, start: segment.start });
    else if (word.startsWith('end') && BLOCKS.has(word.slice(3))) {
      const at = open.map((block) => block.name).lastIndexOf(word.slice(3));
      if (at < 0) continue;
      add(open[at].start, segment.start, 'block');
      open.length = at;
    }
  }

  // CTEs are read from the statically rendered SQL, as the outline reads them; macros have none.
  if (summary.kind !== 'macro') {
    for (const symbol of documentSymbols(index, file)) {
      if (symbol.kind === 'cte') add(symbol.span.start, Math.max(symbol.span.start, symbol.span.end - 1), 'block');
    }
  }
  return folds.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/** The statement's keyword and what follows it, e.g. `set` and `x = 1` for `{%- set x = 1 %}`. */
function firstWord(text: string, segment: Segment): { word: string; rest: string } {
  const inner = text.slice(segment.innerStart, segment.innerEnd).trim();
  const word = /^[A-Za-z_]+/.exec(inner)?.[0] ?? '';
  return { word, rest: inner.slice(word.length) };
}
