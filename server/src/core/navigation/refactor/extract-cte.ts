/**
 * Extracting a CTE to a model of its own: the CTE's body moves, dedented and with its Jinja unchanged, to a new
 * model file next to the current one, and the CTE then reads that model with `select * from {{ ref('…') }}`.
 *
 * Only a top-level CTE that stands on its own is extracted. A CTE that reads an earlier CTE of the same file is
 * refused rather than extracted along with its dependencies: moving a chain would change more than the user
 * pointed at. The same holds for bodies whose meaning depends on the model they sit in: `this`,
 * `is_incremental()` blocks, `config()`, Jinja variables or macros defined elsewhere in the file, or a CTE that
 * Jinja writes conditionally or in a loop.
 * When a model of the CTE's name already exists, the new model takes the first free `<name>_2`, `<name>_3`, …,
 * and the action's title says so: the CTE keeps its name, so the rest of the file reads it unchanged.
 */
import { analyzeJinja, renderStatic, type JinjaSqlAnalysis, type Substitution } from '../../jinja';
import type { ProjectIndex } from '../../project/index-types';
import { dirname, joinPath } from '../../project/layout';
import { tokenizeSql, type SqlToken } from '../../sql';
import type { Span } from '../../text';
import { nameTaken } from './rename-model';
import { MODEL_NAME, type WorkspaceChanges } from './types';

export interface CteExtraction extends WorkspaceChanges {
  /** The CTE's name, as written. */
  cte: string;
  /** The new model's name: the CTE's, or the first free `<cte>_<n>`. */
  model: string;
  title: string;
}

/** How far the search for a free `<cte>_<n>` goes before giving up. */
const MAX_SUFFIX = 20;

interface TopLevelCte {
  name: string;
  /** Quoted names compare exactly, others in any case, as SQL resolves them. */
  key: string;
  nameToken: SqlToken;
  hasColumnList: boolean;
  open: SqlToken;
  close: SqlToken;
  /** Token indexes of the body, without the parentheses. */
  bodyFrom: number;
  bodyTo: number;
}

/**
 * The extraction of the top-level CTE whose name or body holds `range` in the model `file`. Undefined when the
 * range is in no such CTE (or the file is not a SQL model of the user's); a refusal, with the reason, when the
 * CTE cannot be extracted safely.
 */
