/**
 * The inert dbt context that templates render against.
 *
 * Everything here is pure: `ref`, `source` and `config` record their arguments, database
 * functions answer "nothing" (as dbt does at parse time, where `execute` is false), and
 * `env_var` never reads the real environment. Every function is wrapped so that it cannot
 * throw, because an exception thrown from JavaScript into minijinja-js panics the WebAssembly
 * runtime and corrupts the environment.
 */

import { CONFIG_GET_FUNCTION, MISSING_MACRO_FUNCTION, RETURN_UNWRAP_FUNCTION } from './context-names';
import { RecordedRef, RecordedSource, RenderNode, SandboxOptions } from './types';

/** What the current render has recorded; reset before each render. */
export interface RenderRecorder {
  refs: RecordedRef[];
  sources: RecordedSource[];
  configs: Record<string, unknown>[];
  notes: string[];
  /** Names called but defined by no loaded macro and no dbt context function. */
  missingMacros: string[];
  /** Values passed to `return(...)`, addressed by the markers that stand in for them in text. */
  returned: unknown[];
  node: RenderNode | undefined;
}

export function newRecorder(node: RenderNode | undefined): RenderRecorder {
  return { refs: [], sources: [], configs: [], notes: [], missingMacros: [], returned: [], node };
}

/** The fixed instant reported as "now", so that renders are reproducible. */
const FIXED_TIMESTAMP = '1970-01-01 00:00:00';
const FIXED_DATE = '1970-01-01';

type JsFunction = (...args: unknown[]) => unknown;

/** Wraps a callback so that any exception becomes an empty string instead of a WASM panic. */
export function guard(fn: JsFunction): JsFunction {
  return (...args: unknown[]) => {
    try {
      const value = fn(...args);
      return value === undefined ? null : value;
    } catch {
      return '';
    }
  };
}

/** Converts MiniJinja values (maps arrive as `Map`) into plain JSON-like values. */
export function toPlain(value: unknown): unknown {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of value) out[String(key)] = toPlain(inner);
    return out;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  return value;
}

/**
 * Separates keyword arguments: minijinja-js passes them as one trailing `Map`. A dict passed
 * positionally looks the same, so functions that take no dict positionally are the only
 * ones that rely on this.
 */
