/**
 * Recognises dbt's calls in parsed expressions: `ref`, `source`, `config`, `var`, `env_var`,
 * `is_incremental`, the use of `this`, and calls to macros that are neither Jinja's nor dbt's.
 */
import type { PyValue } from '../pyvalue';
import type { Span } from '../text';
import { dottedName, setOwn, toPyValue, type CallExpr, type Expr } from './expression';
import type { ConfigCall, JinjaSqlAnalysis, MacroCall, RefCall, SourceCall } from './types';

/** Functions that Jinja or dbt provide, so calling them is not a dependency on a project or package macro. */
const BUILTIN_FUNCTIONS = new Set([
  // Jinja's globals.
  'range', 'lipsum', 'dict', 'cycler', 'joiner', 'namespace', 'caller', 'super', 'varargs', 'kwargs',
  // dbt's context.
  'ref', 'source', 'config', 'var', 'env_var', 'is_incremental', 'log', 'return', 'run_query', 'statement',
  'load_result', 'store_result', 'store_raw_result', 'fromjson', 'tojson', 'fromyaml', 'toyaml', 'set', 'set_strict',
  'zip', 'zip_strict', 'print', 'local_md5', 'diff_of_two_dicts', 'try_or_compiler_error', 'write', 'render',
  'load_relation', 'load_agate_table', 'should_full_refresh', 'should_store_failures', 'debug', 'doc', 'metric',
  'submit_python_job', 'selected_resources', 'thread_id',
]);

/** Objects of Jinja's or dbt's context: calling their methods (`adapter.get_relation`) is not a macro call. */
const BUILTIN_NAMESPACES = new Set([
  'adapter', 'loop', 'modules', 'exceptions', 'api', 'builtins', 'target', 'this', 'model', 'graph', 'context',
  'caller', 'config', 'flags', 'run_started_at', 'invocation_id', 'dbt_version', 'execute', 'self', 'varargs',
  'kwargs', 'database', 'schema', 'project_name', 'node', 'sql', 'compiled_code', 'results',
]);

/**
 * Python methods commonly called on values (`columns.append(c)`): a two-part call ending in one of these
 * is a method call, unless it is in the `dbt` namespace, where `dbt.replace` and friends are macros.
 */
const VALUE_METHODS = new Set([
  'append', 'extend', 'insert', 'pop', 'remove', 'items', 'keys', 'values', 'get', 'update', 'setdefault', 'copy',
  'upper', 'lower', 'strip', 'lstrip', 'rstrip', 'split', 'rsplit', 'join', 'startswith', 'endswith', 'format',
  'title', 'capitalize', 'count', 'index', 'find', 'rfind', 'isdigit', 'isalpha', 'isnumeric', 'sort', 'reverse',
  'clear', 'splitlines', 'encode', 'decode', 'replace', 'add', 'discard', 'isoformat', 'strftime', 'total_seconds',
]);

interface MacroCandidate {
  call: CallExpr;
  record: MacroCall;
  root: string;
  method: string;
}

/** Accumulates what the calls of one file say, then settles the macro calls once all local names are known. */
export class CallCollector {
  readonly locals = new Set<string>();
  /** Counts `is_incremental()` calls, so a caller can tell whether a condition contains one. */
  incrementalCalls = 0;
  private readonly candidates: MacroCandidate[] = [];

  constructor(
    readonly text: string,
    readonly analysis: JinjaSqlAnalysis,
  ) {}

  /** Walks an expression; `skipTopCallee` is for `{% filter name(...) %}`, whose callee is a filter. */
  collect(expr: Expr, skipTopCallee = false): void {
    if (skipTopCallee && expr.t === 'call') {
      for (const arg of expr.args) this.walk(arg, 0);
      for (const keyword of expr.kwargs) this.walk(keyword.value, 0);
      return;
    }
    this.walk(expr, 0);
  }