export function extractCteAt(index: ProjectIndex, file: string, range: Span): { ok: true; extraction: CteExtraction } | { ok: false; cte: string; message: string } | undefined {
  const summary = index.file(file);
  const text = index.text(file);
  const project = index.projectOf(file);
  if (summary?.kind !== 'model' || !('jinja' in summary) || text === undefined || !project || project.isPackage) return undefined;
  const rendered = renderStatic(text, summary.jinja, { incremental: false });
  const tokens = tokenizeSql(rendered.text, project.dialect).filter((token) => token.kind !== 'comment');
  const structure = topLevelCtes(tokens);
  if (!structure) return undefined;
  const position = structure.ctes.findIndex((cte) => {
    const start = rendered.toOriginal(cte.nameToken.span.start);
    const end = rendered.toOriginal(cte.close.span.start) + 1;
    return start <= range.start && range.end <= end;
  });
  if (position < 0) return undefined;
  const cte = structure.ctes[position];
  const refuse = (message: string) => ({ ok: false as const, cte: cte.name, message });

  if (structure.recursive) return refuse(`\`${cte.name}\` belongs to a recursive WITH, whose CTEs can read themselves; it cannot be extracted to a model.`);
  if (cte.hasColumnList) return refuse(`\`${cte.name}\` renames its columns with a column list, which a model cannot express; move the names into the select, then extract.`);
  const nameStart = rendered.toOriginal(cte.nameToken.span.start);
  const open = rendered.toOriginal(cte.open.span.start);
  const close = rendered.toOriginal(cte.close.span.start);
  // The CTE's name and parentheses must be literal text of the file; Jinja that writes them cannot be moved as text.
  if (text.slice(nameStart, nameStart + cte.nameToken.text.length) !== cte.nameToken.text || text[open] !== '(' || text[close] !== ')' || text.slice(nameStart, open).includes('{')) {
    return refuse('This CTE is written by Jinja (its name or its parentheses come from a tag or a loop), so its text cannot be moved to a model as it is.');
  }
  if (!MODEL_NAME.test(cte.name)) return refuse(`\`${cte.name}\` is not a valid dbt model name; rename the CTE to letters, digits and underscores first.`);
  const dependency = readsEarlierCte(tokens, structure.ctes, position, rendered.substitutions);
  if (dependency) {
    return refuse(`\`${cte.name}\` reads the CTE \`${dependency}\` of this model, which the new model could not see. Extract \`${dependency}\` first, then this one.`);
  }
  const body = text.slice(open + 1, close);
  const jinjaProblem = jinjaTiesToFile(text, summary.jinja, nameStart, open + 1, close);
  if (jinjaProblem) return refuse(`\`${cte.name}\` ${jinjaProblem}, so it would not mean the same in a model of its own.`);
  const lead = /^\s*/.exec(body)![0].length;
  const trail = /\s*$/.exec(body)![0].length;
  if (lead === body.length) return refuse(`\`${cte.name}\` has an empty body; there is nothing to extract.`);

  const model = freeModelName(index, file, cte.name);
  if (!model) return refuse(`Models named \`${cte.name}\` to \`${cte.name}_${MAX_SUFFIX}\` exist already; rename the CTE, then extract.`);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const newFile = joinPath(dirname(file), `${model}.sql`);
  const title = model === cte.name ? `Extract CTE \`${cte.name}\` to a new model` : `Extract CTE \`${cte.name}\` to a new model \`${model}\` (\`${cte.name}\` is taken)`;
  return {
    ok: true,
    extraction: {
      cte: cte.name,
      model,
      title,
      creates: [{ file: newFile, text: dedent(body) + newline }],
      edits: [{ file, span: { start: open + 1 + lead, end: close - trail }, newText: `select * from {{ ref('${model}') }}` }],
      renames: [],
    },
  };
}

/** The CTEs of the statement's leading WITH, or undefined when the statement does not start with one. */
function topLevelCtes(tokens: SqlToken[]): { recursive: boolean; ctes: TopLevelCte[] } | undefined {
  if (tokens[0]?.kind !== 'keyword' || tokens[0].value !== 'with') return undefined;
  let index = 1;
  const recursive = isWord(tokens[index], 'recursive');
  if (recursive) index++;
  const ctes: TopLevelCte[] = [];
  while (index < tokens.length) {
    const nameToken = tokens[index];
    if (!['identifier', 'quotedIdentifier', 'keyword'].includes(nameToken.kind) || nameToken.value === 'select') break;
    index++;
    let hasColumnList = false;
    if (isPunctuation(tokens[index], '(')) {
      hasColumnList = true;
      const closing = matching(tokens, index);
      if (closing === undefined) break;
      index = closing + 1;
    }
    if (isWord(tokens[index], 'as')) index++;
    if (isWord(tokens[index], 'not')) index++;
    if (isWord(tokens[index], 'materialized')) index++;
    if (!isPunctuation(tokens[index], '(')) break;
    const closing = matching(tokens, index);
    if (closing === undefined) break;
    const name = nameToken.kind === 'quotedIdentifier' ? nameToken.value : nameToken.text;
    ctes.push({ name, key: keyOf(nameToken), nameToken, hasColumnList, open: tokens[index], close: tokens[closing], bodyFrom: index + 1, bodyTo: closing });
    index = closing + 1;
    if (!isPunctuation(tokens[index], ',')) break;
    index++;
  }
  return { recursive, ctes };
}

/**
 * The first earlier CTE whose name appears as a word in the body. Any such word counts, even a column or an alias
 * that happens to share the name: refusing a safe extraction costs less than offering a broken one. Names that
 * Jinja rendered (a `ref()` rendered as its relation name) are not the CTE's own text and are skipped.
 */
