/**
 * The edit cycles of the memory bench (memory.ts). Each cycle edits one of a few open models, and every second
 * edit of a model puts its text back as it was, so the workspace itself never grows: memory the server keeps
 * taking over thousands of cycles is a leak, not a bigger project. Pure: texts in, texts out.
 *
 * A model's edits go round: add a ref (a CTE reading another model), take it out, add a column, take it out.
 * The added ref alternates between an existing staging model (the graph changes, so the project rules run
 * again) and a misspelling that is new on every cycle (an unknown-ref finding names it, which shows that the
 * diagnostics published are those of the version sent). The added column's name is new on every cycle too,
 * as the names a user types are: a cache keyed by names would grow with them.
 */
import { addColumn } from './edits';

export type CycleKind = 'add-ref' | 'add-misspelt-ref' | 'remove-ref' | 'add-column' | 'remove-column';

export interface CycleModel {
  /** Workspace-relative path. */
  file: string;
  /** The text on disk, which each model returns to every second cycle. */
  text: string;
}

export interface CycleEdit {
  file: string;
  kind: CycleKind;
  /** The model's whole text after the edit. */
  text: string;
  /** A misspelt ref name that the diagnostics of this version must mention. */
  mentions?: string;
  /** A misspelt ref name just removed, which the diagnostics of this version must no longer mention. */
  omits?: string;
}

const WITH_LINE = /^with[ \t]*\r?\n/m;

/** Whether a model offers both edits: a `with` line to add a CTE after, and a select list to add a column to. */
export function canCycle(text: string): boolean {
  return WITH_LINE.test(text) && addColumn(text, 0) !== undefined;
}

/** The text with a CTE reading `ref('<name>')` first in its `with`. */
export function addRefCte(text: string, name: string): string {
  const match = WITH_LINE.exec(text);
  if (!match) throw new Error('the model has no `with` line to add a CTE after');
  const insertAt = match.index + match[0].length;
  return `${text.slice(0, insertAt)}\nbench_extra as (\n\n    select * from {{ ref('${name}') }}\n\n),\n${text.slice(insertAt)}`;
}

export class MemoryCycles {
  /**
   * `models` are edited in turn (each must pass `canCycle`); `refTargets` are models the added ref reads, taken
   * in turn: upstream of every edited model, so that no added ref closes a cycle in the graph.
   */
  constructor(
    private readonly models: readonly CycleModel[],
    private readonly refTargets: readonly string[],
  ) {
    if (models.length === 0) throw new Error('the memory cycles need at least one model to edit');
    if (refTargets.length === 0) throw new Error('the memory cycles need at least one model for the added ref to read');
    for (const model of models) if (!canCycle(model.text)) throw new Error(`${model.file} has no \`with\` line or no select list to edit`);
  }

  /** The edit of cycle `n` (0-based); cycles must be applied in order, since every second one undoes the one before. */
  edit(n: number): CycleEdit {
    const model = this.models[n % this.models.length];
    // How many times this model was edited before: its place in the round of four edits.
    const turn = Math.floor(n / this.models.length);
    const round = Math.floor(turn / 4);
    const target = this.refTargets[round % this.refTargets.length];
    const misspelt = round % 2 === 1;
    // The name the round's first edit adds and its second edit removes; a misspelling is named after its cycle.
    const refName = (addedInCycle: number) => (misspelt ? `${target}_v${addedInCycle}` : target);
    switch (turn % 4) {
      case 0:
        return { file: model.file, kind: misspelt ? 'add-misspelt-ref' : 'add-ref', text: addRefCte(model.text, refName(n)), mentions: misspelt ? refName(n) : undefined };
      case 1:
        return { file: model.file, kind: 'remove-ref', text: model.text, omits: misspelt ? refName(n - this.models.length) : undefined };
      case 2:
        return { file: model.file, kind: 'add-column', text: addColumn(model.text, n)! };
      default:
        return { file: model.file, kind: 'remove-column', text: model.text };
    }
  }
}
