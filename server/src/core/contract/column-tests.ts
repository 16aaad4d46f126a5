/**
 * The text edit that adds a `not_null` data test to a column's entry in a model's properties YAML: after the last
 * test the column lists, or as a new `data_tests:` key of the column's entry.
 *
 * Only plain block YAML is edited; a flow-style list (`data_tests: [unique]`) or an entry whose indentation cannot be
 * read gets no edit rather than a wrong one.
 */
import { locateYamlPath, type YamlPath } from '../yaml';
import type { ColumnSpec } from '../yaml/properties-types';
import type { ColumnEntriesEdit } from './column-entries';

export function addNotNullTestEdit(file: string, text: string, column: ColumnSpec): ColumnEntriesEdit | undefined {
  // dbt 1.8 renamed `tests:` to `data_tests:`; the test joins the list the column already has.
  const listed = column.tests.filter((test) => test.path.length === column.path.length + 2);
  if (listed.length > 0) {
    const last = listed[listed.length - 1];
    const span = locateYamlPath(text, last.path);
    const indent = span && dashIndent(text, span.start);
    if (!span || indent === undefined) return undefined;
    return { file, span: { start: span.end, end: span.end }, newText: `\n${indent}- not_null` };
  }
  // A `data_tests:` key that lists nothing (`data_tests: []`, or empty) would be repeated by a new key.
  if (hasKey(text, [...column.path, 'data_tests']) || hasKey(text, [...column.path, 'tests'])) return undefined;
  const span = locateYamlPath(text, column.path);
  const indent = span && dashIndent(text, span.start);
  if (!span || indent === undefined) return undefined;
  const keyIndent = ' '.repeat(indent.length + 2);
  return { file, span: { start: span.end, end: span.end }, newText: `\n${keyIndent}data_tests:\n${keyIndent}  - not_null` };
}

/** Whether the key is written there: locating a missing key gives its nearest ancestor, whose text is not the key. */
function hasKey(text: string, path: YamlPath): boolean {
  const span = locateYamlPath(text, path, 'key');
  return span !== undefined && text.slice(span.start, span.end).replace(/^["']|["']$/g, '') === path[path.length - 1];
}

/** The indentation of the `- ` that opens the node starting at `offset`, when the line reads `<spaces>- `. */
function dashIndent(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = /^( *)- +$/.exec(text.slice(lineStart, offset));
  return prefix ? prefix[1] : undefined;
}
