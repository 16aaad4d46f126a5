/**
 * Loading a data contract's text: YAML 1.2 with the core schema (unquoted dates stay strings, as the standards'
 * JSON Schemas expect), every syntax error located, and every repeated key noted rather than rejected, so
 * `datacontract/duplicate-property` can say which field is declared twice while the rest of the file is still checked.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { Span, SyntaxIssue } from '../text';
import type { YamlPath } from '../yaml';
import { nestsDeeperThan, NESTING_MESSAGE, opensTooManyBrackets } from '../yaml/nesting';

export interface RepeatedKey {
  /** The path of the mapping that holds the key twice. */
  path: YamlPath;
  key: string;
  /** The second (and any later) occurrence of the key. */
  span: Span;
}

export interface LoadedContract {
  /** The document as plain data; for a repeated key, the last value wins, as in most YAML readers. */
  value: unknown;
  errors: SyntaxIssue[];
  repeatedKeys: RepeatedKey[];
}

const PARSE_OPTIONS = { version: '1.2', schema: 'core', uniqueKeys: false, merge: false, logLevel: 'error', prettyErrors: false } as const;

/** Reads a contract's text. Never throws. */
export function loadContract(text: string): LoadedContract {
  // Thousands of open brackets overflow the parser's stack (found by fuzzing); refuse them before parsing.
  if (opensTooManyBrackets(text)) return { value: null, errors: [{ message: NESTING_MESSAGE, span: { start: 0, end: Math.min(1, text.length) } }], repeatedKeys: [] };
  try {
    const document = parseDocument(text, PARSE_OPTIONS);
    const errors: SyntaxIssue[] = document.errors.map((error) => ({ message: error.message.split('\n')[0], span: { start: error.pos[0], end: Math.max(error.pos[1], error.pos[0]) } }));
    const repeatedKeys: RepeatedKey[] = [];
    collectRepeatedKeys(document.contents as Node | null, [], repeatedKeys);
    let value: unknown = null;
    // Converting a deeply nested document takes time exponential in its depth (found by fuzzing), so it is refused.
    if (nestsDeeperThan(document.contents)) return { value, errors: [...errors, { message: NESTING_MESSAGE, span: { start: 0, end: Math.min(1, text.length) } }], repeatedKeys };
    try {
      // A document of aliases that expands without bound is refused by `yaml` (maxAliasCount), and reported.
      value = document.toJS({ maxAliasCount: 1000 }) ?? null;
    } catch (error) {
      errors.push({ message: (error as Error).message, span: { start: 0, end: 0 } });
    }
    return { value, errors, repeatedKeys };
  } catch (error) {
    return { value: null, errors: [{ message: (error as Error).message, span: { start: 0, end: 0 } }], repeatedKeys: [] };
  }
}

function collectRepeatedKeys(node: Node | null | undefined, path: YamlPath, into: RepeatedKey[]): void {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      if (key !== undefined) {
        if (seen.has(key) && keyNode?.range) into.push({ path, key, span: { start: keyNode.range[0], end: keyNode.range[1] } });
        seen.add(key);
      }
      collectRepeatedKeys(pair.value as Node | null, key === undefined ? path : [...path, key], into);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => collectRepeatedKeys(item as Node | null, [...path, index], into));
  }
}
