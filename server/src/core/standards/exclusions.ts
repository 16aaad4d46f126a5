/**
 * dbt-project-evaluator's `exclude_paths_from_project`: resources whose path matches one of its regular expressions
 * are left out of every evaluator check. The rules that mirror an evaluator check drop their findings in such files.
 * See https://dbt-labs.github.io/dbt-project-evaluator/latest/customization/excluding-packages-and-paths/.
 */
import type { ProjectIndex } from '../project/index-types';
import { projectRelativePath } from './dag';
import { standardsOf } from './evaluator-config';

/**
 * Whether the evaluator's exclusions cover a file: its path relative to the project, followed by `:` and the last
 * two parts of the fqn of a resource it defines (`models/legacy/orders.sql:legacy.orders`, the string the
 * evaluator searches), matches one of the project's patterns.
 */
export function isExcludedFromEvaluation(index: ProjectIndex, file: string): boolean {
  const project = index.projectOf(file);
  const patterns = standardsOf(project).excludePaths;
  if (patterns.length === 0) return false;
  const path = projectRelativePath(project, file) ?? file;
  const subjects = index.nodesOfFile(file).map((node) => `${path}:${node.fqn.slice(-2).join('.')}`);
  if (subjects.length === 0) subjects.push(`${path}:`);
  return patterns.some((pattern) => subjects.some((subject) => pattern.test(subject)));
}