export function splitArguments(args: unknown[]): { positional: unknown[]; keywords: Record<string, unknown> } {
  const last = args[args.length - 1];
  if (last instanceof Map) return { positional: args.slice(0, -1), keywords: toPlain(last) as Record<string, unknown> };
  return { positional: args, keywords: {} };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function versionOf(value: unknown): string | number | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

export interface ContextSettings {
  options: SandboxOptions;
  targetName: string;
  targetSchema: string;
  targetDatabase: string;
}

/** Builds the globals of one sandbox; `recorder()` yields the current render's recorder. */
export function buildGlobals(settings: ContextSettings, recorder: () => RenderRecorder): Record<string, unknown> {
  const { options } = settings;
  const vars = options.vars ?? {};

  const ref = guard((...args) => {
    const { positional, keywords } = splitArguments(args);
    const strings = positional.map(text);
    const version = versionOf(keywords.version ?? keywords.v ?? positional[2]);
    const [first, second] = strings;
    if (first === undefined) return '';
    const recorded: RecordedRef = second !== undefined ? { name: second, package: first } : { name: first };
    const packageKeyword = text(keywords.package);
    if (packageKeyword !== undefined && second === undefined) recorded.package = packageKeyword;
    if (version !== undefined) recorded.version = version;
    recorder().refs.push(recorded);
    return recorded.name;
  });

  const source = guard((...args) => {
    const { positional, keywords } = splitArguments(args);
    const sourceName = text(positional[0] ?? keywords.source_name);
    const tableName = text(positional[1] ?? keywords.table_name);
    if (sourceName === undefined || tableName === undefined) return '';
    recorder().sources.push({ source: sourceName, table: tableName });
    return `${sourceName}.${tableName}`;
  });

  const config = guard((...args) => {
    const { positional, keywords } = splitArguments(args);
    const values: Record<string, unknown> = { ...keywords };
    // `config({...})` with a dict arrives as the keyword map already; further dicts merge in.
    for (const value of positional) if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(values, toPlain(value));
    recorder().configs.push(values);
    return '';
  });

  const configGet = guard((...args) => {
    const { positional, keywords } = splitArguments(args);
    const key = text(positional[0] ?? keywords.name);
    const fallback = positional.length > 1 ? positional[1] : keywords.default;
    if (key === undefined) return fallback ?? null;
    const configs = recorder().configs;
    for (let i = configs.length - 1; i >= 0; i--) if (key in configs[i]) return configs[i][key];
    return fallback ?? null;
  });

  const variable = guard((...args) => {
    const { positional, keywords } = splitArguments(args);
    const name = text(positional[0]);
    if (name !== undefined && Object.prototype.hasOwnProperty.call(vars, name)) return vars[name];
    const fallback = positional.length > 1 ? positional[1] : keywords.default;
    return fallback === undefined ? '' : fallback;
  });

  const envVar = guard((...args) => {
    const { positional, keywords } = splitArguments(args);
    const name = text(positional[0]) ?? '';
    const fallback = positional.length > 1 ? positional[1] : keywords.default;
    // The real environment is never read: a render must not depend on, or leak, secrets.
    return fallback === undefined || fallback === null ? `env_var_${name}` : fallback;
  });

  // Notes render as '' so that `{{ log(...) }}` prints nothing; `run_query` answers none.
  const note = (label: string, answer: unknown = '') =>
    guard((...args) => {
      recorder().notes.push(`${label}: ${args.map((arg) => (typeof arg === 'string' ? arg : '')).join(' ').trim()}`);
      return answer;
    });
  const nothing = guard(() => null);
  const empty = guard(() => '');
  const emptyList = guard(() => []);

  const quote = guard((identifier) => `"${String(identifier)}"`);
  const adapter = {
    dispatch: guard(() => guard(() => '')),
    quote,
    quote_as_configured: guard((identifier) => String(identifier)),
    get_relation: nothing,
    load_relation: nothing,
    get_columns_in_relation: emptyList,
    get_missing_columns: emptyList,
    list_relations_without_caching: emptyList,
    list_schemas: emptyList,
    check_schema_exists: guard(() => false),
    already_exists: guard(() => false),
    type: guard(() => options.adapter),
    drop_relation: empty,
    rename_relation: empty,
    expand_target_column_types: empty,
    standardize_grants_dict: guard(() => ({})),
  };

  const relationCreate = guard((...args) => {
    const { positional, keywords } = splitArguments(args);
    const parts = [keywords.database ?? positional[0], keywords.schema ?? positional[1], keywords.identifier ?? positional[2]];
    return parts.map(text).filter((part): part is string => part !== undefined && part !== '').join('.');
  });

  const target = {
    name: settings.targetName,
    target_name: settings.targetName,
    schema: settings.targetSchema,
    dataset: settings.targetSchema,
    database: settings.targetDatabase,
    project: settings.targetDatabase,
    type: options.adapter,
    profile_name: options.projectName,
    threads: 1,
    user: 'user',
    role: 'role',
    warehouse: 'warehouse',
  };

  const datetime = {
    now: guard(() => FIXED_TIMESTAMP),
    utcnow: guard(() => FIXED_TIMESTAMP),
    today: guard(() => FIXED_DATE),
    strptime: guard((value) => String(value)),
    fromisoformat: guard((value) => String(value)),
  };

  return {
    ref,
    source,
    config,
    [CONFIG_GET_FUNCTION]: configGet,
    [MISSING_MACRO_FUNCTION]: guard((name) => {
      const missing = recorder().missingMacros;
      if (typeof name === 'string' && !missing.includes(name)) missing.push(name);
      return empty;
    }),
    builtins: { ref, source, config },
    var: variable,
    env_var: envVar,
    is_incremental: guard(() => recorder().node?.incremental === true),
    should_full_refresh: guard(() => false),
    execute: false,
    target,
    adapter,
    api: { Relation: { create: relationCreate } },
    project_name: options.projectName,
    dbt_version: '1.8.0',
    invocation_id: '00000000-0000-0000-0000-000000000000',
    run_started_at: FIXED_TIMESTAMP,
    flags: { FULL_REFRESH: false, STORE_FAILURES: false, WHICH: 'parse', WARN_ERROR: false },
    graph: { nodes: {}, sources: {}, exposures: {}, metrics: {}, macros: {}, groups: {}, semantic_models: {} },
    selected_resources: [],
    run_query: note('run_query', null),
    statement: empty,
    load_result: guard(() => ({ data: [], table: { columns: [], rows: [] }, response: {} })),
    store_result: empty,
    store_raw_result: empty,
    log: note('log'),
    print: note('print'),
    exceptions: {
      raise_compiler_error: note('raise_compiler_error'),
      raise_not_implemented: note('raise_not_implemented'),
      raise_fail_fast_error: note('raise_fail_fast_error'),
      warn: note('warn'),
    },
    return: guard((value) => {
      const returned = recorder().returned;
      returned.push(resolveReturned(value, returned));
      return returnMarker(returned.length - 1);
    }),
    [RETURN_UNWRAP_FUNCTION]: guard((rendered) => resolveReturned(rendered, recorder().returned)),
    doc: empty,
    fromjson: guard((value, fallback) => {
      try {
        return JSON.parse(String(value));
      } catch {
        return fallback ?? null;
      }
    }),
    tojson: guard((value) => JSON.stringify(toPlain(value))),
    toyaml: guard((value) => JSON.stringify(toPlain(value))),
    fromyaml: guard((_value, fallback) => fallback ?? null),
    set: guard((value) => (Array.isArray(value) ? [...new Set(value)] : [])),
    zip: guard((...lists) => {
      const arrays = lists.filter(Array.isArray) as unknown[][];
      const length = arrays.length === 0 ? 0 : Math.min(...arrays.map((list) => list.length));
      return Array.from({ length }, (_, i) => arrays.map((list) => list[i]));
    }),
    local_md5: guard((value) => pseudoDigest(String(value))),
    modules: {
      datetime: { datetime, date: { today: guard(() => FIXED_DATE) }, timedelta: empty, timezone: { utc: 'UTC' } },
      pytz: { timezone: guard(() => 'UTC'), utc: 'UTC' },
      re: {
        search: nothing,
        match: nothing,
        fullmatch: nothing,
        findall: emptyList,
        split: guard((_pattern, value) => [String(value)]),
        sub: guard((_pattern, _replacement, value) => String(value)),
        escape: guard((value) => String(value)),
      },
      itertools: {},
    },
  };
}

/**
 * `return(x)` renders a marker that stands for x; the caller's unwrap call (or the final
 * clean-up of the output) swaps the marker for the value. Control characters keep markers
 * from colliding with template text.
 */
const RETURN_MARKER = /\u0001R(\d+)\u0001/;
const RETURN_MARKERS = /\u0001R(\d+)\u0001/g;

function returnMarker(index: number): string {
  return `\u0001R${index}\u0001`;
}

/** The value a rendered macro returned, or the rendered text when it returned nothing. */
export function resolveReturned(rendered: unknown, returned: unknown[]): unknown {
  if (typeof rendered !== 'string') return toPlain(rendered);
  const match = RETURN_MARKER.exec(rendered);
  if (!match) return rendered;
  return returned[Number(match[1])] ?? null;
}

/** Replaces markers left in final output by the text of the values they stand for. */
export function replaceReturnMarkers(output: string, returned: unknown[]): string {
  if (!output.includes('\u0001')) return output;
  return output.replace(RETURN_MARKERS, (_marker, index: string) => displayValue(returned[Number(index)]));
}

function displayValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The per-render context: values that differ between models. */
export function renderContext(settings: ContextSettings, node: RenderNode): Record<string, unknown> {
  return {
    this: `${settings.targetSchema}.${node.name}`,
    model: {
      name: node.name,
      alias: node.name,
      package_name: node.packageName,
      resource_type: 'model',
      unique_id: `model.${node.packageName}.${node.name}`,
      schema: settings.targetSchema,
      database: settings.targetDatabase,
      config: {},
      tags: [],
    },
  };
}

/** Filters dbt adds to Jinja. */
export function buildFilters(): Record<string, JsFunction> {
  return {
    as_bool: guard((value) => value === true || (typeof value === 'string' && value.toLowerCase() === 'true')),
    as_number: guard((value) => {
      const number = Number(value);
      return Number.isFinite(number) ? number : value;
    }),
    as_text: guard((value) => (typeof value === 'string' ? value : JSON.stringify(toPlain(value)))),
    as_native: guard((value) => value),
  };
}

/**
 * A stable 32-hex-digit digest standing in for `local_md5`. It is not MD5: the value only
 * feeds generated names, and a real digest would need a hashing library in the pure core.
 */
function pseudoDigest(value: string): string {
  let out = '';
  for (let seed = 0; seed < 4; seed++) {
    let hash = 0x811c9dc5 ^ seed;
    for (let i = 0; i < value.length; i++) {
      hash ^= value.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    out += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}
