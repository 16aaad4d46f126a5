/**
 * The text edit that adds column entries (`- name:` and, when known, `data_type:`) to a model's contract in its
 * properties YAML: after the last column the contract lists, or as a new `columns:` key of the model's entry.
 *
 * Only plain block YAML is edited; a flow-style list (`columns: [{name: a}]`) or an entry whose indentation cannot be
 * read gets no edit rather than a wrong one.
 */
import { locateYamlPath, type YamlPath } from '../yaml';
import type { Span } from '../text';
import type { ColumnSpec, ModelSpec, ModelVersionSpec } from '../yaml/properties-types';

export interface NewColumnEntry {
  name: string;
  dataType?: string;
}

/** An insertion into a properties file, as offsets: the rule converts it to a range with `ctx.locate`. */
export interface ColumnEntriesEdit {
  file: string;
  span: Span;
  newText: string;
}

/**
 * The edit adding `entries` to the columns dbt reads for the model, or for one version of it: a version's own
 * `columns:` when it has entries (a model-level column would reach every version), else the model's.
 */
export function addColumnEntriesEdit(file: string, text: string, spec: ModelSpec, version: ModelVersionSpec | undefined, entries: NewColumnEntry[]): ColumnEntriesEdit | undefined {
  if (entries.length === 0) return undefined;
  if (version) return version.columns.length > 0 ? afterLastColumn(file, text, version.columns, entries) : undefined;
  if (spec.columns.length > 0) return afterLastColumn(file, text, spec.columns, entries);
  return newColumnsKey(file, text, spec.path, entries);
}

function afterLastColumn(file: string, text: string, columns: ColumnSpec[], entries: NewColumnEntry[]): ColumnEntriesEdit | undefined {
  const last = columns[columns.length - 1];
  const span = locateYamlPath(text, last.path);
  const indent = span && dashIndent(text, span.start);
  if (!span || indent === undefined) return undefined;
  return { file, span: { start: span.end, end: span.end }, newText: entries.map((entry) => '\n' + entryText(entry, indent)).join('') };
}

function newColumnsKey(file: string, text: string, modelPath: YamlPath, entries: NewColumnEntry[]): ColumnEntriesEdit | undefined {
  const span = locateYamlPath(text, modelPath);
  const indent = span && dashIndent(text, span.start);
  if (!span || indent === undefined) return undefined;
  const keyIndent = ' '.repeat(indent.length + 2);
  const body = entries.map((entry) => '\n' + entryText(entry, keyIndent + '  ')).join('');
  return { file, span: { start: span.end, end: span.end }, newText: `\n${keyIndent}columns:${body}` };
}

/** `- name: x` with its `data_type:` below, at the indentation of the list's dashes. */
function entryText(entry: NewColumnEntry, indent: string): string {
  const lines = [`${indent}- name: ${yamlScalar(entry.name)}`];
  if (entry.dataType) lines.push(`${indent}  data_type: ${yamlScalar(entry.dataType)}`);
  return lines.join('\n');
}

/** The indentation of the `- ` that opens the block mapping starting at `offset`, when the line reads `<spaces>- `. */
function dashIndent(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = /^( *)- +$/.exec(text.slice(lineStart, offset));
  return prefix ? prefix[1] : undefined;
}

/** A plain scalar when YAML reads it back unchanged, else a double-quoted one. */
function yamlScalar(value: string): string {
  return /^[A-Za-z_][\w (),.]*$/.test(value) && !/[ ]$/.test(value) ? value : JSON.stringify(value);
}
