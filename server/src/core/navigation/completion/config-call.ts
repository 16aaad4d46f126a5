/**
 * Completion inside `{{ config(…) }}` in SQL models and snapshots (and `dbt.config(…)` in Python models): the
 * config keys of the project's adapter, their values (`materialized='…'`, `incremental_strategy='…'` per
 * adapter), the items of list values (`cluster_by=['…']`, the model's own columns where a key names columns)
 * and the fields of dict values (BigQuery's `partition_by={'field': …}`).
 *
 * The call is read from its opening parenthesis to the cursor with a small scanner that tracks brackets and
 * strings, because the call being typed is not yet valid Jinja.
 */
import type { Adapter } from '../../config/dplens-config';
import { isSqlSummary } from '../../project/summary';
import { adapterNote, configKeysFor, configValuesFor, type ConfigResource, type DbtConfigKey } from '../dbt-configs';
import { docsMarkdown, item, type CompletionRequest } from './context';
import { choiceSnippet, snippetText } from './snippets';
import type { NavCompletion } from './types';

/** How far back the opening of a config() call is looked for: calls are short, files may be long. */
const MAX_CALL_LENGTH = 4000;

interface Level {
  open: '(' | '[' | '{';
  /** Where the element being written at this level starts: after the opener or the last comma. */
  segmentStart: number;
  at: number;
}

interface CallState {
  levels: Level[];
  /** The quote of a string the cursor is inside, and where its text starts. */
  string?: { quote: string; start: number };
  /** Keys written at the call's top level, before and after the cursor. */
  keys: Set<string>;
}

