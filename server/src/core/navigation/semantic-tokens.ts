/**
 * Semantic tokens for the Jinja of a dbt SQL file: tag delimiters, statement keywords, called functions and
 * macros, names, literals, operators and `{# … #}` comments. Plain SQL between tags gets no tokens, because the
 * TextMate grammar colours it and a token there would override the grammar for no gain.
 *
 * The file is split into tags with the same lexer the analysis uses, and each tag is read with the expression
 * tokenizer. Tokens are classified from their neighbours rather than from a parse tree, so a half-typed tag
 * still gets its colours, and the cost is proportional to the Jinja in the file, not to its SQL.
 */
import { lexTemplate, type Segment } from '../jinja/lexer';
import { ExprTokenizer, type Token } from '../jinja/tokens';
import type { ProjectIndex } from '../project/index-types';
import { LineIndex } from '../text';

/** The token types, in the order of the legend the language server declares. */
export const SEMANTIC_TOKEN_TYPES = ['macro', 'keyword', 'function', 'variable', 'parameter', 'property', 'string', 'number', 'comment', 'operator'] as const;
/** The token modifiers, in the order of the legend the language server declares. */
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'defaultLibrary'] as const;

export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/** One token on one line: a token that spans lines (a comment, a long string) is split at each line break. */
export interface SemanticToken {
  /** The offset of the token's first character in the file. */
  start: number;
  line: number;
  character: number;
  length: number;
  type: SemanticTokenType;
  modifiers: SemanticTokenModifier[];
}

/** Words that are Jinja syntax inside an expression or after a tag's name; elsewhere they are statement names. */
const EXPRESSION_KEYWORDS: ReadonlySet<string> = new Set([
  'and', 'or', 'not', 'in', 'is', 'if', 'else', 'recursive', 'as', 'import', 'from', 'with', 'without', 'context',
  'true', 'false', 'none', 'True', 'False', 'None',
]);

/**
 * Functions that Jinja or dbt provide. They are marked `defaultLibrary`, so a theme can set them apart from the
 * project's macros; the list names the common ones, and a missing one is still coloured as a function.
 */
const BUILTIN_FUNCTIONS: ReadonlySet<string> = new Set([
  'ref', 'source', 'config', 'var', 'env_var', 'is_incremental', 'log', 'return', 'run_query', 'statement', 'load_result',
  'fromjson', 'tojson', 'fromyaml', 'toyaml', 'set', 'zip', 'print', 'local_md5', 'doc', 'range', 'dict', 'namespace',
  'caller', 'super', 'cycler', 'joiner', 'lipsum', 'load_relation', 'should_full_refresh', 'debug',
]);

/** Objects that Jinja or dbt put in every template's context. */
const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  'this', 'target', 'adapter', 'loop', 'modules', 'exceptions', 'api', 'builtins', 'model', 'graph', 'flags', 'dbt',
  'execute', 'run_started_at', 'invocation_id', 'dbt_version', 'project_name', 'varargs', 'kwargs',
]);

/** Operators worth a colour; brackets, commas, dots and colons are punctuation and stay plain. */
const OPERATORS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '//', '%', '**', '~', '==', '!=', '<', '>', '<=', '>=', '=', '|']);

/** Tags whose name is followed by the name of what they define. */
const DEFINITIONS: Record<string, SemanticTokenType> = { macro: 'function', test: 'function', materialization: 'function', docs: 'variable', snapshot: 'variable' };

/**
 * The semantic tokens of a dbt SQL file, or undefined for other files, which keep the editor's own colours.
 * `text` may be newer than the index's, such as an editor's text with an edit not analysed yet: tokens need
 * only the text, and whether the file is Jinja-SQL does not change with its content.
 */
export function semanticTokens(index: ProjectIndex, file: string, text = index.text(file)): SemanticToken[] | undefined {
  const summary = index.file(file);
  if (!summary || text === undefined || !('jinja' in summary)) return undefined;
  return jinjaSemanticTokens(text);
}

/** The semantic tokens of the Jinja in any Jinja-SQL text, in document order. */
export function jinjaSemanticTokens(text: string): SemanticToken[] {
  const out = new TokenSink(text);
  const tokenizer = new ExprTokenizer(text, 0, 0, false, []);
  for (const segment of lexTemplate(text, [])) {
    if (segment.kind === 'text') continue;
    if (segment.kind === 'comment') {
      out.add(segment.start, segment.end, 'comment');
      continue;
    }
    out.add(segment.start, segment.innerStart, 'macro');
    classifyTag(segment, tokenizer, out);
    out.add(segment.innerEnd, segment.end, 'macro');
  }
  return out.tokens;
}