function readsEarlierCte(tokens: SqlToken[], ctes: TopLevelCte[], position: number, substitutions: Substitution[]): string | undefined {
  const earlier = new Map(ctes.slice(0, position).map((cte) => [cte.key, cte.name]));
  if (earlier.size === 0) return undefined;
  const cte = ctes[position];
  for (let index = cte.bodyFrom; index < cte.bodyTo; index++) {
    const token = tokens[index];
    if (token.kind !== 'identifier' && token.kind !== 'quotedIdentifier' && token.kind !== 'keyword') continue;
    if (substitutions.some((sub) => sub.rendered.start <= token.span.start && token.span.end <= sub.rendered.end)) continue;
    const name = earlier.get(keyOf(token));
    if (name !== undefined) return name;
  }
  return undefined;
}

/** What in the body ties it to the file it is in, as the end of a sentence starting with the CTE's name. */
function jinjaTiesToFile(text: string, jinja: JinjaSqlAnalysis, cteStart: number, bodyStart: number, bodyEnd: number): string | undefined {
  if (analyzeJinja(text.slice(0, cteStart)).errors.length > 0) return 'is inside a Jinja block (an `if`, a `for` or a macro)';
  const body = text.slice(bodyStart, bodyEnd);
  const analysis = analyzeJinja(body);
  if (analysis.errors.length > 0) return 'holds Jinja that is not complete within the CTE';
  if (analysis.usesThis) return 'reads `{{ this }}`, the model it is written in';
  if (analysis.incrementalBlocks.length > 0) return 'has an `is_incremental()` block, which depends on how this model is built';
  if (analysis.configs.length > 0) return 'calls `config()`, which configures the model it is written in';
  if (analysis.blocks.length > 0) return 'defines a macro or another Jinja block';
  const inBody = (span: Span) => bodyStart <= span.start && span.end <= bodyEnd;
  for (const variable of jinja.setVariables) {
    if (!inBody(variable.span) && wordIn(body, variable.name)) return `uses the Jinja variable \`${variable.name}\` set elsewhere in this file`;
    if (inBody(variable.span) && (wordIn(text.slice(0, bodyStart), variable.name) || wordIn(text.slice(bodyEnd), variable.name))) {
      return `sets the Jinja variable \`${variable.name}\`, which the rest of this file uses`;
    }
  }
  const fileMacros = new Set(jinja.blocks.filter((block) => block.kind === 'macro').map((block) => block.name));
  const called = analysis.macroCalls.find((call) => fileMacros.has(call.name));
  if (called) return `calls the macro \`${called.name}\` defined in this file`;
  return undefined;
}

/** The CTE's name if no model, seed, snapshot, file or properties entry has it, else the first free `<name>_<n>`. */
function freeModelName(index: ProjectIndex, file: string, name: string): string | undefined {
  for (let suffix = 1; suffix <= MAX_SUFFIX; suffix++) {
    const candidate = suffix === 1 ? name : `${name}_${suffix}`;
    if (!nameTaken(index, file, candidate, joinPath(dirname(file), `${candidate}.sql`))) return candidate;
  }
  return undefined;
}

/**
 * The body without the blank lines after `(` and the white space before `)`, its lines moved left by their common
 * indentation. Lines that start inside a Jinja tag, a string, a quoted name or a block comment are kept byte for
 * byte, and are not counted: their leading spaces are content, not indentation.
 */
