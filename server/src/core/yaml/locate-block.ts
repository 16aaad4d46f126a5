/**
 * A fast path for `locateYamlPath` on block-style YAML, which is what dbt's YAML files nearly always are.
 *
 * The exact parse that `locateYamlPath` needs costs about ten times the fast load: on a 5,000-model project the
 * standards rules locate findings in most properties files, and those parses took 530 ms of a 3.5 s check.
 * This scanner walks the lines along the path instead (keys at an indentation, `- ` items of a list) and answers
 * only when the text it crosses is plain block YAML. Anything it does not model (flow collections, anchors,
 * aliases, merge keys, tags, explicit keys, tabs in indentation, several documents, a value spanning lines, a
 * path that is not there) makes it return undefined, and the caller falls back to the exact parse. A test compares
 * its answers with the exact parse for every path of every YAML file in the fixtures and the reference data.
 */
import type { Span } from '../text';
import type { YamlPath } from './locate';

interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past its content, before `\r\n` or `\n`. */
  end: number;
  /** Column of its first non-space character, or -1 for a blank line or a comment. */
  indent: number;
}

interface Lines {
  lines: Line[];
  /** False when the text has something the scanner cannot follow anywhere (tabs in indentation, directives, several documents). */
  plain: boolean;
  /** Each mapping's entries by key, once scanned (null when it cannot be read), by the block's first line and column: a file's findings ask for the same mappings again and again. */
  mappings: Map<string, Map<string, { line: number; found: KeyLine }> | null>;
  /**
   * The block under each entry, and each list's item lines, once scanned, keyed like `mappings`. Without them, each
   * lookup rescanned the list it went through: locating one finding for each of 30,000 source tables took minutes.
   */
  children: Map<string, Block | undefined>;
  items: Map<string, number[]>;
  /** Each list item's block, by the list's key and the item's number. */
  itemBlocks: Map<string, Block | undefined>;
}

/** Line tables of the last few texts: a file's findings are located one after another. */
const recent: { text: string; table: Lines }[] = [];

function linesOf(text: string): Lines {
  for (const entry of recent) if (entry.text === text) return entry.table;
  const lines: Line[] = [];
  let plain = true;
  let seenContent = false;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    const next = end < 0 ? text.length + 1 : end + 1;
    if (end < 0) end = text.length;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    let column = start;
    while (column < end && text.charCodeAt(column) === 32) column++;
    const first = text.charCodeAt(column);
    if (first === 9) plain = false;
    const blank = column === end || first === 35; /* # */
    if (!blank && column === start && (text.startsWith('---', start) || text.startsWith('...', start) || first === 37 /* % */)) {
      // A document marker or a directive: one leading `---` is harmless, anything else means several documents.
      const marker = text.slice(start, end).trim();
      if (!(marker === '---' && !seenContent)) plain = false;
      lines.push({ start, end, indent: -1 });
    } else {
      if (!blank) seenContent = true;
      lines.push({ start, end, indent: blank ? -1 : column - start });
    }
    start = next;
  }
  const table: Lines = { lines, plain, mappings: new Map(), children: new Map(), items: new Map(), itemBlocks: new Map() };
  recent.unshift({ text, table });
  if (recent.length > 8) recent.pop();
  return table;
}

/** A mapping key written on a line: where the key's text is, and what follows its colon on that line. */
interface KeyLine {
  key: string;
  keySpan: Span;
  /** The inline value's span, trimmed of spaces and a trailing comment; empty (start === end) when there is none. */
  value: Span;
}

/**
 * Where `needle` starts between `from` and `end` (the end of the line), or -1. A plain `indexOf` would search on
 * to the end of the file when the line lacks it: once per located finding, that made locating quadratic.
 */
function indexInLine(text: string, needle: string, from: number, end: number): number {
  const found = text.slice(from, end).indexOf(needle);
  return found < 0 ? -1 : from + found;
}