  private walk(expr: Expr, depth: number): void {
    // The parser bounds nesting already; this guard keeps the walk safe for any tree given to it.
    if (depth > 400) return;
    const next = depth + 1;
    switch (expr.t) {
      case 'name':
        if (expr.name === 'this') this.analysis.usesThis = true;
        return;
      case 'attr':
        this.walk(expr.object, next);
        return;
      case 'item':
        this.walk(expr.object, next);
        this.walk(expr.index, next);
        return;
      case 'call':
        this.classify(expr);
        this.walk(expr.callee, next);
        for (const arg of expr.args) this.walk(arg, next);
        for (const keyword of expr.kwargs) this.walk(keyword.value, next);
        return;
      case 'list':
      case 'tuple':
        for (const item of expr.items) this.walk(item, next);
        return;
      case 'dict':
        for (const key of expr.keys) this.walk(key, next);
        for (const value of expr.values) this.walk(value, next);
        return;
      case 'unary':
        this.walk(expr.operand, next);
        return;
      case 'binary':
        this.walk(expr.left, next);
        this.walk(expr.right, next);
        return;
      case 'cond':
        this.walk(expr.body, next);
        this.walk(expr.test, next);
        if (expr.orelse) this.walk(expr.orelse, next);
        return;
      case 'filter':
      case 'test':
        this.walk(expr.subject, next);
        for (const arg of expr.args) this.walk(arg, next);
        for (const keyword of expr.kwargs) this.walk(keyword.value, next);
        return;
      case 'opaque':
        for (const child of expr.children) this.walk(child, next);
        return;
    }
  }

  private classify(call: CallExpr): void {
    const name = dottedName(call.callee);
    if (name === undefined) return;
    const analysis = this.analysis;
    switch (name) {
      case 'ref':
        call.recorded = { kind: 'ref', index: analysis.refs.length, name };
        analysis.refs.push(buildRef(call, this.text));
        return;
      case 'source':
        call.recorded = { kind: 'source', index: analysis.sources.length, name };
        analysis.sources.push(buildSource(call, this.text));
        return;
      case 'config':
        call.recorded = { kind: 'config', index: analysis.configs.length, name };
        analysis.configs.push(buildConfig(call, this.text));
        return;
      case 'var':
      case 'env_var': {
        const nameArg = argument(call, 0, 'name');
        const defaultArg = argument(call, 1, 'default');
        const record = {
          name: nameArg ? literalString(nameArg) ?? this.text.slice(nameArg.start, nameArg.end) : '',
          ...(defaultArg ? { default: toPyValue(defaultArg, this.text) } : {}),
          span: spanOf(call),
        };
        const list = name === 'var' ? analysis.vars : analysis.envVars;
        call.recorded = { kind: name, index: list.length, name };
        list.push(record);
        return;
      }
      case 'is_incremental':
        this.incrementalCalls++;
        call.recorded = { kind: 'builtin', index: -1, name };
        return;
    }
    if (BUILTIN_FUNCTIONS.has(name)) {
      call.recorded = { kind: 'builtin', index: -1, name };
      return;
    }
    const dot = name.indexOf('.');
    const root = dot < 0 ? name : name.slice(0, dot);
    if (dot >= 0 && BUILTIN_NAMESPACES.has(root)) {
      call.recorded = { kind: 'builtin', index: -1, name };
      return;
    }
    this.candidates.push({
      call,
      root,
      method: name.slice(name.lastIndexOf('.') + 1),
      record: { name, span: spanOf(call), nameSpan: spanOf(call.callee) },
    });
  }

  /** Keeps the candidates that are macro calls, now that every local name of the file is known. */
  finish(): void {
    for (const candidate of this.candidates) {
      const dotted = candidate.root !== candidate.record.name;
      if (this.locals.has(candidate.root)) continue;
      if (dotted && candidate.root !== 'dbt' && VALUE_METHODS.has(candidate.method) && candidate.record.name.split('.').length === 2) {
        if (!/^[a-z_][a-z0-9_]*_utils$|^dbt_/.test(candidate.root)) continue;
      }
      candidate.call.recorded = { kind: 'macro', index: this.analysis.macroCalls.length, name: candidate.record.name };
      this.analysis.macroCalls.push(candidate.record);
    }
    this.candidates.length = 0;
  }
}

