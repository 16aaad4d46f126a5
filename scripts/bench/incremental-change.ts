/**
 * The change an editor sends for an edit: one incremental replacement of the part that differs between the text
 * before and after (the longest common prefix and suffix stay), rather than the whole text.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface IncrementalChange {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
  /** Where the replaced part starts in the text before, as an offset. */
  start: number;
}

export function incrementalChange(before: string, after: string): IncrementalChange {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const old = TextDocument.create('', '', 0, before);
  return { range: { start: old.positionAt(start), end: old.positionAt(before.length - tail) }, text: after.slice(start, after.length - tail), start };
}
