/**
 * Realistic edits to a model's SQL, as a user types them: add a column to a select list,
 * change a literal, and now and then rename a ref to a model that does not exist (then back).
 * Pure: text in, text out, driven by a seeded Rng.
 */
import type { Rng } from './stats';

export type EditKind = 'add-column' | 'change-literal' | 'break-ref' | 'restore-ref' | 'append-comment';

export interface Edit {
  kind: EditKind;
  text: string;
  /** For break-ref: the text to restore on the next edit of the same file. */
  restore?: string;
}

/** Whether `offset` lies inside a Jinja `{{ }}`, `{% %}` or `{# #}` block. */
function insideJinja(text: string, offset: number): boolean {
  const open = Math.max(text.lastIndexOf('{{', offset), text.lastIndexOf('{%', offset), text.lastIndexOf('{#', offset));
  if (open < 0) return false;
  const close = Math.max(text.lastIndexOf('}}', offset), text.lastIndexOf('%}', offset), text.lastIndexOf('#}', offset));
  return close < open;
}

/** Inserts `, <expr> as bench_col_<n>` at the end of the last select list that ends on a line of its own before `from`. */
export function addColumn(text: string, n: number): string | undefined {
  const froms = [...text.matchAll(/^[ \t]*from\b/gim)].filter((match) => !insideJinja(text, match.index!));
  if (froms.length > 0) {
    const at = froms[froms.length - 1].index!;
    let end = at;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    const previous = text.slice(0, end);
    // Trailing-comma style: the previous item needs a comma; leading-comma style would start the line with one.
    const lastLine = previous.slice(previous.lastIndexOf('\n') + 1);
    if (lastLine.includes('--') || previous.endsWith(',') || previous.endsWith('(') || /\bselect$/i.test(previous)) return undefined;
    return `${previous},\n        ${n % 2 === 0 ? `'bench_${n}'` : `${n} * 2`} as bench_col_${n}${text.slice(end)}`;
  }
  const star = /select\s+\*\s+from\s+(\w+)\s*$/i.exec(text);
  if (star) return text.slice(0, star.index) + `select *, ${n} as bench_col_${n} from ${star[1]}` + text.slice(star.index + star[0].length);
  return undefined;
}

/** Changes one numeric or string literal outside Jinja. */
function changeLiteral(text: string, rng: Rng): string | undefined {
  const candidates = [...text.matchAll(/'[A-Za-z_ ]{1,30}'|\b\d+\b/g)].filter((match) => {
    const at = match.index!;
    if (insideJinja(text, at)) return false;
    // Skip digits inside identifiers such as `stg_billing_2` or `v2`, and SQL comments.
    if (match[0].startsWith("'")) return true;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    return !/[A-Za-z0-9_.]/.test(text[at - 1] ?? ' ') && !text.slice(lineStart, at).includes('--');
  });
  if (candidates.length === 0) return undefined;
  const match = rng.pick(candidates);
  const at = match.index!;
  const value = match[0];
  const replaced = value.startsWith("'") ? `'${value.slice(1, -1)}x'` : String(Number(value) + 1);
  return text.slice(0, at) + replaced + text.slice(at + value.length);
}

/** Renames one ref to a model that does not exist. */
function breakRef(text: string, rng: Rng): string | undefined {
  const refs = [...text.matchAll(/ref\(\s*(['"])([^'"]+)\1\s*\)/g)];
  if (refs.length === 0) return undefined;
  const match = rng.pick(refs);
  const at = match.index!;
  return text.slice(0, at) + `ref('${match[2]}_bench_missing')` + text.slice(at + match[0].length);
}

/** Picks and applies an edit; falls back to simpler edits when the text offers no place for one. */
export function makeEdit(text: string, rng: Rng, n: number): Edit {
  const roll = rng.next();
  if (roll < 0.1) {
    const broken = breakRef(text, rng);
    if (broken !== undefined) return { kind: 'break-ref', text: broken, restore: text };
  }
  if (roll < 0.4) {
    const changed = changeLiteral(text, rng);
    if (changed !== undefined) return { kind: 'change-literal', text: changed };
  }
  const added = addColumn(text, n);
  if (added !== undefined) return { kind: 'add-column', text: added };
  const changed = changeLiteral(text, rng);
  if (changed !== undefined) return { kind: 'change-literal', text: changed };
  return { kind: 'append-comment', text: `${text}\n-- edited ${n}\n` };
}

/**
 * The edits of a benchmark session, in a seeded order: a random model each time, except that a ref broken
 * by one edit is put back by the very next one, as a user fixing a typo would.
 */
export class EditSequence {
  private readonly pendingRestore = new Map<string, string>();

  constructor(
    private readonly rng: Rng,
    private readonly models: readonly string[],
  ) {}

  /** The file the next edit touches. */
  nextFile(): string {
    const restoring = this.pendingRestore.keys().next();
    return restoring.done ? this.rng.pick(this.models) : restoring.value;
  }

  /** The next edit of that file, given its current text. */
  edit(file: string, currentText: string, n: number): { text: string; kind: EditKind } {
    const restore = this.pendingRestore.get(file);
    if (restore !== undefined) {
      this.pendingRestore.delete(file);
      return { text: restore, kind: 'restore-ref' };
    }
    const edit = makeEdit(currentText, this.rng, n);
    if (edit.restore !== undefined) this.pendingRestore.set(file, edit.restore);
    return { text: edit.text, kind: edit.kind };
  }
}