/** Reads `key: value` starting at `at`; undefined when the line is not a simple block mapping entry. */
function readKeyLine(text: string, at: number, end: number): KeyLine | undefined {
  const first = text[at];
  let keyEnd: number;
  let key: string;
  if (first === '"' || first === "'") {
    const close = indexInLine(text, first, at + 1, end);
    if (close < 0 || close >= end) return undefined;
    key = text.slice(at + 1, close);
    // Escapes and doubled quotes change the key's value: leave those to the exact parse.
    if (key.includes('\\') || key.includes(first)) return undefined;
    keyEnd = close + 1;
    if (text[keyEnd] !== ':') return undefined;
  } else {
    if ('?-[]{}&*!|>%@`#,'.includes(first)) return undefined;
    let colon = at;
    for (;;) {
      colon = indexInLine(text, ':', colon, end);
      if (colon < 0 || colon >= end) return undefined;
      const after = text.charCodeAt(colon + 1);
      if (colon + 1 === end || after === 32) break;
      colon++;
    }
    keyEnd = colon;
    while (keyEnd > at && text.charCodeAt(keyEnd - 1) === 32) keyEnd--;
    key = text.slice(at, keyEnd);
    if (key.includes(' #')) return undefined;
  }
  const colon = text.indexOf(':', keyEnd);
  let valueStart = colon + 1;
  while (valueStart < end && text.charCodeAt(valueStart) === 32) valueStart++;
  let valueEnd = valueStart;
  if (valueStart < end && text[valueStart] !== '#') {
    const quote = text[valueStart];
    if (quote === '"' || quote === "'") {
      // A quoted value must close on this line; `\"` and `''` are skipped over.
      let close = valueStart + 1;
      for (;;) {
        close = indexInLine(text, quote, close, end);
        if (close < 0 || close >= end) return undefined;
        if (quote === '"' && text[close - 1] === '\\') {
          close++;
          continue;
        }
        if (quote === "'" && text[close + 1] === "'") {
          close += 2;
          continue;
        }
        break;
      }
      valueEnd = close + 1;
      const rest = text.slice(valueEnd, end).trim();
      if (rest !== '' && !rest.startsWith('#')) return undefined;
    } else {
      const comment = indexInLine(text, ' #', valueStart, end);
      valueEnd = comment >= 0 && comment < end ? comment : end;
      while (valueEnd > valueStart && text.charCodeAt(valueEnd - 1) === 32) valueEnd--;
    }
  }
  return { key, keySpan: { start: at, end: keyEnd }, value: { start: valueStart, end: valueEnd } };
}

/** A block collection being searched: its lines [from, to), the column of its entries, and where its first entry begins. */
interface Block {
  from: number;
  to: number;
  indent: number;
  /** For a mapping that starts after `- ` on an item's line: the offset of its first key. */
  firstAt?: number;
}

/**
 * The span of `path` in block-style `text` (the key with `target: 'key'`, else a one-line scalar value), or
 * undefined when the scanner cannot be sure; the caller then asks the exact parse.
 */
export function locateBlockPath(text: string, path: YamlPath, target: 'key' | 'value'): Span | undefined {
  if (path.length === 0) return undefined;
  const table = linesOf(text);
  if (!table.plain) return undefined;
  const lines = table.lines;
  let first = 0;
  while (first < lines.length && lines[first].indent < 0) first++;
  if (first === lines.length) return undefined;
  let block: Block = { from: first, to: lines.length, indent: lines[first].indent };
  for (let index = 0; index < path.length; index++) {
    const segment = path[index];
    const isLast = index === path.length - 1;
    if (typeof segment === 'number') {
      if (isLast) return undefined;
      const item = findItem(text, table, block, segment);
      if (!item) return undefined;
      block = item;
      continue;
    }
    const entry = findKey(text, table, block, segment);
    if (!entry) return undefined;
    const child = childBlock(text, table, entry.line, block.indent, block.to);
    if (isLast) {
      if (target === 'key') return entry.found.keySpan;
      // A value on the following lines (a block) is left to the exact parse; an empty one is shown at its key.
      // So are anchored, aliased, tagged and flow values, which the exact parse resolves or spans differently.
      const value = entry.found.value;
      if (child || (value.end > value.start && '&*!{[|>'.includes(text[value.start]))) return undefined;
      return value.end > value.start ? value : entry.found.keySpan;
    }
    if (entry.found.value.end > entry.found.value.start || !child) return undefined;
    block = child;
  }
  return undefined;
}

/** The last entry of a block mapping with this key (duplicate keys: the last one wins, as when loading). */
function findKey(text: string, table: Lines, block: Block, key: string): { line: number; found: KeyLine } | undefined {
  const id = `${block.from}:${block.indent}`;
  let entries = table.mappings.get(id);
  if (entries === undefined) table.mappings.set(id, (entries = readMapping(text, table.lines, block)));
  // A key missing here may come from a `<<` merge key: returning undefined leaves that to the exact parse.
  return entries?.get(key);
}

