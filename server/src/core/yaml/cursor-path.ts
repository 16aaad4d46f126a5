/**
 * Where a cursor is in a YAML document that is being typed: the path of the mapping a key is typed into, or of
 * the value being typed, with the sibling keys already written. Completion asks this on every keystroke, when
 * the document is usually half-written (`    materi` with no colon yet, `  - ` with nothing after it).
 *
 * The cursor's line is replaced by a placeholder key (`__dplens_cursor__: `), which turns any half-typed line into
 * well-formed YAML, and the `yaml` library's exact parse finds the placeholder's path and its siblings.
 * That parse costs several milliseconds per hundred lines, so only a window is parsed: the cursor's ancestor lines,
 * found by indentation, and the block of the innermost one. Sequence indexes of the ancestors are counted in
 * the text, because the window holds only the one item of each ancestor sequence that leads to the cursor.
 */
import { isMap, isNode, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';
import type { Span } from '../text';
import { EXACT_PARSE_OPTIONS } from './document';
import type { YamlPath } from './locate';
import { nestsDeeperThan, opensTooManyBrackets } from './nesting';

export interface YamlCursor {
  /** `key`: a key is typed into the mapping at `path`; `value`: the value at `path` is typed. */
  kind: 'key' | 'value';
  path: YamlPath;
  /** The text typed so far, without an opening quote. */
  typed: string;
  /** What a completion replaces: the typed text and the rest of the word after the cursor. */
  replace: Span;
  /** A key typed as the first thing of a new sequence item (`- na`): the item may also be a plain value. */
  freshItem: boolean;
  /** A value typed as an item of a flow sequence (`tags: [a, fi`): the items of the value at `path` apply. */
  listItem: boolean;
  /** The quote a value was opened with. */
  quote?: "'" | '"';
  /** The other keys of the mapping that holds the cursor, with their values as far as the parsed window shows. */
  siblings: Record<string, unknown>;
  /** True right after `key:`, where an inserted value needs a space first. */
  spaceBefore: boolean;
  /** The column of the key typed (or of the key whose value is typed), and of the line's first character. */
  keyColumn: number;
  lineIndent: number;
}

const PLACEHOLDER = '__dplens_cursor__';
/** A container block longer than this is parsed with only its keys at the cursor's level. */
const MAX_BLOCK_LINES = 120;
const KEY_CHARS = /[\w.+\-/$]/;
const KEY_LINE = /^([ \t]*)((?:-[ \t]+)*)([\w.+\-/$]*)$/;
const VALUE_LINE = /^([ \t]*)((?:-[ \t]+)*)([\w.+\-/$]+|"[^"]*"|'[^']*')[ \t]*:(?:([ \t]+)(.*))?$/;

interface LineShape {
  kind: 'key' | 'value';
  indent: number;
  /** The dash prefix (`- `, `- - `) before the key. */
  dashes: string;
  key?: string;
  typed: string;
  typedStart: number;
  quote?: "'" | '"';
  listItem: boolean;
  spaceBefore: boolean;
}

export function yamlCursorAt(text: string, offset: number): YamlCursor | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const lineEnd = newline < 0 ? text.length : newline;
  const shape = lineShape(text.slice(lineStart, offset), lineStart);
  if (!shape) return undefined;
  let end = offset;
  while (end < lineEnd && (shape.quote ? text[end] !== shape.quote : KEY_CHARS.test(text[end]))) end++;
  if (shape.quote === undefined && shape.kind === 'value' && !shape.listItem) {
    // A plain value may hold spaces; it ends at a comment or the end of the line.
    const comment = text.slice(end, lineEnd).search(/\s#/);
    end = comment < 0 ? lineEnd : end + comment;
    while (end > offset && /\s/.test(text[end - 1])) end--;
  }
  const lines = lineTable(text);
  const cursorLine = lineAt(lines, lineStart);
  const patched = `${' '.repeat(shape.indent)}${shape.dashes}${PLACEHOLDER}: `;
  const found = locatePlaceholder(text, lines, cursorLine, shape, patched);
  if (!found) return undefined;
  const keyColumn = shape.indent + shape.dashes.length;
  return {
    kind: shape.kind,
    path: shape.kind === 'value' ? [...found.path, shape.key!] : found.path,
    typed: shape.typed,
    replace: { start: shape.typedStart, end },
    freshItem: shape.kind === 'key' && shape.dashes.length > 0 && Object.keys(found.siblings).length === 0,
    listItem: shape.listItem,
    quote: shape.quote,
    siblings: found.siblings,
    spaceBefore: shape.spaceBefore,
    keyColumn,
    lineIndent: shape.indent,
  };
}

function lineShape(before: string, lineStart: number): LineShape | undefined {
  const key = KEY_LINE.exec(before);
  if (key) {
    const [, indent, dashes, typed] = key;
    if (indent.includes('\t')) return undefined;
    return { kind: 'key', indent: indent.length, dashes, typed, typedStart: lineStart + before.length - typed.length, listItem: false, spaceBefore: false };
  }
  const value = VALUE_LINE.exec(before);
  if (!value) return undefined;
  const [, indent, dashes, rawKey, space, rest] = value;
  if (indent.includes('\t')) return undefined;
  const keyName = /^["']/.test(rawKey) ? rawKey.slice(1, -1) : rawKey;
  const base = { kind: 'value' as const, indent: indent.length, dashes, key: keyName };
  if (rest === undefined) {
    return { ...base, typed: '', typedStart: lineStart + before.length, listItem: false, spaceBefore: space === undefined };
  }
  const restStart = lineStart + before.length - rest.length;
  if (rest.startsWith('[')) {
    // Inside a flow sequence: the item after the last comma, unless the sequence is already closed.
    if (/[\]{}#]/.test(rest)) return undefined;
    const itemStart = Math.max(rest.lastIndexOf('['), rest.lastIndexOf(',')) + 1;
    const item = rest.slice(itemStart).replace(/^\s+/, '');
    const quote = item[0] === '"' || item[0] === "'" ? (item[0] as "'" | '"') : undefined;
    const typed = quote ? item.slice(1) : item;
    if (quote ? typed.includes(quote) : /[\s'"]/.test(typed)) return undefined;
    return { ...base, typed, typedStart: lineStart + before.length - typed.length, quote, listItem: true, spaceBefore: false };
  }
  if (/^[{|>&*!%@`]/.test(rest) || /\s#/.test(rest)) return undefined;
  if (rest[0] === '"' || rest[0] === "'") {
    const quote = rest[0] as "'" | '"';
    const typed = rest.slice(1);
    if (typed.includes(quote)) return undefined;
    return { ...base, typed, typedStart: restStart + 1, quote, listItem: false, spaceBefore: false };
  }
  return { ...base, typed: rest, typedStart: restStart, listItem: false, spaceBefore: false };
}

/** Line starts, so lines can be walked both ways without splitting the whole text. */
function lineTable(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

interface LineInfo {
  indent: number;
  /** Columns of the sequence dashes that open the line (`- - a` has two). */
  dashes: number[];
  /** The key the line writes after its dashes, if it writes one, and its column. */
  key?: string;
  keyColumn: number;
  /** True when nothing follows the key's colon, so the value is the block below. */
  emptyValue: boolean;
  /** True when the value is a block scalar (`|`, `>`), whose lines below are text, not keys. */
  blockScalar: boolean;
}

const LINE_KEY = /^("[^"]*"|'[^']*'|[^\s#'"{[][^#]*?)[ \t]*:(?:[ \t]+(.*))?$/;

function lineInfo(line: string): LineInfo | undefined {
  let column = 0;
  while (column < line.length && line[column] === ' ') column++;
  if (column >= line.length || line[column] === '#' || line[column] === '\r') return undefined;
  const indent = column;
  const dashes: number[] = [];
  while (line[column] === '-' && (column + 1 >= line.length || line[column + 1] === ' ' || line[column + 1] === '\r')) {
    dashes.push(column);
    column++;
    while (line[column] === ' ') column++;
  }
  const rest = line.slice(column).replace(/\r$/, '');
  const key = LINE_KEY.exec(rest);
  if (!key) return { indent, dashes, keyColumn: -1, emptyValue: false, blockScalar: false };
  const name = /^["']/.test(key[1]) ? key[1].slice(1, -1) : key[1];
  const value = (key[2] ?? '').replace(/\s+#.*$/, '').trim();
  return { indent, dashes, key: name, keyColumn: column, emptyValue: value === '', blockScalar: /^[|>][-+0-9]*$/.test(value) };
}

interface Ancestor {
  line: number;
  info: LineInfo;
  /** The column of the innermost owner on the line: its key, or a dash. */
  ownerColumn: number;
  ownerIsKey: boolean;
}

function lineText(text: string, starts: number[], line: number): string {
  const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  return text.slice(starts[line], end);
}

/** The indentation and opening of a line, without cutting it out of the text: the walks below visit thousands. */
function peek(text: string, starts: number[], line: number): { indent: number; opening: 'blank' | 'dash' | 'marker' | 'other' } {
  let at = starts[line];
  while (text.charCodeAt(at) === 32) at++;
  const indent = at - starts[line];
  const code = text.charCodeAt(at);
  if (Number.isNaN(code) || code === 10 || code === 13 || code === 35) return { indent, opening: 'blank' };
  const next = text.charCodeAt(at + 1);
  const endsToken = Number.isNaN(next) || next === 32 || next === 10 || next === 13;
  if (code === 45 && endsToken) return { indent, opening: 'dash' };
  if (indent === 0 && (code === 45 || code === 46) && text.startsWith(code === 45 ? '---' : '...', at)) return { indent, opening: 'marker' };
  return { indent, opening: 'other' };
}

/**
 * The lines above `cursorLine` that own it, innermost first: each is the nearest line above whose key or dash
 * sits left of the column being resolved (or, for a line opening with a dash, a key at the same column with an
 * empty value: the compact `key:\n- item` form).
 */
function ancestorsOf(text: string, starts: number[], cursorLine: number, indent: number, opensWithDash: boolean): { ancestors: Ancestor[]; firstLine: number } {
  const ancestors: Ancestor[] = [];
  let column = indent;
  let dash = opensWithDash;
  let line = cursorLine - 1;
  for (; line >= 0 && (column > 0 || dash); line--) {
    const quick = peek(text, starts, line);
    if (quick.opening === 'marker') break;
    if (quick.opening === 'blank' || quick.indent > column || (quick.indent === column && !dash)) continue;
    const info = lineInfo(lineText(text, starts, line));
    if (!info) continue;
    let ownerColumn = -1;
    let ownerIsKey = false;
    if (info.key !== undefined && (info.keyColumn < column || (dash && info.keyColumn === column && info.emptyValue))) {
      ownerColumn = info.keyColumn;
      ownerIsKey = true;
    } else {
      for (let i = info.dashes.length - 1; i >= 0; i--) {
        if (info.dashes[i] < column) {
          ownerColumn = info.dashes[i];
          break;
        }
      }
    }
    if (ownerColumn < 0) continue;
    ancestors.push({ line, info, ownerColumn, ownerIsKey });
    column = info.indent;
    dash = info.dashes.length > 0 && info.dashes[0] === info.indent;
  }
  // The window starts after a document marker, or at the top of the text.
  let firstLine = 0;
  for (let l = cursorLine - 1; l >= 0; l--) {
    if (peek(text, starts, l).opening === 'marker') {
      firstLine = l + 1;
      break;
    }
    if (ancestors.length > 0 && l < ancestors[ancestors.length - 1].line) break;
  }
  return { ancestors, firstLine };
}

/** The last line of the block an ancestor owns (of the whole document without one). */
function blockEnd(text: string, starts: number[], owner: Ancestor | undefined, from: number): number {
  let last = from;
  const compact = owner !== undefined && owner.ownerIsKey && owner.info.emptyValue;
  for (let line = from + 1; line < starts.length; line++) {
    const quick = peek(text, starts, line);
    if (quick.opening === 'marker') break;
    if (quick.opening === 'blank') continue;
    if (owner && !(quick.indent > owner.ownerColumn || (compact && quick.indent === owner.ownerColumn && quick.opening === 'dash'))) break;
    last = line;
  }
  return last;
}

/** The real index of the sequence item whose dash is at `column` on `line`, counted among the items above it. */
function itemIndex(text: string, starts: number[], line: number, column: number): number {
  let index = 0;
  for (let l = line - 1; l >= 0; l--) {
    const quick = peek(text, starts, l);
    if (quick.opening === 'marker') break;
    if (quick.opening === 'blank' || quick.indent > column) continue;
    if (quick.indent === column && quick.opening === 'dash') {
      index++;
      continue;
    }
    break;
  }
  return index;
}

function locatePlaceholder(
  text: string,
  starts: number[],
  cursorLine: number,
  shape: LineShape,
  patched: string,
): { path: YamlPath; siblings: Record<string, unknown> } | undefined {
  const { ancestors, firstLine } = ancestorsOf(text, starts, cursorLine, shape.indent, shape.dashes.length > 0);
  const container = ancestors[0];
  if (container?.ownerIsKey && container.info.blockScalar) return undefined;
  const window: string[] = ancestors
    .slice(1)
    .reverse()
    .map((ancestor) => lineText(text, starts, ancestor.line));
  const blockStart = container ? container.line : firstLine;
  if (shape.dashes.length > 0) {
    // A new sequence item has no siblings worth parsing: the window holds the container and the item alone.
    if (container) window.push(lineText(text, starts, container.line));
    window.push(patched);
    const itemEnd = blockEnd(text, starts, { line: cursorLine, info: lineInfo(patched)!, ownerColumn: shape.indent, ownerIsKey: false }, cursorLine);
    for (let line = cursorLine + 1; line <= itemEnd; line++) window.push(lineText(text, starts, line));
  } else {
    const blockLast = Math.max(cursorLine, blockEnd(text, starts, container, blockStart));
    const large = blockLast - blockStart + 1 > MAX_BLOCK_LINES;
    for (let line = blockStart; line <= blockLast; line++) {
      if (line === cursorLine) {
        window.push(patched);
        continue;
      }
      if (large && line !== blockStart) {
        // Deeper lines only hold the siblings' values; in a long block they are not worth their parse.
        const quick = peek(text, starts, line);
        if (quick.opening !== 'other' || quick.indent > shape.indent) continue;
      }
      window.push(lineText(text, starts, line));
    }
  }
  const source = window.join('\n');
  // Thousands of open brackets overflow the parser's stack (found by fuzzing); such text offers no completion.
  if (opensTooManyBrackets(source)) return undefined;
  const document = parseDocument(source, EXACT_PARSE_OPTIONS);
  const found = findPlaceholder(document.contents, []);
  if (!found) return undefined;
  // The window holds one item of each sequence on the way to the cursor; their real indexes are counted in the text.
  const realIndexes: number[] = [];
  for (const ancestor of [...ancestors].reverse()) {
    for (const dash of ancestor.info.dashes) {
      if (ancestor.ownerIsKey || dash <= ancestor.ownerColumn) realIndexes.push(itemIndex(text, starts, ancestor.line, dash));
    }
  }
  if (shape.dashes.length > 0) realIndexes.push(itemIndex(text, starts, cursorLine, shape.indent));
  let next = 0;
  const path = found.path.map((segment) => (typeof segment === 'number' && next < realIndexes.length ? realIndexes[next++] : segment));
  return { path, siblings: found.siblings };
}

function findPlaceholder(node: unknown, path: YamlPath, depth = 0): { path: YamlPath; siblings: Record<string, unknown> } | undefined {
  if (depth > 64) return undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      if (key.includes(PLACEHOLDER)) return { path, siblings: siblingsOf(node as YAMLMap, key) };
      const found = findPlaceholder(pair.value, [...path, key], depth + 1);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const found = findPlaceholder(node.items[i], [...path, i], depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function siblingsOf(map: YAMLMap, placeholderKey: string): Record<string, unknown> {
  const siblings: Record<string, unknown> = {};
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === placeholderKey) continue;
    // Converting a deeply nested value takes time exponential in its depth (found by fuzzing: seconds per keystroke).
    if (nestsDeeperThan(pair.value)) continue;
    try {
      siblings[key] = isNode(pair.value) ? pair.value.toJSON() : pair.value;
    } catch {
      // `yaml` throws when converting a value whose merge key (`<<: *a`) names no mapping (found by fuzzing); a
      // sibling that cannot be read only narrows completion, so it is left out rather than failing the request.
    }
  }
  return siblings;
}
