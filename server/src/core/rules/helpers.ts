/**
 * Small predicates and locators shared by several rules.
 */
import type { DbtProject, Dependency, GraphNode } from '../project/index-types';
import type { FileSummary } from '../project/summary';
import type { FileRuleContext, FindingLocation } from './rule';

/** Files that define graph nodes with dependencies: SQL and Python models, snapshots, analyses, tests and properties. */
export function isGraphFile(file: FileSummary): boolean {
  return ['model', 'python-model', 'snapshot', 'analysis', 'test', 'properties'].includes(file.kind);
}

/** Where a dependency is written: the call in SQL, or the entry in YAML. */
export function dependencyLocation(dependency: Dependency): FindingLocation {
  if (dependency.span) return { file: dependency.file, span: dependency.span };
  return { file: dependency.file, yamlPath: dependency.yamlPath ?? [], target: 'value' };
}

/**
 * Packages known to contain only macros and tests: they cannot provide a model or a source,
 * so a missing install does not excuse an unknown ref.
 */
const MACRO_ONLY_PACKAGES = new Set(['dbt_utils', 'dbt_expectations', 'dbt_date', 'codegen', 'audit_helper', 'dbt_project_evaluator_macros', 'spark_utils', 'dbt_external_tables', 'metrics', 'dbt_profiler', 'elementary_macros', 'dbt_artifacts_macros', 'tsql_utils', 'datavault4dbt', 'automate_dv']);

/**
 * Whether packages declared but not installed could supply the missing name.
 * With a package given, whether that package is declared and not installed.
 */
export function packagesMaySupply(project: DbtProject, packageName?: string): boolean {
  const missing = project.declaredPackages.filter((name) => !project.installedPackages.includes(name));
  if (packageName) return missing.includes(packageName);
  return missing.some((name) => !MACRO_ONLY_PACKAGES.has(name));
}

/** The ref() or source() calls written in the checked file that resolve to nothing, with their node and project. */
export function* unresolvedDependencies(ctx: FileRuleContext, kind: Dependency['kind']): Iterable<{ project: DbtProject; node: GraphNode; dependency: Dependency }> {
  const project = ctx.index.projectOf(ctx.file.path);
  if (!project) return;
  for (const node of ctx.index.nodesOfFile(ctx.file.path)) {
    for (const dependency of node.dependencies) {
      if (dependency.kind !== kind || dependency.target || dependency.dynamic || dependency.file !== ctx.file.path) continue;
      yield { project, node, dependency };
    }
  }
}
