/**
 * The schema findings of the checked file (computed with its summary), shared by yaml/unknown-key and
 * yaml/invalid-value, minus what yaml/invalid-properties already reports: a finding at, above or below one of its paths is left to it.
 */
import type { YamlPath } from '../yaml';
import type { FileSummary } from '../project/summary';
import type { DbtYamlChecks, YamlSchemaIssue } from '../yaml/validate';
import type { FileRuleContext } from './rule';

export function schemaIssues(ctx: FileRuleContext): YamlSchemaIssue[] {
  const issues = yamlChecksOf(ctx.file)?.schema ?? [];
  if (ctx.file.kind !== 'properties' || ctx.file.problems.length === 0) return issues;
  const taken = ctx.file.problems.map((problem) => problem.path);
  return issues.filter((issue) => !taken.some((path) => overlaps(path, issue.path)));
}

/** The schema issues and deprecated keys the file's summary holds (dbt's YAML files without syntax errors). */
export function yamlChecksOf(file: FileSummary): DbtYamlChecks | undefined {
  return 'yamlChecks' in file ? file.yamlChecks : undefined;
}

function overlaps(a: YamlPath, b: YamlPath): boolean {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}
