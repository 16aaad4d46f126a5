/**
 * dbt-project-evaluator's exceptions seed, `dbt_project_evaluator_exceptions.csv` (fct_name, column_name,
 * id_to_exclude, comment): a row excludes the findings of the evaluator model `fct_name` whose `column_name` value
 * matches the SQL LIKE pattern `id_to_exclude`. Existing exception files keep working unchanged; rules call
 * `isExcepted` with their evaluator model's name and the values of its columns for the finding.
 * See https://dbt-labs.github.io/dbt-project-evaluator/latest/customization/exceptions/.
 */
import type { DbtProject, ProjectIndex } from '../project/index-types';
import { EVALUATOR_EXCEPTIONS_SEED } from '../project/layout';
import { compileLike, wildcardMatches } from '../wildcard';

export const EXCEPTIONS_SEED = EVALUATOR_EXCEPTIONS_SEED;

export interface EvaluatorException {
  fctName: string;
  columnName: string;
  idToExclude: string;
  comment: string;
  file: string;
  line: number;
}

/** Parsed seeds per index, by path, re-parsed only when a seed's text changes. */
const memo = new WeakMap<ProjectIndex, Map<string, { text: string; rows: EvaluatorException[]; byFct: Map<string, EvaluatorException[]> }>>();

function isExceptionsSeed(path: string): boolean {
  return path === EXCEPTIONS_SEED || path.endsWith(`/${EXCEPTIONS_SEED}`);
}

/** A project's exceptions seeds (any seed folder), parsed once per text. */
function parsedSeeds(index: ProjectIndex, project: DbtProject): { rows: EvaluatorException[]; byFct: Map<string, EvaluatorException[]> }[] {
  let byPath = memo.get(index);
  if (!byPath) memo.set(index, (byPath = new Map()));
  const seeds = [];
  for (const path of index.seedFiles()) {
    if (!isExceptionsSeed(path) || index.projectOf(path)?.id !== project.id) continue;
    const text = index.text(path) ?? '';
    let cached = byPath.get(path);
    if (!cached || cached.text !== text) {
      const rows = parseExceptions(path, text);
      const byFct = new Map<string, EvaluatorException[]>();
      for (const row of rows) byFct.set(row.fctName, [...(byFct.get(row.fctName) ?? []), row]);
      byPath.set(path, (cached = { text, rows, byFct }));
    }
    seeds.push(cached);
  }
  return seeds;
}

/** The exception rows of a project's seeds (any seed folder). */
export function evaluatorExceptions(index: ProjectIndex, project: DbtProject): EvaluatorException[] {
  return parsedSeeds(index, project).flatMap((seed) => seed.rows);
}

/** Whether an exception row covers a finding of `fctName` with these column values. */
export function isExcepted(index: ProjectIndex, project: DbtProject | undefined, fctName: string, values: Record<string, string | undefined>): boolean {
  if (!project) return false;
  for (const seed of parsedSeeds(index, project)) {
    for (const row of seed.byFct.get(fctName) ?? []) {
      const value = values[row.columnName];
      if (value !== undefined && likeMatches(row.idToExclude, value)) return true;
    }
  }
  return false;
}

/** CSV with a header row; quoted fields may hold commas and doubled quotes. Malformed rows are skipped. */
export function parseExceptions(file: string, text: string): EvaluatorException[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((name) => name.trim().toLowerCase());
  const column = (name: string) => header.indexOf(name);
  const [fct, col, id, comment] = ['fct_name', 'column_name', 'id_to_exclude', 'comment'].map(column);
  if (fct < 0 || col < 0 || id < 0) return [];
  const rows: EvaluatorException[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const fields = splitCsvLine(lines[i]);
    if (!fields[fct] || !fields[col] || fields[id] === undefined) continue;
    rows.push({ fctName: fields[fct].trim(), columnName: fields[col].trim(), idToExclude: fields[id].trim(), comment: comment >= 0 ? (fields[comment] ?? '').trim() : '', file, line: i + 1 });
  }
  return rows;
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields;
}

/** SQL LIKE: `%` any run, `_` one character, everything else literal; case-sensitive, as in most warehouses. */
export function likeMatches(pattern: string, value: string): boolean {
  // Matched without a regular expression: a seed row with many `%` would make one backtrack for minutes.
  return wildcardMatches(compileLike(pattern), value);
}