export function configCallCompletions(request: CompletionRequest): NavCompletion[] | undefined {
  const { index, file, text, offset } = request;
  const kind = index.fileKind(file);
  const python = kind === 'python-model' || file.endsWith('.py');
  const state = configCallAt(text, offset, python);
  if (!state) return undefined;
  const resource: ConfigResource = kind === 'snapshot' ? 'snapshot' : kind === 'test' ? 'test' : 'model';
  const adapter = request.project?.adapter;
  const keys = configKeysFor(resource, adapter);
  const top = state.levels[0];
  const segment = text.slice(top.segmentStart, state.levels[1]?.at ?? offset);
  const context: ValueContext = { request, resource, adapter, python };

  if (state.levels.length === 1) {
    if (state.string) {
      const value = /^\s*(\w+)\s*=\s*['"]$/.exec(text.slice(top.segmentStart, state.string.start));
      const key = value && keys.find((candidate) => candidate.name === value[1]);
      return key ? valueItems(context, key, quotedSpan(text, state.string.start, offset, state.string.quote), true) : [];
    }
    const keyTyped = /^\s*(\w*)$/.exec(segment);
    if (keyTyped) return keyItems(text, offset, keyTyped[1], keys, state.keys, python);
    const value = /^\s*(\w+)\s*=\s*([\w+.-]*)$/.exec(segment);
    const key = value && keys.find((candidate) => candidate.name === value[1]);
    if (key) return valueItems(context, key, wordSpan(text, offset, value[2]), false);
    return [];
  }

  // Inside a list or dict value of a top-level key.
  const owner = /^\s*(\w+)\s*=\s*$/.exec(segment);
  const key = owner && keys.find((candidate) => candidate.name === owner[1]);
  if (!key || state.levels.length > 2) return [];
  const inner = state.levels[1];
  if (inner.open === '[') {
    if (!state.string) return [];
    return valueItems(context, key, quotedSpan(text, state.string.start, offset, state.string.quote), true);
  }
  if (inner.open !== '{' || !key.fields) return [];
  const element = text.slice(inner.segmentStart, state.string ? state.string.start - 1 : offset);
  if (state.string && /^\s*$/.test(element)) {
    const present = new Set([...text.slice(inner.at, offset).matchAll(/['"](\w+)['"]\s*:/g)].map((match) => match[1]));
    return key.fields
      .filter((field) => !present.has(field.name))
      .map((field) => item(field.name, 'property', quotedSpan(text, state.string!.start, offset, state.string!.quote), { detail: field.type, documentation: docsMarkdown(field.description, field.docs) }));
  }
  const fieldValue = /^\s*['"](\w+)['"]\s*:\s*$/.exec(element);
  const field = fieldValue && key.fields.find((candidate) => candidate.name === fieldValue[1]);
  if (!field) return [];
  if (state.string) return valueItems(context, field, quotedSpan(text, state.string.start, offset, state.string.quote), true);
  const typed = /[\w+.-]*$/.exec(text.slice(inner.segmentStart, offset))![0];
  return valueItems(context, field, wordSpan(text, offset, typed), false);
}

/**
 * The state of the config() call around the cursor, or undefined when the cursor is not inside one.
 * In SQL the call must sit in a `{{ … }}` expression still open at the cursor; in Python it is `dbt.config(`.
 */
function configCallAt(text: string, offset: number, python: boolean): CallState | undefined {
  const from = Math.max(0, offset - MAX_CALL_LENGTH);
  const window = text.slice(from, offset);
  const pattern = python ? /\bdbt\.config\s*\(/g : /\bconfig\s*\(/g;
  let open = -1;
  for (const match of window.matchAll(pattern)) open = from + (match.index ?? 0) + match[0].length - 1;
  if (open < 0) return undefined;
  if (!python) {
    const expression = text.lastIndexOf('{{', open);
    if (expression < 0 || text.slice(expression, offset).includes('}}')) return undefined;
  }
  const state: CallState = { levels: [{ open: '(', segmentStart: open + 1, at: open }], keys: new Set() };
  let quote: string | undefined;
  let stringStart = 0;
  const recordKey = (start: number, end: number) => {
    const key = /^\s*(\w+)\s*=/.exec(text.slice(start, end));
    if (key) state.keys.add(key[1]);
  };
  for (let i = open + 1; i < offset; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      stringStart = i + 1;
    } else if (char === '(' || char === '[' || char === '{') {
      state.levels.push({ open: char, segmentStart: i + 1, at: i });
    } else if (char === ')' || char === ']' || char === '}') {
      state.levels.pop();
      // The call closed before the cursor.
      if (state.levels.length === 0) return undefined;
    } else if (char === ',') {
      const level = state.levels[state.levels.length - 1];
      if (state.levels.length === 1) recordKey(level.segmentStart, i);
      level.segmentStart = i + 1;
    }
  }
  if (quote) state.string = { quote, start: stringStart };
  // The keys written after the cursor are taken too, so none is offered twice.
  scanRest(text, offset, quote, state.levels.length, recordKey);
  return state;
}

/** Scans from the cursor to the end of the call, reporting each top-level element written there. */
function scanRest(text: string, from: number, quote: string | undefined, depth: number, onKey: (start: number, end: number) => void): void {
  let segmentStart = from;
  const limit = Math.min(text.length, from + MAX_CALL_LENGTH);
  for (let i = from; i < limit; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      depth--;
      if (depth === 0) {
        onKey(segmentStart, i);
        return;
      }
    } else if (char === ',' && depth === 1) {
      onKey(segmentStart, i);
      segmentStart = i + 1;
    }
  }
}

function wordSpan(text: string, offset: number, typed: string): { start: number; end: number } {
  let end = offset;
  while (end < text.length && /[\w+.-]/.test(text[end])) end++;
  return { start: offset - typed.length, end };
}

/** Inside quotes, the replaced text runs to the closing quote (or the end of the word when none was typed). */
function quotedSpan(text: string, start: number, offset: number, quote: string): { start: number; end: number } {
  let end = offset;
  while (end < text.length && text[end] !== quote && text[end] !== '\n' && /[^\s,)\]}]/.test(text[end])) end++;
  return { start, end };
}

function keyItems(text: string, offset: number, typed: string, keys: DbtConfigKey[], present: Set<string>, python: boolean): NavCompletion[] {
  const replace = wordSpan(text, offset, typed);
  // When the key is being renamed and its `=` is already written, only the name is replaced.
  const hasValue = /^\s*=/.test(text.slice(replace.end));
  const width = String(keys.length).length;
  return keys
    .filter((key) => !present.has(key.name) || key.name === typed)
    .map((key, position) => {
      const value = hasValue ? undefined : sqlValueSnippet(key, python);
      return item(key.name, 'property', replace, {
        detail: [adapterNote(key.adapters), key.type].filter(Boolean).join(' · '),
        documentation: docsMarkdown(key.description, key.docs),
        snippet: value ? `${key.name}=${value.text}` : undefined,
        retrigger: value?.retrigger,
        // dbt's own keys first, in the table's order (materialized, then the common ones), then the adapter's.
        sortText: `${key.adapters ? 1 : 0}${String(position).padStart(width, '0')}`,
      });
    });
}

function sqlValueSnippet(key: DbtConfigKey, python: boolean): { text: string; retrigger?: boolean } {
  if (key.sqlValue) return { text: key.sqlValue };
  const bool = python ? ['True', 'False'] : ['true', 'false'];
  switch (key.type) {
    case 'boolean':
      return { text: choiceSnippet(1, bool) };
    case 'integer':
      return { text: '$1' };
    case 'list':
    case 'string-or-list':
      return key.columns ? { text: "['$1']", retrigger: true } : { text: "['$1']" };
    case 'dict':
      return { text: '{$1}' };
    default:
      return { text: "'$1'", retrigger: Boolean(key.values || key.columns) };
  }
}

interface ValueContext {
  request: CompletionRequest;
  resource: ConfigResource;
  adapter: Adapter | undefined;
  python: boolean;
}

/** Values of a key: its known values, the model's own columns for keys that name columns, the project's tags. */
function valueItems(context: ValueContext, key: DbtConfigKey, replace: { start: number; end: number }, quoted: boolean): NavCompletion[] {
  const items: NavCompletion[] = [];
  const insert = (value: string) => (quoted ? undefined : `'${snippetText(value)}'`);
  for (const value of configValuesFor(key, context.resource, context.adapter)) {
    items.push(item(value.value, 'value', replace, { detail: adapterNote(value.adapters), documentation: value.description, snippet: insert(value.value) }));
  }
  if (key.type === 'boolean' && !quoted) {
    for (const value of context.python ? ['True', 'False'] : ['true', 'false']) items.push(item(value, 'value', replace));
  }
  if (key.columns) {
    for (const column of ownColumns(context.request)) items.push(item(column, 'column', replace, { detail: 'column of this model', snippet: insert(column) }));
  }
  if (key.name === 'tags') {
    for (const tag of projectTags(context.request)) items.push(item(tag, 'value', replace, { detail: 'tag used in the project', snippet: insert(tag) }));
  }
  return items;
}

/** The output columns of the model being edited, as the index last read them. */
function ownColumns(request: CompletionRequest): string[] {
  const summary = request.index.file(request.file);
  if (!summary || !isSqlSummary(summary) || !summary.facts) return [];
  return [...new Set(summary.facts.outputColumns.filter((column) => column.kind !== 'star').map((column) => column.name))];
}

/** Tags some node of the file's project already carries, so a new model reuses the project's vocabulary. */
export function projectTags(request: CompletionRequest): string[] {
  const tags = new Set<string>();
  for (const node of request.index.nodes()) {
    if (request.project && node.projectId !== request.project.id) continue;
    const value = node.config.tags;
    for (const tag of Array.isArray(value) ? value : typeof value === 'string' ? [value] : []) if (typeof tag === 'string' && tag.trim() !== '') tags.add(tag);
  }
  return [...tags].sort();
}
