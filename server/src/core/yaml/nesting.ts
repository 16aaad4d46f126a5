/**
 * A bound on how deeply a parsed YAML document nests collections.
 *
 * `yaml`'s `toJS` turns a collection used as a mapping key into a string by printing it, and prints every nested
 * key again at each level above it, so a few hundred unclosed `{` (a file mid-edit, or a hostile one) take
 * minutes. js-yaml, the fast path, refuses more than 100 levels; the exact parser's documents are checked here
 * before they are converted, with the same limit.
 */
import { isCollection, isPair } from 'yaml';

/** js-yaml's default `maxDepth`, so both parsers accept the same documents. */
export const MAX_YAML_NESTING = 100;

/** Whether `node` nests collections more than `limit` levels deep. Recursion stops at the limit, so it is cheap. */
export function nestsDeeperThan(node: unknown, limit: number = MAX_YAML_NESTING): boolean {
  if (limit < 0) return true;
  if (!isCollection(node)) return false;
  for (const item of node.items) {
    if (isPair(item)) {
      if (nestsDeeperThan(item.key, limit - 1) || nestsDeeperThan(item.value, limit - 1)) return true;
    } else if (nestsDeeperThan(item, limit - 1)) return true;
  }
  return false;
}

/** The message for a document refused by the bound: what, why, and what to do. */
export const NESTING_MESSAGE = `This YAML nests collections more than ${MAX_YAML_NESTING} levels deep, so it is not read: dbt's loader cannot use it either, and reading it would take minutes. Close the unclosed \`[\` or \`{\`, or flatten the structure.`;

/**
 * Whether the raw text opens more flow brackets (`[`, `{`) than it could close within a sane depth. `yaml`'s parser
 * recurses once per level and overflows the stack at a few thousand (found by fuzzing), so such text is refused
 * before parsing, as are thousands of `- ` in a row. Brackets inside quotes count too: this is only a bound, ten times the nesting limit.
 */
export function opensTooManyBrackets(text: string, limit: number = MAX_YAML_NESTING * 10): boolean {
  let depth = 0;
  // Compact block sequences (`- - - x`) nest one level per `- ` on a line and overflow the same way.
  let dashes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 91 || code === 123) {
      if (++depth > limit) return true;
    } else if ((code === 93 || code === 125) && depth > 0) depth--;
    if (code === 45 && text.charCodeAt(i + 1) === 32) {
      if (++dashes > limit) return true;
      i++;
    } else if (code !== 32) dashes = 0;
  }
  return false;
}