/** Reads one `{{ }}` or `{% %}` tag's content and adds a token for each word, literal and operator in it. */
function classifyTag(segment: Segment, tokenizer: ExprTokenizer, out: TokenSink): void {
  tokenizer.reset(segment.innerStart, segment.innerEnd);
  const tokens: Token[] = [];
  for (let token = tokenizer.next(); token.kind !== 'end'; token = tokenizer.next()) tokens.push(token);

  const statement = segment.kind === 'statement' && tokens[0]?.kind === 'name' ? tokens[0].text : undefined;
  // Where the names that a `set` or `for` tag binds stop: at `=` for set, at `in` for for.
  let bindingEnd = -1;
  if (statement === 'set' || statement === 'for') {
    bindingEnd = tokens.findIndex((token, i) => i > 0 && (statement === 'set' ? isOp(token, '=') : isName(token, 'in')));
    if (bindingEnd < 0) bindingEnd = tokens.length;
  }
  // The parameter list of `{% macro name(a, b=1) %}` or `{% call(row) name() %}` opens at this token.
  let paramsOpen = -1;
  if (statement !== undefined && DEFINITIONS[statement] === 'function' && isOp(tokens[2], '(')) paramsOpen = 2;
  if (statement === 'call' && isOp(tokens[1], '(')) paramsOpen = 1;

  let depth = 0;
  let inParams = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token.kind) {
      case 'string':
        out.add(token.start, token.end, 'string');
        continue;
      case 'number':
        out.add(token.start, token.end, 'number');
        continue;
      case 'op':
        if (token.text === '(' || token.text === '[' || token.text === '{') {
          depth++;
          if (i === paramsOpen) inParams = true;
        } else if ((token.text === ')' || token.text === ']' || token.text === '}') && depth > 0) {
          depth--;
          if (depth === 0) inParams = false;
        } else if (OPERATORS.has(token.text)) out.add(token.start, token.end, 'operator');
        continue;
    }
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    if (i === 0 && statement !== undefined) {
      out.add(token.start, token.end, 'keyword');
    } else if (i === 1 && statement !== undefined && DEFINITIONS[statement] !== undefined) {
      out.add(token.start, token.end, DEFINITIONS[statement], 'declaration');
    } else if (inParams && depth === 1 && isParameterPosition(tokens, i)) {
      out.add(token.start, token.end, 'parameter', 'declaration');
    } else if (isOp(previous, '.')) {
      out.add(token.start, token.end, isOp(next, '(') ? 'function' : 'property');
    } else if (isOp(previous, '|') || (statement === 'filter' && i === 1) || isTestName(tokens, i)) {
      // Filters and tests are functions that Jinja calls with the value before them.
      out.add(token.start, token.end, 'function');
    } else if (EXPRESSION_KEYWORDS.has(token.text)) {
      out.add(token.start, token.end, 'keyword');
    } else if (i < bindingEnd && !isOp(next, '.')) {
      out.add(token.start, token.end, 'variable', 'declaration');
    } else if (isOp(next, '(')) {
      out.add(token.start, token.end, 'function', ...(BUILTIN_FUNCTIONS.has(token.text) ? (['defaultLibrary'] as const) : []));
    } else if (isOp(next, '=')) {
      // `{% with a = 1 %}` binds a name; elsewhere a name before `=` is a keyword argument.
      if (statement === 'with' && depth === 0) out.add(token.start, token.end, 'variable', 'declaration');
      else out.add(token.start, token.end, 'parameter');
    } else {
      out.add(token.start, token.end, 'variable', ...(BUILTIN_NAMES.has(token.text) ? (['defaultLibrary'] as const) : []));
    }
  }
}

function isOp(token: Token | undefined, op: string): boolean {
  return token !== undefined && token.kind === 'op' && token.text === op;
}

function isName(token: Token | undefined, name: string): boolean {
  return token !== undefined && token.kind === 'name' && token.text === name;
}

/**
 * A name right after `(`, `,`, `*` or `**` at the top of a parameter list is a parameter being declared; a name in
 * a default value follows `=` or sits deeper in brackets, so it is read as an ordinary expression.
 */
function isParameterPosition(tokens: Token[], i: number): boolean {
  const previous = tokens[i - 1];
  return isOp(previous, '(') || isOp(previous, ',') || isOp(previous, '*') || isOp(previous, '**');
}

/** `x is defined`, `x is not none`: the name after `is` (and an optional `not`) names a test. */
function isTestName(tokens: Token[], i: number): boolean {
  const previous = tokens[i - 1];
  if (isName(previous, 'is')) return !isName(tokens[i], 'not');
  return isName(previous, 'not') && isName(tokens[i - 2], 'is');
}

/** Collects tokens in document order, splitting those that cross a line break, as LSP clients require. */
class TokenSink {
  readonly tokens: SemanticToken[] = [];
  private readonly lines: LineIndex;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  add(start: number, end: number, type: SemanticTokenType, ...modifiers: SemanticTokenModifier[]): void {
    if (end <= start) return;
    let { line, character } = this.lines.positionAt(start);
    let from = start;
    while (line + 1 < this.lines.lineCount && this.lines.lineStart(line + 1) < end) {
      const next = this.lines.lineStart(line + 1);
      const breakLength = this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? 2 : 1;
      const lineEnd = next - breakLength;
      if (lineEnd > from) this.tokens.push({ start: from, line, character, length: lineEnd - from, type, modifiers });
      line++;
      character = 0;
      from = next;
    }
    if (end > from) this.tokens.push({ start: from, line, character, length: end - from, type, modifiers });
  }
}
