/**
 * A bound on what aliases can make a loaded value grow into.
 *
 * Both loaders share one object between an anchor and its aliases, so loading itself stays linear.
 * Anything that later walks the value in full (a cache serialiser, a deep merge, a schema check) would, however,
 * expand every alias: nine nested lists of nine aliases ("billion laughs") become 9⁹ nodes.
 * This guard measures the expanded size once, with memoised subtree sizes, before the value leaves the loader.
 */

/** Expansion below this many nodes is harmless whatever the ratio. */
const EXPANSION_FLOOR = 200_000;
/** Legitimate files reuse anchors (shared column lists, default configs) but not a hundredfold. */
const EXPANSION_RATIO = 100;

export type AliasVerdict = { ok: true } | { ok: false; reason: 'cycle' | 'expansion'; expandedNodes: number };

/** Decides whether `value`, once every shared object is counted as often as it is reached, stays within bounds. */
export function checkAliasExpansion(value: unknown): AliasVerdict {
  const sizes = new Map<object, number>();
  const inProgress = new Set<object>();
  let distinct = 0;
  let cycle = false;

  const sizeOf = (node: unknown): number => {
    if (node === null || typeof node !== 'object') {
      distinct++;
      return 1;
    }
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (inProgress.has(node)) {
      cycle = true;
      return 1;
    }
    inProgress.add(node);
    distinct++;
    let total = 1;
    const children = Array.isArray(node) ? node : node instanceof Map ? [...node.values()] : Object.values(node);
    for (const child of children) {
      total += sizeOf(child);
      // Sizes can overflow double precision on hostile input; the exact figure no longer matters then.
      if (total > Number.MAX_SAFE_INTEGER / 2) total = Number.MAX_SAFE_INTEGER / 2;
    }
    inProgress.delete(node);
    sizes.set(node, total);
    return total;
  };

  const expanded = sizeOf(value);
  if (cycle) return { ok: false, reason: 'cycle', expandedNodes: expanded };
  if (expanded > EXPANSION_FLOOR && expanded > distinct * EXPANSION_RATIO) {
    return { ok: false, reason: 'expansion', expandedNodes: expanded };
  }
  return { ok: true };
}
