/**
 * The small part of LSP snippet syntax completion items use: tab stops (`$1`, `$0`), placeholders
 * (`${1:default}`) and choices (`${1|a,b|}`), and how they read as plain text for clients without snippets.
 */

/** Escapes literal text for a snippet: `$`, `}` and `\` would otherwise start or end a snippet element. */
export function snippetText(text: string): string {
  return text.replace(/[\\$}]/g, (char) => `\\${char}`);
}

/** A choice between values, or a plain tab stop when a value could not be written inside a choice. */
export function choiceSnippet(stop: number, values: readonly string[]): string {
  if (values.length === 0 || values.some((value) => /[,|\\$}]/.test(value))) return `$${stop}`;
  return `\${${stop}|${values.join(',')}|}`;
}

/**
 * The text a snippet inserts when tab stops are not supported: a placeholder keeps its default, a choice its
 * first value, and a bare tab stop disappears.
 */
export function snippetToPlainText(snippet: string): string {
  let result = '';
  for (let i = 0; i < snippet.length; i++) {
    const char = snippet[i];
    if (char === '\\' && i + 1 < snippet.length) {
      result += snippet[++i];
    } else if (char === '$') {
      const bare = /^\$\d+/.exec(snippet.slice(i));
      if (bare) {
        i += bare[0].length - 1;
        continue;
      }
      const element = /^\$\{\d+(?::((?:\\.|[^\\}])*)|\|((?:\\.|[^\\|])*)\|)?\}/.exec(snippet.slice(i));
      if (!element) {
        result += char;
        continue;
      }
      if (element[1] !== undefined) result += snippetToPlainText(element[1]);
      else if (element[2] !== undefined) result += element[2].split(',')[0];
      i += element[0].length - 1;
    } else {
      result += char;
    }
  }
  return result;
}
