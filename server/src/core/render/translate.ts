/**
 * Rewrites dbt Jinja into Jinja that MiniJinja renders inside the sandbox.
 *
 * The rewrites keep every line where it was, so that error lines still point into the
 * user's file:
 * - calls to known macros become their mangled names (`dbt_utils.star(` and bare `star(`
 *   alike), and literal `adapter.dispatch('x', 'pkg')` becomes the chosen implementation;
 * - `config.get(`/`config.require(` become a function, because a JavaScript function
 *   cannot carry attributes into MiniJinja;
 * - `{% call statement(...) %}` and other calls of unknown callers become a discarded
 *   `{% set %}` block, so their bodies still render (and record refs) without a caller;
 * - `{% do x.append(y) %}` becomes `{% set x = x + [y] %}`, because MiniJinja values are
 *   immutable and have no mutating methods;
 * - `{% snapshot %}` wrappers are removed, and `{% materialization %}` and `{% docs %}`
 *   blocks are dropped;
 * - a call of a macro that uses `return(...)` is wrapped so that it yields the returned value
 *   (a list or dict) rather than the macro's rendered text;
 * - non-breaking spaces inside tags become spaces, as Python's Jinja lexer accepts them;
 * - a call of an unknown name `f(...)` becomes `(f if f is defined else missing('f'))(...)`,
 *   so that a macro from a package that is not installed leaves a hole (and a note) instead
 *   of ending the render before later refs are recorded.
 */

import {
  CodeIdentifier,
  JinjaTag,
  TextEdit,
  applyEdits,
  codeIdentifiers,
  findMatchingParen,
  isIdentPart,
  keepLines,
  readStringLiteral,
  scanTags,
  skipSpace,
  splitTopLevel,
} from './jinja-lexer';
import { CONFIG_GET_FUNCTION, JINJA_KEYWORDS, KNOWN_CALLABLES, MISSING_MACRO_FUNCTION, RETURN_UNWRAP_FUNCTION } from './context-names';
import { MacroEntry, MacroRegistry } from './macro-registry';

export interface TranslatedCode {
  text: string;
  /** Macros the code calls, which the template must import before use. */
  dependencies: Map<string, MacroEntry>;
}

const DISCARD_VARIABLE = 'dpl_discarded_call';
/**
 * Namespaces that name dbt packages by convention (`dbt_utils`, `dbt_date`, `fivetran_utils`,
 * `codegen`…). They are never local variables, so a call into one that is not installed can
 * safely become a hole instead of an error.
 */
const LIKELY_PACKAGE = /^(dbt|dbt_\w+|\w+_utils|codegen|audit_helper|elementary|fivetran_\w+|snowplow_\w+)$/;
const MUTATING_METHODS = new Set(['append', 'extend', 'update', 'insert', 'remove', 'pop', 'add']);
const DROPPED_BLOCKS: Record<string, string> = { materialization: 'endmaterialization', docs: 'enddocs' };