function spanOf(expr: Expr): Span {
  return { start: expr.start, end: expr.end };
}

/** The positional argument at `index`, or else the keyword argument named `keyword`. */
export function argument(call: CallExpr, index: number, keyword?: string): Expr | undefined {
  const positional = call.args[index];
  if (positional && !(positional.t === 'unary' && (positional.op === '*' || positional.op === '**'))) return positional;
  if (keyword) {
    for (const candidate of call.kwargs) if (candidate.name === keyword) return candidate.value;
  }
  return undefined;
}

/** The value of a plain string literal, or undefined for anything else (f-strings included). */
export function literalString(expr: Expr): string | undefined {
  return expr.t === 'string' && !expr.formatted ? expr.value : undefined;
}

/** A string argument's value and the span of its content, or its source text when it is not a literal. */
function readName(expr: Expr | undefined, text: string, fallbackAt: number): { value: string; span: Span; literal: boolean } {
  if (!expr) return { value: '', span: { start: fallbackAt, end: fallbackAt }, literal: false };
  const value = literalString(expr);
  if (value !== undefined && expr.t === 'string') return { value, span: { start: expr.innerStart, end: expr.innerEnd }, literal: true };
  return { value: text.slice(expr.start, expr.end), span: spanOf(expr), literal: false };
}

/** The offset just inside the closing parenthesis, where a missing argument would go. */
function missingArgumentOffset(call: CallExpr): number {
  return call.closed ? call.end - 1 : call.end;
}

export function buildRef(call: CallExpr, text: string): RefCall {
  const positional = call.args.filter((arg) => !(arg.t === 'unary' && (arg.op === '*' || arg.op === '**')));
  const twoNames = positional.length >= 2;
  const nameArg = twoNames ? positional[1] : positional[0];
  const name = readName(nameArg, text, missingArgumentOffset(call));
  const ref: RefCall = { name: name.value, span: spanOf(call), nameSpan: name.span, dynamic: !name.literal };
  if (twoNames) {
    const packageName = readName(positional[0], text, missingArgumentOffset(call));
    ref.package = packageName.value;
    if (!packageName.literal) ref.dynamic = true;
  }
  let versionArg: Expr | undefined;
  for (const keyword of call.kwargs) if (keyword.name === 'v' || keyword.name === 'version') versionArg = keyword.value;
  if (versionArg) {
    if (versionArg.t === 'number') ref.version = versionArg.value;
    else if (versionArg.t === 'string' && !versionArg.formatted) ref.version = versionArg.value;
    else {
      ref.version = text.slice(versionArg.start, versionArg.end);
      ref.dynamic = true;
    }
  }
  // Spread arguments (`ref(*args)`) hide the real arguments, so nothing about the target is known.
  if (positional.length !== call.args.length) ref.dynamic = true;
  return ref;
}

export function buildSource(call: CallExpr, text: string): SourceCall {
  const sourceName = readName(argument(call, 0, 'source_name'), text, missingArgumentOffset(call));
  const tableName = readName(argument(call, 1, 'table_name'), text, missingArgumentOffset(call));
  return {
    source: sourceName.value,
    table: tableName.value,
    span: spanOf(call),
    sourceSpan: sourceName.span,
    tableSpan: tableName.span,
    dynamic: !sourceName.literal || !tableName.literal,
  };
}

export function buildConfig(call: CallExpr, text: string): ConfigCall {
  const args: Record<string, PyValue> = {};
  const argSpans: Record<string, Span> = {};
  const assign = (key: string, value: Expr): void => {
    setOwn(args, key, toPyValue(value, text));
    setOwn(argSpans, key, spanOf(value));
  };
  // `config({'materialized': 'table'})` is accepted by dbt as well as keywords.
  for (const arg of call.args) {
    if (arg.t !== 'dict') continue;
    for (let i = 0; i < arg.keys.length; i++) {
      const key = literalString(arg.keys[i]);
      if (key !== undefined) assign(key, arg.values[i]);
    }
  }
  for (const keyword of call.kwargs) assign(keyword.name, keyword.value);
  return { args, span: spanOf(call), argSpans };
}