export function dedent(body: string): string {
  const firstBreak = /^(?:[ \t]*\r?\n)+/.exec(body);
  const start = firstBreak ? firstBreak[0].length : /^\s*/.exec(body)![0].length;
  const end = body.length - /\s*$/.exec(body)![0].length;
  const inside = lineStartsInside(body);
  const lines: { at: number; text: string; free: boolean }[] = [];
  for (let at = start; ; ) {
    const newline = body.indexOf('\n', at);
    const stop = newline < 0 || newline >= end ? end : newline;
    // A first line that shares the line of `(` has no indentation of its own to compare.
    lines.push({ at, text: body.slice(at, stop), free: !inside.has(at) && !(at === start && !firstBreak) });
    if (stop === end) break;
    at = newline + 1;
  }
  const indents = lines.filter((line) => line.free && line.text.trim() !== '').map((line) => /^[ \t]*/.exec(line.text)![0].length);
  const indent = indents.length > 0 ? Math.min(...indents) : 0;
  return lines
    .map((line) => {
      if (!line.free) return line.text;
      const leading = /^[ \t]*/.exec(line.text)![0].length;
      return line.text.trim() === '' ? line.text.slice(leading) : line.text.slice(Math.min(indent, leading));
    })
    .join('\n');
}

/** Offsets of line starts that fall inside a Jinja tag or comment, a string, a quoted name or a block comment. */
function lineStartsInside(text: string): Set<number> {
  const inside = new Set<number>();
  const mark = (from: number, to: number) => {
    for (let at = text.indexOf('\n', from); at >= 0 && at + 1 < to; at = text.indexOf('\n', at + 1)) inside.add(at + 1);
  };
  /** The end of a Jinja tag opened at `at`, or undefined when `at` opens none. */
  const jinjaEnd = (at: number): number | undefined => {
    const opener = text.slice(at, at + 2);
    const closer = opener === '{{' ? '}}' : opener === '{%' ? '%}' : opener === '{#' ? '#}' : undefined;
    if (!closer) return undefined;
    const close = text.indexOf(closer, at + 2);
    return close < 0 ? text.length : close + 2;
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    const tag = jinjaEnd(index);
    let stop: number | undefined;
    if (tag !== undefined) stop = tag;
    else if (char === "'" || char === '"' || char === '`') stop = quotedEnd(text, index, jinjaEnd);
    else if (text.startsWith('/*', index)) stop = endOf(text, '*/', index + 2);
    else if (text.startsWith('$$', index)) stop = endOf(text, '$$', index + 2);
    else if (text.startsWith('--', index)) {
      const newline = text.indexOf('\n', index);
      index = newline < 0 ? text.length : newline;
      continue;
    }
    if (stop === undefined) {
      index++;
      continue;
    }
    mark(index, stop);
    index = stop;
  }
  return inside;
}

/** The end of a quoted string or name opened at `at`: doubled quotes and backslashes escape, Jinja tags are skipped whole. */
function quotedEnd(text: string, at: number, jinjaEnd: (at: number) => number | undefined): number {
  const quote = text[at];
  let index = at + 1;
  while (index < text.length) {
    const tag = jinjaEnd(index);
    if (tag !== undefined) index = tag;
    else if (text[index] === '\\') index += 2;
    else if (text[index] === quote && text[index + 1] === quote) index += 2;
    else if (text[index] === quote) return index + 1;
    else index++;
  }
  return text.length;
}

function endOf(text: string, closer: string, from: number): number {
  const close = text.indexOf(closer, from);
  return close < 0 ? text.length : close + closer.length;
}

function matching(tokens: SqlToken[], open: number): number | undefined {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    if (tokens[index].kind !== 'punctuation') continue;
    if (tokens[index].text === '(') depth++;
    else if (tokens[index].text === ')' && --depth === 0) return index;
  }
  return undefined;
}

function keyOf(token: SqlToken): string {
  return token.kind === 'quotedIdentifier' ? token.value : token.text.toLowerCase();
}

function isWord(token: SqlToken | undefined, word: string): boolean {
  return token !== undefined && (token.kind === 'keyword' || token.kind === 'identifier') && token.text.toLowerCase() === word;
}

function isPunctuation(token: SqlToken | undefined, text: string): boolean {
  return token?.kind === 'punctuation' && token.text === text;
}

function wordIn(text: string, word: string): boolean {
  return new RegExp(`(^|[^\\w])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w])`).test(text);
}
