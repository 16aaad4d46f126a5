/**
 * Names shared by the translation passes and the dbt context, kept in one place so that the
 * rewritten templates and the JavaScript globals agree.
 */

/** The JavaScript function that stands in for `config.get` and `config.require`. */
export const CONFIG_GET_FUNCTION = 'dpl_config_get';

/** The JavaScript function that stands in for a macro no loaded package defines. */
export const MISSING_MACRO_FUNCTION = 'dpl_missing_macro';

/**
 * The JavaScript function wrapped around calls of macros that use `return(...)`: it swaps
 * the macro's rendered text for the value it returned, as dbt's `return` does.
 */
export const RETURN_UNWRAP_FUNCTION = 'dpl_returned';

/** Jinja keywords that may precede `(` and are therefore never calls. */
export const JINJA_KEYWORDS = new Set([
  'and', 'or', 'not', 'in', 'is', 'if', 'else', 'elif', 'for', 'recursive', 'with', 'without', 'context',
  'import', 'from', 'as', 'set', 'macro', 'call', 'filter', 'block', 'extends', 'include', 'do', 'return',
  'true', 'false', 'none', 'True', 'False', 'None', 'endif', 'endfor',
]);

/**
 * Callables known to exist at render time (MiniJinja built-ins and the dbt context), which
 * calls need not guard. Anything else is guarded at runtime with `is defined`, so a name
 * missing from this list only costs a little speed.
 */
export const KNOWN_CALLABLES = new Set([
  'range', 'dict', 'namespace', 'lipsum', 'cycler', 'joiner', 'debug', 'caller', 'loop', 'super',
  'ref', 'source', 'config', 'var', 'env_var', 'is_incremental', 'should_full_refresh', 'run_query',
  'statement', 'load_result', 'store_result', 'store_raw_result', 'log', 'print', 'doc', 'fromjson',
  'tojson', 'toyaml', 'fromyaml', 'set', 'zip', 'local_md5', CONFIG_GET_FUNCTION, RETURN_UNWRAP_FUNCTION,
]);
