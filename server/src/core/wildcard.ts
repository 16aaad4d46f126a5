/**
 * Wildcard matching without backtracking: Python's fnmatch (dbt's selection globs) and SQL's LIKE (the
 * dbt-project-evaluator exceptions seed).
 *
 * Both used to become regular expressions (`*` as `.*`), and a pattern with many wildcards, such as
 * `*a*a*a*a*a*a*a*b`, made the regular expression backtrack for minutes on a long name. Here the subject is
 * walked once, going back only to the last `*` seen, which takes at most (pattern length × subject length) steps.
 */

type WildcardToken = { kind: 'star' } | { kind: 'one' } | { kind: 'char'; char: string } | { kind: 'set'; set: RegExp };

export type CompiledWildcard = readonly WildcardToken[];

/** Whether `subject` matches the whole pattern. */
export function wildcardMatches(pattern: CompiledWildcard, subject: string): boolean {
  let p = 0;
  let s = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (s < subject.length) {
    const token = pattern[p];
    if (token !== undefined && token.kind !== 'star' && matchesOne(token, subject[s])) {
      p++;
      s++;
    } else if (token?.kind === 'star') {
      // Try the star as empty first; on a mismatch later, it takes one more character and the rest is retried.
      starAt = p++;
      resumeAt = s;
    } else if (starAt >= 0) {
      p = starAt + 1;
      s = ++resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[p]?.kind === 'star') p++;
  return p === pattern.length;
}

function matchesOne(token: Exclude<WildcardToken, { kind: 'star' }>, char: string): boolean {
  switch (token.kind) {
    case 'one':
      return true;
    case 'char':
      return token.char === char;
    case 'set':
      return token.set.test(char);
  }
}

/**
 * Python's fnmatch pattern: `*` any run of characters (slashes and dots included), `?` one character, `[abc]`,
 * `[a-z]` and `[!abc]` a set; a `[` without its `]` is itself.
 */
export function compileFnmatch(pattern: string): CompiledWildcard {
  const tokens: WildcardToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (char === '?') tokens.push({ kind: 'one' });
    else if (char === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) tokens.push({ kind: 'char', char });
      else {
        let set = pattern.slice(i + 1, close);
        const negated = set.startsWith('!');
        if (negated) set = set.slice(1);
        // One character class tests one character: it cannot backtrack.
        tokens.push({ kind: 'set', set: new RegExp(`^[${negated ? '^' : ''}${set.replace(/[\\\]]/g, '\\$&')}]$`, 's') });
        i = close;
      }
    } else tokens.push({ kind: 'char', char });
  }
  return tokens;
}

/** SQL's LIKE pattern: `%` any run of characters, `_` one character, everything else itself (case-sensitive). */
export function compileLike(pattern: string): CompiledWildcard {
  const tokens: WildcardToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '%') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (char === '_') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'char', char });
  }
  return tokens;
}
