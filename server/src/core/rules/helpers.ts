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

/**
 * The ref() or source() calls written in the checked file that resolve to nothing, with their node and project.
 * A file several projects share is resolved in each of them: a call is yielded once, for the first project where it
 * fails, since one fix serves them all. The calls of disabled nodes are not yielded: dbt never resolves them.
 */
export function* unresolvedDependencies(ctx: FileRuleContext, kind: Dependency['kind']): Iterable<{ project: DbtProject; node: GraphNode; dependency: Dependency }> {
  const seen = new Set<string>();
  for (const first of ctx.index.nodesOfFile(ctx.file.path)) {
    const copies = (first.sharedWith ?? []).map((id) => ctx.index.node(id)).filter((node): node is GraphNode => node !== undefined);
    for (const node of [first, ...copies]) {
      const project = ctx.index.projects.get(node.projectId);
      // dbt neither compiles a disabled node nor resolves its calls, so they cannot fail a run.
      if (!project || !node.enabled) continue;
      for (const dependency of node.dependencies) {
        if (dependency.kind !== kind || dependency.target || dependency.dynamic || dependency.file !== ctx.file.path) continue;
        const key = `${first.uniqueId} ${dependency.name} ${dependency.span?.start ?? dependency.yamlPath?.join('.')} ${dependency.viaMacro ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        yield { project, node, dependency };
      }
    }
  }
}
