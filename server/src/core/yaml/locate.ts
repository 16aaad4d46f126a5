/**
 * Exact positions for paths found by the fast loader.
 *
 * Summaries remember where each entity and field lives as a `YamlPath` (keys and list indexes),
 * because js-yaml gives no positions.
 * When a finding is reported or an editor asks, the path is turned into a span here: by scanning the lines of
 * plain block YAML (./locate-block.ts), else with one exact parse of the file.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../text';
import { exactDocument } from './document';
import { locateBlockPath } from './locate-block';

/** Mapping keys and sequence indexes from the document root to a node, e.g. `['models', 3, 'columns', 0, 'name']`. */
export type YamlPath = (string | number)[];

/** Merge chains deeper than this are malformed or hostile; stop following them. */
const MAX_MERGE_DEPTH = 32;

/**
 * The span of the node at `path` in `text`: its key (`target: 'key'`) or its value (the default).
 *
 * When the path does not exist (for instance a default that was never written), the nearest existing ancestor is
 * returned, clipped to its first line so a diagnostic does not cover a whole block.
 * Values reached through an alias or a `<<` merge key are located where they are written, at the anchor.
 * Returns `undefined` only for an empty document.
 */
export function locateYamlPath(text: string, path: YamlPath, target: 'key' | 'value' = 'value'): Span | undefined {
  const fast = locateBlockPath(text, path, target);
  if (fast) return fast;
  return locateExactly(text, path, target);
}

/** `locateYamlPath` with the exact parse only, for everything the block scanner leaves; exported for its differential test. */
export function locateExactly(text: string, path: YamlPath, target: 'key' | 'value' = 'value'): Span | undefined {
  const document = exactDocument(text);
  let node: unknown = document.contents;
  if (!node) return undefined;
  let fallback: Span | undefined = firstLine(text, spanOf(text, node));
  for (let index = 0; index < path.length; index++) {
    const segment = path[index];
    const isLast = index === path.length - 1;
    node = resolveAlias(document, node);
    if (isMap(node)) {
      const pair = findPair(document, node, String(segment), 0);
      if (!pair) return fallback;
      const keySpan = spanOf(text, pair.key);
      const valueSpan = pair.value ? spanOf(text, pair.value) : undefined;
      if (isLast) {
        if (target === 'key') return keySpan ?? valueSpan ?? fallback;
        // An empty value (`key:`) has no text of its own, so the key stands in for it.
        return valueSpan && valueSpan.end > valueSpan.start ? valueSpan : keySpan ?? fallback;
      }
      fallback = keySpan ?? fallback;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return fallback;
      const itemSpan = spanOf(text, item);
      if (isLast) return itemSpan ?? fallback;
      fallback = firstLine(text, itemSpan) ?? fallback;
      node = item;
    } else {
      return fallback;
    }
  }
  return path.length === 0 ? spanOf(text, node) : fallback;
}

/** Finds the pair for `key`, looking through `<<` merge sources after the map's own pairs, as YAML merge does. */
function findPair(document: Document.Parsed, map: YAMLMap, key: string, depth: number): Pair | undefined {
  let found: Pair | undefined;
  const mergeSources: unknown[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const itemKey = isScalar(item.key) ? item.key.value : item.key;
    if (itemKey === '<<' || (isScalar(item.key) && item.key.source === '<<')) {
      mergeSources.push(item.value);
      continue;
    }
    // Duplicate keys keep the last value when converted, so the last pair is the one that matters.
    if (itemKey !== null && typeof itemKey !== 'object' && String(itemKey) === key) found = item;
  }
  if (found || depth >= MAX_MERGE_DEPTH) return found;
  for (const source of mergeSources) {
    const resolved = resolveAlias(document, source);
    const candidates = isSeq(resolved) ? resolved.items.map((item) => resolveAlias(document, item)) : [resolved];
    for (const candidate of candidates) {
      if (!isMap(candidate)) continue;
      const pair = findPair(document, candidate, key, depth + 1);
      if (pair) return pair;
    }
  }
  return undefined;
}

function resolveAlias(document: Document.Parsed, node: unknown): unknown {
  if (!isAlias(node)) return node;
  try {
    return node.resolve(document) ?? node;
  } catch {
    // An alias to an anchor that does not exist resolves to itself: the alias text is the best location.
    return node;
  }
}

/** The span of a node's own text, without trailing comments or line breaks. */
function spanOf(text: string, node: unknown): Span | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  if (!range) return undefined;
  let end = range[1];
  while (end > range[0] && isSpaceOrBreak(text.charCodeAt(end - 1))) end--;
  return { start: range[0], end };
}

function firstLine(text: string, span: Span | undefined): Span | undefined {
  if (!span) return undefined;
  let end = span.start;
  while (end < span.end && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return { start: span.start, end };
}

function isSpaceOrBreak(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