/** Translates a template region (a macro body or a whole model) written in `fromPackage`. */
export function translateCode(source: string, fromPackage: string, registry: MacroRegistry): TranslatedCode {
  const text = source.includes('\u00a0') ? normaliseSpacesInTags(source) : source;
  const tags = scanTags(text);
  const edits: TextEdit[] = [];
  const dependencies = new Map<string, MacroEntry>();
  const neutralisedEnds = new Set<number>();
  let index = 0;
  while (index < tags.length) {
    const tag = tags[index];
    if (tag.kind === 'comment') {
      index++;
      continue;
    }
    const droppedCloser = tag.kind === 'stmt' ? DROPPED_BLOCKS[tag.keyword] : undefined;
    if (droppedCloser) {
      const closer = findCloser(tags, index, tag.keyword, droppedCloser);
      const end = closer < 0 ? text.length : tags[closer].end;
      edits.push({ start: tag.start, end, replacement: keepLines(text.slice(tag.start, end), '') });
      if (closer < 0) break;
      index = closer + 1;
      continue;
    }
    if (tag.kind === 'stmt' && (tag.keyword === 'snapshot' || tag.keyword === 'endsnapshot')) {
      edits.push({ start: tag.start, end: tag.end, replacement: keepLines(text.slice(tag.start, tag.end), '') });
    } else if (tag.kind === 'stmt' && tag.keyword === 'call' && !callsKnownMacro(text, tag, fromPackage, registry)) {
      const closer = findCloser(tags, index, 'call', 'endcall');
      if (closer >= 0) {
        edits.push(replaceCode(text, tag, `set ${DISCARD_VARIABLE}`));
        neutralisedEnds.add(closer);
      }
    } else if (tag.kind === 'stmt' && tag.keyword === 'endcall' && neutralisedEnds.has(index)) {
      edits.push(replaceCode(text, tag, 'endset'));
    } else {
      if (tag.kind === 'stmt' && tag.keyword === 'do') rewriteMutation(text, tag, edits);
      rewriteCalls(text, tag.codeStart, tag.codeEnd, tag.kind === 'expr', fromPackage, registry, edits, dependencies);
    }
    index++;
  }
  return { text: applyEdits(text, edits), dependencies };
}

/** Replaces non-breaking spaces inside tags with spaces; offsets stay the same. */
function normaliseSpacesInTags(text: string): string {
  let out = '';
  let cursor = 0;
  for (const tag of scanTags(text)) {
    if (tag.kind === 'comment') continue;
    out += text.slice(cursor, tag.start) + text.slice(tag.start, tag.end).replace(/\u00a0/g, ' ');
    cursor = tag.end;
  }
  return out + text.slice(cursor);
}

/** Builds the import statements that bring a code region's macros into scope, on one line. */
export function importStatements(dependencies: Map<string, MacroEntry>, trimmed: boolean): string {
  let out = '';
  const open = trimmed ? '{%-' : '{%';
  const close = trimmed ? '-%}' : '%}';
  for (const entry of dependencies.values()) {
    out += `${open} from '${entry.templateName}' import ${entry.mangled} ${close}`;
  }
  return out;
}

function replaceCode(text: string, tag: JinjaTag, code: string): TextEdit {
  const original = text.slice(tag.codeStart, tag.codeEnd);
  return { start: tag.codeStart, end: tag.codeEnd, replacement: keepLines(original, ` ${code} `) };
}

function findCloser(tags: JinjaTag[], openIndex: number, opener: string, closer: string): number {
  let depth = 0;
  for (let i = openIndex; i < tags.length; i++) {
    const tag = tags[i];
    if (tag.kind !== 'stmt') continue;
    if (tag.keyword === opener) depth++;
    else if (tag.keyword === closer && --depth === 0) return i;
  }
  return -1;
}

/** Decides whether `{% call x(...) %}` calls a loaded macro, which can then use `caller()`. */
function callsKnownMacro(text: string, tag: JinjaTag, fromPackage: string, registry: MacroRegistry): boolean {
  let i = skipSpace(text, skipSpace(text, tag.codeStart, tag.codeEnd) + 'call'.length, tag.codeEnd);
  if (text[i] === '(') {
    const close = findMatchingParen(text, i, tag.codeEnd);
    if (close < 0) return false;
    i = skipSpace(text, close + 1, tag.codeEnd);
  }
  const first = readIdentifier(text, i, tag.codeEnd);
  if (!first) return false;
  i = skipSpace(text, i + first.length, tag.codeEnd);
  if (text[i] === '.') {
    const second = readIdentifier(text, skipSpace(text, i + 1, tag.codeEnd), tag.codeEnd);
    return second !== undefined && registry.resolveQualified(first, second) !== undefined;
  }
  return registry.resolveBare(first, fromPackage) !== undefined;
}