/** A block mapping's entries by key, or null when a line at its column is not a simple entry. */
function readMapping(text: string, lines: Line[], block: Block): Map<string, { line: number; found: KeyLine }> | null {
  const entries = new Map<string, { line: number; found: KeyLine }>();
  for (let index = block.from; index < block.to; index++) {
    const line = lines[index];
    if (line.indent < 0) continue;
    const at = index === block.from && block.firstAt !== undefined ? block.firstAt : line.start + line.indent;
    const column = at - line.start;
    if (column > block.indent) continue;
    if (column < block.indent) return null;
    // A `- ` at the mapping's own column is an indentless list, the value of the key before it.
    if (text[at] === '-' && (at + 1 === line.end || text[at + 1] === ' ')) continue;
    const found = readKeyLine(text, at, line.end);
    if (!found) return null;
    entries.set(found.key, { line: index, found });
  }
  return entries;
}

/** The block nested under the entry on line `line` (at column `indent`), or undefined when its value is on its own line. */
function childBlock(text: string, table: Lines, line: number, indent: number, limit: number): Block | undefined {
  const id = `${line}:${indent}:${limit}`;
  if (table.children.has(id)) return table.children.get(id);
  const child = scanChildBlock(text, table.lines, line, indent, limit);
  table.children.set(id, child);
  return child;
}

function scanChildBlock(text: string, lines: Line[], line: number, indent: number, limit: number): Block | undefined {
  let next = line + 1;
  while (next < limit && lines[next].indent < 0) next++;
  if (next >= limit) return undefined;
  const childIndent = lines[next].indent;
  const at = lines[next].start + childIndent;
  const isItem = text[at] === '-' && (at + 1 === lines[next].end || text[at + 1] === ' ');
  if (childIndent < indent || (childIndent === indent && !isItem)) return undefined;
  // The block runs until a line back at the parent's column (an indentless list's items stay inside).
  let to = next + 1;
  for (; to < limit; to++) {
    const candidate = lines[to];
    if (candidate.indent < 0) continue;
    if (candidate.indent < childIndent) break;
    if (candidate.indent === indent && childIndent === indent && text[candidate.start + candidate.indent] !== '-') break;
  }
  return { from: next, to, indent: childIndent };
}

/** The `n`th item of a block list, as the mapping written after its `- ` (other item shapes are left to the exact parse). */
function findItem(text: string, table: Lines, block: Block, n: number): Block | undefined {
  const id = `${block.from}:${block.indent}:${block.firstAt ?? ''}:${block.to}`;
  const key = `${id}#${n}`;
  if (table.itemBlocks.has(key)) return table.itemBlocks.get(key);
  let items = table.items.get(id);
  if (!items) table.items.set(id, (items = itemLines(text, table.lines, block)));
  const item = itemBlock(text, table.lines, block, items[n]);
  table.itemBlocks.set(key, item);
  return item;
}

/** The block of the item on line `index` of a list, when it is a mapping written after its `- `. */
function itemBlock(text: string, lines: Line[], block: Block, index: number | undefined): Block | undefined {
  if (index === undefined) return undefined;
  const line = lines[index];
  const at = index === block.from && block.firstAt !== undefined ? block.firstAt : line.start + line.indent;
  let content = at + 1;
  while (content < line.end && text.charCodeAt(content) === 32) content++;
  // `- - x`, `- ` alone, and flow or anchored items are not a mapping on the dash's line.
  if (content === line.end || '-[{&*!#|>'.includes(text[content])) return undefined;
  let to = index + 1;
  for (; to < block.to; to++) {
    const candidate = lines[to];
    if (candidate.indent >= 0 && candidate.indent <= block.indent) break;
  }
  return { from: index, to, indent: content - line.start, firstAt: content };
}

/** The lines of a block list's `- ` items, up to the first line at its column that is not one: the list is not plain past it. */
function itemLines(text: string, lines: Line[], block: Block): number[] {
  const items: number[] = [];
  for (let index = block.from; index < block.to; index++) {
    const line = lines[index];
    if (line.indent < 0) continue;
    const at = index === block.from && block.firstAt !== undefined ? block.firstAt : line.start + line.indent;
    const column = at - line.start;
    if (column > block.indent) continue;
    if (column < block.indent || text[at] !== '-' || !(at + 1 === line.end || text[at + 1] === ' ')) break;
    items.push(index);
  }
  return items;
}
