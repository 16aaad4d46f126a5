/**
 * The exact (slow) YAML parse, shared by the tolerant loader and by `locateYamlPath`.
 *
 * `yaml`'s `parseDocument` keeps every node's source range and reports every error with a span,
 * but costs about ten times as much as js-yaml.
 * It is therefore used only for files that fail the fast path and for the few places that are reported or shown.
 * A small cache keyed by the text itself lets a loader fallback and the later lookups share one parse.
 */
import { parseDocument, type Document } from 'yaml';

/**
 * The options both consumers rely on: YAML 1.2 core schema plus `<<` merge keys, and no console output.
 * `logLevel: 'error'` keeps errors such as a second document while never printing: `silent` would drop them.
 */
export const EXACT_PARSE_OPTIONS = {
  version: '1.2',
  merge: true,
  logLevel: 'error',
  prettyErrors: false,
  keepSourceTokens: false,
} as const;

/** A handful of files are usually located in turns (a diagnostic pass, then hovers), so keep a few documents. */
const CACHE_CAPACITY = 8;

const recentDocuments: { text: string; document: Document.Parsed }[] = [];

/** The exact parse of `text`, reused while the same text is asked for again. */
export function exactDocument(text: string): Document.Parsed {
  for (let i = 0; i < recentDocuments.length; i++) {
    const entry = recentDocuments[i];
    // Equal strings compare by content; JavaScript offers no cheaper identity for primitive strings.
    if (entry.text === text) {
      if (i > 0) {
        recentDocuments.splice(i, 1);
        recentDocuments.unshift(entry);
      }
      return entry.document;
    }
  }
  const document = parseDocument(text, EXACT_PARSE_OPTIONS);
  recentDocuments.unshift({ text, document });
  if (recentDocuments.length > CACHE_CAPACITY) recentDocuments.pop();
  return document;
}

/** Drops every cached document, for tests and for callers that want the memory back. */
export function clearExactDocumentCache(): void {
  recentDocuments.length = 0;
}
