/**
 * dbt-project-evaluator's exceptions seed, `dbt_project_evaluator_exceptions.csv` (fct_name, column_name,
 * id_to_exclude, comment): a row excludes the findings of the evaluator model `fct_name` whose `column_name` value
 * matches the SQL LIKE pattern `id_to_exclude`. Existing exception files keep working unchanged; rules call
 * `isExcepted` with their evaluator model's name and the values of its columns for the finding.
 * See https://dbt-labs.github.io/dbt-project-evaluator/latest/customization/exceptions/.
 */
import type { DbtProject, ProjectIndex } from '../project/index-types';

export const EXCEPTIONS_SEED = 'dbt_project_evaluator_exceptions.csv';

export interface EvaluatorException {
  fctName: string;
  columnName: string;
  idToExclude: string;
  comment: string;
  file: string;
  line: number;
}

const memo = new WeakMap<ProjectIndex, Map<string, { text: string; rows: EvaluatorException[] }>>();

/** The exception rows of a project's seeds (any seed folder), parsed once per text. */
export function evaluatorExceptions(index: ProjectIndex, project: DbtProject): EvaluatorException[] {
  let byProject = memo.get(index);
  if (!byProject) memo.set(index, (byProject = new Map()));
  const rows: EvaluatorException[] = [];
  for (const summary of index.files()) {
    if (summary.kind !== 'seed' || !summary.path.endsWith(`/${EXCEPTIONS_SEED}`) && summary.path !== EXCEPTIONS_SEED) continue;
    if (index.projectOf(summary.path)?.id !== project.id) continue;
    const text = index.text(summary.path) ?? '';
    let cached = byProject.get(summary.path);
    if (!cached || cached.text !== text) byProject.set(summary.path, (cached = { text, rows: parseExceptions(summary.path, text) }));
    rows.push(...cached.rows);
  }
  return rows;
}

/** Whether an exception row covers a finding of `fctName` with these column values. */
export function isExcepted(index: ProjectIndex, project: DbtProject | undefined, fctName: string, values: Record<string, string | undefined>): boolean {
  if (!project) return false;
  return evaluatorExceptions(index, project).some((row) => {
    if (row.fctName !== fctName) return false;
    const value = values[row.columnName];
    return value !== undefined && likeMatches(row.idToExclude, value);
  });
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
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${source}$`, 's').test(value);
}
