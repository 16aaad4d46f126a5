/**
 * Whether a regular expression or a glob written in a repository can be run without catastrophic backtracking.
 *
 * JavaScript's regular expressions backtrack, and a pattern such as `(a+)+$`, `(a|aa)+$` or `.*a.*a.*a.*b` takes
 * exponential or high-polynomial time on a long subject that almost matches: one pattern in a repository's
 * configuration could hang the language server. Patterns are therefore checked before they are compiled, and an
 * unsafe one is refused with a located problem instead of being run.
 *
 * The check reads the pattern's structure and refuses three shapes:
 * - a variable quantifier inside another (`(a+)+`, `(\w*\d?)*`): a star height above one;
 * - a variable quantifier over a group with alternatives (`(a|aa)+`, `(x|y)*`), whose branches may overlap;
 * - more than two variable quantifiers in all (`.*a.*a.*b`), counting those a fixed repetition copies (`(a.*){3}`):
 *   each one multiplies the work on a subject that fails late.
 *
 * The npm package safe-regex2 was tried first and does not fit: it checks only the star height, so it accepts
 * `(a|aa)+$` and `.*a.*a.*a.*a.*b` (which ran for more than five minutes on a 300-character subject), and its
 * parser rejects named groups. Globs (picomatch) are checked by counting their wildcards, measured below.
 */

const MAX_VARIABLE_QUANTIFIERS = 2;

/** Why a regular expression could backtrack catastrophically, or undefined when its shape is safe. */
export function unsafeRegexReason(source: string): string | undefined {
  const groups: { alternatives: boolean; variable: boolean; multiplier: number }[] = [{ alternatives: false, variable: false, multiplier: 1 }];
  let variableQuantifiers = 0;
  /** What the next quantifier applies to: an atom, or the group just closed (with what was inside it). */
  let last: { variable: boolean; alternatives: boolean } | undefined;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
      last = { variable: false, alternatives: false };
      continue;
    }
    if (char === '[') {
      // A character class is one atom: skip to its closing bracket, past escapes and a leading `]`.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j;
      last = { variable: false, alternatives: false };
      continue;
    }
    if (char === '(') {
      groups.push({ alternatives: false, variable: false, multiplier: groups[groups.length - 1].multiplier });
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`, `(?P<name>`: the group's body starts after its marker.
      if (source[i + 1] === '?') {
        const marker = /^\?(?:P?<[A-Za-z_][A-Za-z0-9_]*>|<[=!]|[:=!]|[a-zA-Z-]+[:)])/.exec(source.slice(i + 1));
        if (marker) i += marker[0].endsWith(')') ? marker[0].length - 1 : marker[0].length;
      }
      last = undefined;
      continue;
    }
    if (char === ')') {
      const closed = groups.length > 1 ? groups.pop()! : groups[0];
      // What a group holds, its enclosing groups hold too: `((a+)b)+` nests a quantifier as much as `(a+)+`.
      const parent = groups[groups.length - 1];
      if (parent !== closed) {
        parent.variable ||= closed.variable;
        parent.alternatives ||= closed.alternatives;
      }
      last = { variable: closed.variable, alternatives: closed.alternatives };
      continue;
    }
    if (char === '|') {
      groups[groups.length - 1].alternatives = true;
      last = undefined;
      continue;
    }
    const quantifier = quantifierAt(source, i);
    if (quantifier) {
      i += quantifier.length - 1;
      // A lazy or possessive mark belongs to the quantifier before it.
      if (source[i + 1] === '?' || source[i + 1] === '+') i++;
      if (!last) continue;
      const enclosing = groups[groups.length - 1];
      if (quantifier.variable) {
        if (last.variable) return `a quantifier applies to something that already repeats (as in \`(a+)+\`), which backtracks exponentially on a subject that almost matches`;
        if (last.alternatives) return `a quantifier applies to a group of alternatives (as in \`(a|aa)+\`), whose overlapping branches backtrack exponentially`;
        variableQuantifiers += enclosing.multiplier;
        enclosing.variable = true;
      } else if (last.variable) {
        // `(a.*){3}` copies the quantifier inside three times.
        variableQuantifiers += enclosing.multiplier * Math.max(0, quantifier.count - 1);
      }
      if (variableQuantifiers > MAX_VARIABLE_QUANTIFIERS) {
        return `it has more than ${MAX_VARIABLE_QUANTIFIERS} variable quantifiers (\`*\`, \`+\`, \`?\`, \`{m,n}\`; as in \`.*a.*a.*b\`), and each multiplies the backtracking on a subject that fails late`;
      }
      last = undefined;
      continue;
    }
    last = { variable: false, alternatives: false };
  }
  return undefined;
}

/** The quantifier starting at `i` (`*`, `+`, `?`, `{m}`, `{m,}`, `{m,n}`), with whether it repeats a variable number of times. */
function quantifierAt(source: string, i: number): { length: number; variable: boolean; count: number } | undefined {
  const char = source[i];
  if (char === '*' || char === '+' || char === '?') return { length: 1, variable: true, count: 0 };
  if (char !== '{') return undefined;
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
  if (!braces) return undefined;
  const min = Number(braces[1]);
  const max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
  return { length: braces[0].length, variable: max !== min, count: min };
}

/** Wildcards a glob may hold in all, and in one path segment, before matching it could take seconds on one path. */
const MAX_GLOB_WILDCARDS = 3;
const MAX_SEGMENT_STARS = 2;

/**
 * Why a glob could make picomatch backtrack catastrophically, or undefined when it is safe. picomatch turns each
 * `*` into a lazy `[^/]*?` and each `**` into a lazy run across folders: measured on a 255-character path that
 * almost matches, `*a*a*b` took 44 ms, `*a*a*a*b` 2.5 s and `*a*a*a*a*a*a*b` did not finish in 10 s, while
 * three `**` took 10 ms. picomatch already reads unsafe extglobs such as `+(a|aa)+(a|aa)` as plain text.
 */
export function unsafeGlobReason(glob: string): string | undefined {
  let wildcards = 0;
  for (const segment of glob.split('/')) {
    if (segment === '**') {
      wildcards++;
      continue;
    }
    const stars = segment.replace(/\*+/g, '*').split('').filter((char) => char === '*').length;
    if (stars > MAX_SEGMENT_STARS) return `one of its path segments holds ${stars} \`*\` wildcards; more than ${MAX_SEGMENT_STARS} make matching a long file name take seconds`;
    wildcards += stars;
  }
  if (wildcards > MAX_GLOB_WILDCARDS) return `it holds ${wildcards} wildcards (\`*\` and \`**\`); more than ${MAX_GLOB_WILDCARDS} make matching a long path take seconds`;
  return undefined;
}