function readIdentifier(text: string, start: number, limit: number): string | undefined {
  let end = start;
  while (end < limit && isIdentPart(text[end])) end++;
  return end > start && !/[0-9]/.test(text[start]) ? text.slice(start, end) : undefined;
}

/** Rewrites `do x.append(y)` and friends into immutable equivalents. */
function rewriteMutation(text: string, tag: JinjaTag, edits: TextEdit[]): void {
  const code = text.slice(tag.codeStart, tag.codeEnd);
  const match = /^\s*do\s+([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)?)\s*\.\s*([A-Za-z_]\w*)\s*\(/.exec(code);
  if (!match || !MUTATING_METHODS.has(match[2])) return;
  const open = tag.codeStart + match[0].length - 1;
  const close = findMatchingParen(text, open, tag.codeEnd);
  if (close < 0 || text.slice(close + 1, tag.codeEnd).trim() !== '') return;
  const target = match[1].replace(/\s+/g, '');
  const method = match[2];
  let prefix: string;
  let suffix: string;
  if (method === 'append') {
    prefix = ` set ${target} = ${target} + [`;
    suffix = ']';
  } else if (method === 'extend') {
    prefix = ` set ${target} = ${target} + ((`;
    suffix = ')|list)';
  } else {
    // Other mutations cannot be expressed; their arguments still evaluate so calls inside
    // record. MiniJinja's `do` only takes a call, so the arguments go to a discarded `set`.
    prefix = ` set ${DISCARD_VARIABLE} = [`;
    suffix = ']';
  }
  edits.push({ start: tag.codeStart, end: open + 1, replacement: keepLines(text.slice(tag.codeStart, open + 1), prefix) });
  edits.push({ start: close, end: close + 1, replacement: suffix });
}

/** Rewrites macro call sites in `text[from, to)` to mangled names, collecting dependencies. */
function rewriteCalls(
  text: string,
  from: number,
  to: number,
  isExpressionTag: boolean,
  fromPackage: string,
  registry: MacroRegistry,
  edits: TextEdit[],
  dependencies: Map<string, MacroEntry>,
): void {
  const identifiers = codeIdentifiers(text, from, to);
  let skipUntil = -1;
  for (let k = 0; k < identifiers.length; k++) {
    const id = identifiers[k];
    if (id.start < skipUntil || id.isAttribute) continue;
    // A name after `|` is a filter and a name after `is` is a test; neither is a macro call.
    if (id.previous === '|' || isTestName(text, identifiers, k)) continue;
    // A name right after `macro` is an inline definition inside a model, which stays as written.
    if (identifiers[k - 1]?.name === 'macro' && k === 1) continue;
    const after = skipSpace(text, id.end, to);
    if (text[after] === '.') {
      const member = identifiers[k + 1];
      if (!member || member.start !== skipSpace(text, after + 1, to)) continue;
      const paren = skipSpace(text, member.end, to);
      if (text[paren] !== '(') continue;
      k++;
      if (id.name === 'adapter' && member.name === 'dispatch') {
        const close = findMatchingParen(text, paren, to);
        const entry = close < 0 ? undefined : resolveLiteralDispatch(text.slice(paren + 1, close), fromPackage, registry);
        if (entry && close >= 0) {
          const prefix = unwrapReturn(text, entry, skipSpace(text, close + 1, to), to, edits);
          edits.push({ start: id.start, end: close + 1, replacement: keepLines(text.slice(id.start, close + 1), prefix + entry.mangled) });
          dependencies.set(entry.mangled, entry);
          skipUntil = close + 1;
        }
      } else if (id.name === 'config' && (member.name === 'get' || member.name === 'require')) {
        edits.push({ start: id.start, end: member.end, replacement: keepLines(text.slice(id.start, member.end), CONFIG_GET_FUNCTION) });
      } else if (registry.isPackage(id.name) || LIKELY_PACKAGE.test(id.name)) {
        const entry = registry.resolveQualified(id.name, member.name);
        if (entry) {
          const prefix = unwrapReturn(text, entry, paren, to, edits);
          edits.push({ start: id.start, end: member.end, replacement: keepLines(text.slice(id.start, member.end), prefix + entry.mangled) });
          dependencies.set(entry.mangled, entry);
        } else {
          // A package that is not installed, or a macro it lacks: leave a hole and a note.
          const missing = `${MISSING_MACRO_FUNCTION}('${id.name}.${member.name}')`;
          edits.push({ start: id.start, end: member.end, replacement: keepLines(text.slice(id.start, member.end), missing) });
        }
      }
      continue;
    }
    if (text[after] !== '(') continue;
    const entry = registry.resolveBare(id.name, fromPackage);
    if (entry) {
      const prefix = unwrapReturn(text, entry, after, to, edits);
      edits.push({ start: id.start, end: id.end, replacement: prefix + entry.mangled });
      dependencies.set(entry.mangled, entry);
    } else if ((k > 0 || isExpressionTag) && !JINJA_KEYWORDS.has(id.name) && !KNOWN_CALLABLES.has(id.name)) {
      // The first identifier of a statement is its keyword, which is never guarded.
      edits.push({ start: id.start, end: id.end, replacement: guardedCall(id.name) });
    }
  }
}

/**
 * For a macro that returns a value and is called with the argument list at `paren`, adds the
 * closing parenthesis of the unwrap call and answers the opening text; otherwise ''.
 */
function unwrapReturn(text: string, entry: MacroEntry, paren: number, to: number, edits: TextEdit[]): string {
  if (!entry.returnsValue || text[paren] !== '(') return '';
  const close = findMatchingParen(text, paren, to);
  if (close < 0) return '';
  edits.push({ start: close + 1, end: close + 1, replacement: ')' });
  return `${RETURN_UNWRAP_FUNCTION}(`;
}

/** True for `x is name(...)` and `x is not name(...)`, where the name is a Jinja test. */
function isTestName(text: string, identifiers: CodeIdentifier[], k: number): boolean {
  const adjacent = (i: number) => i >= 0 && /^\s*$/.test(text.slice(identifiers[i].end, identifiers[i + 1].start));
  if (identifiers[k - 1]?.name === 'is' && adjacent(k - 1)) return true;
  return identifiers[k - 1]?.name === 'not' && adjacent(k - 1) && identifiers[k - 2]?.name === 'is' && adjacent(k - 2);
}

function guardedCall(name: string): string {
  return `(${name} if ${name} is defined else ${MISSING_MACRO_FUNCTION}('${name}'))`;
}

/** Resolves `adapter.dispatch(...)` when its arguments are string literals, else undefined. */
export function resolveLiteralDispatch(argumentText: string, fromPackage: string, registry: MacroRegistry): MacroEntry | undefined {
  const parsed = parseDispatchArguments(argumentText);
  if (!parsed) return undefined;
  return registry.resolveDispatch(parsed.name, parsed.namespace, fromPackage);
}

/** Reads `'name'`, `'namespace'` and their keyword forms; other arguments make it non-literal. */
export function parseDispatchArguments(argumentText: string): { name: string; namespace?: string } | undefined {
  let name: string | undefined;
  let namespace: string | undefined;
  const positional: string[] = [];
  for (const part of splitTopLevel(argumentText)) {
    const keyword = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*)$/.exec(part);
    if (keyword) {
      if (keyword[1] === 'packages') continue;
      const value = readStringLiteral(keyword[2]);
      if (value === undefined) return undefined;
      if (keyword[1] === 'macro_name') name = value;
      else if (keyword[1] === 'macro_namespace') namespace = value;
      continue;
    }
    const value = readStringLiteral(part);
    if (value === undefined) return undefined;
    positional.push(value);
  }
  name = name ?? positional[0];
  namespace = namespace ?? positional[1];
  return name === undefined ? undefined : { name, namespace };
}
