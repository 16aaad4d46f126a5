/**
 * Splits dbt macro files into individual macro definitions.
 *
 * dbt macro files may hold `{% macro %}` and `{% test %}` definitions as well as
 * `{% materialization %}` and `{% docs %}` blocks that MiniJinja does not understand.
 * Each definition becomes its own unit so that one broken macro never hides the others,
 * and `{% test x(...) %}` becomes the macro `test_x`, as dbt names generic tests.
 */

import { JinjaTag, isIdentPart, scanTags, skipSpace } from './jinja-lexer';
import { MacroSource } from './types';

export interface ExtractedMacro {
  name: string;
  packageName: string;
  path: string;
  /** The full file text, so that offsets below can be read from it. */
  fileText: string;
  header: JinjaTag;
  /** Offset range of the macro name inside the header tag. */
  nameStart: number;
  nameEnd: number;
  /** Offset range of the `test` keyword when the unit came from a `{% test %}` block. */
  testKeyword?: { start: number; end: number };
  footer: JinjaTag;
  bodyStart: number;
  bodyEnd: number;
  /** One-based line of the header, used to keep error lines equal to file lines. */
  line: number;
}

export interface ExtractionProblem {
  path: string;
  packageName: string;
  name?: string;
  message: string;
}

export interface ExtractionResult {
  macros: ExtractedMacro[];
  problems: ExtractionProblem[];
}

const OPENERS: Record<string, string> = {
  macro: 'endmacro',
  test: 'endtest',
  materialization: 'endmaterialization',
  docs: 'enddocs',
};

/** Extracts every `{% macro %}` and `{% test %}` unit of one file; other blocks are dropped. */
export function extractMacros(source: MacroSource): ExtractionResult {
  const macros: ExtractedMacro[] = [];
  const problems: ExtractionProblem[] = [];
  const text = source.text;
  const tags = scanTags(text);
  const lineOf = lineCounter(text);
  let index = 0;
  while (index < tags.length) {
    const tag = tags[index];
    const closer = tag.kind === 'stmt' ? OPENERS[tag.keyword] : undefined;
    if (!closer) {
      index++;
      continue;
    }
    const footerIndex = findCloser(tags, index, tag.keyword, closer);
    if (footerIndex < 0) {
      problems.push({ path: source.path, packageName: source.packageName, message: `unterminated {% ${tag.keyword} %} block at line ${lineAt(text, tag.start)}` });
      break;
    }
    if (tag.keyword === 'macro' || tag.keyword === 'test') {
      const unit = buildUnit(source, tag, tags[footerIndex], lineOf(tag.start));
      if (unit) macros.push(unit);
      else problems.push({ path: source.path, packageName: source.packageName, message: `malformed {% ${tag.keyword} %} header at line ${lineAt(text, tag.start)}` });
    }
    index = footerIndex + 1;
  }
  return { macros, problems };
}

/** Finds the matching end tag, counting nested blocks of the same kind. */
function findCloser(tags: JinjaTag[], openIndex: number, opener: string, closer: string): number {
  let depth = 0;
  for (let i = openIndex; i < tags.length; i++) {
    const tag = tags[i];
    if (tag.kind !== 'stmt') continue;
    if (tag.keyword === opener) depth++;
    else if (tag.keyword === closer) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function buildUnit(source: MacroSource, header: JinjaTag, footer: JinjaTag, line: number): ExtractedMacro | undefined {
  const text = source.text;
  const keywordStart = skipSpace(text, header.codeStart, header.codeEnd);
  const keywordEnd = keywordStart + header.keyword.length;
  const nameStart = skipSpace(text, keywordEnd, header.codeEnd);
  let nameEnd = nameStart;
  while (nameEnd < header.codeEnd && isIdentPart(text[nameEnd])) nameEnd++;
  if (nameEnd === nameStart || text[skipSpace(text, nameEnd, header.codeEnd)] !== '(') return undefined;
  const bareName = text.slice(nameStart, nameEnd);
  const isTest = header.keyword === 'test';
  return {
    name: isTest ? `test_${bareName}` : bareName,
    packageName: source.packageName,
    path: source.path,
    fileText: text,
    header,
    nameStart,
    nameEnd,
    testKeyword: isTest ? { start: keywordStart, end: keywordEnd } : undefined,
    footer,
    bodyStart: header.end,
    bodyEnd: footer.start,
    line,
  };
}

/** Line numbers for increasing offsets, counting each line break once per file. */
function lineCounter(text: string): (offset: number) => number {
  let position = 0;
  let line = 1;
  return (offset: number) => {
    for (; position < offset && position < text.length; position++) if (text.charCodeAt(position) === 10) line++;
    return line;
  };
}

/** One-based line number of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
