/**
 * "Did you mean" suggestions for misspelt names, by edit distance.
 */
import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate within a distance proportional to the name's length, or undefined.
 * A third of the length (at least 2) catches typos and transpositions without suggesting unrelated names.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    if (candidate === name) continue;
    // A difference in case alone is the likeliest mistake of all.
    const d = candidate.toLowerCase() === lower ? 0.5 : distance(lower, candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
