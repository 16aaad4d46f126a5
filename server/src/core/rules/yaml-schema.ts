/**
 * The schema findings of the checked file, shared by yaml/unknown-key and yaml/invalid-value, minus what
 * yaml/invalid-properties already reports: a finding at, above or below one of its paths is left to it.
 */
import type { YamlPath } from '../yaml';
import { dbtYamlKindOf, validateDbtYamlText, type YamlSchemaIssue } from '../yaml/validate';
import type { FileRuleContext } from './rule';

export function schemaIssues(ctx: FileRuleContext): YamlSchemaIssue[] {
  const kind = dbtYamlKindOf(ctx.file.path, ctx.file.kind);
  if (!kind) return [];
  if ('errors' in ctx.file && ctx.file.errors.length > 0) return [];
  const text = ctx.index.text(ctx.file.path);
  if (text === undefined) return [];
  const issues = validateDbtYamlText(kind, text);
  if (ctx.file.kind !== 'properties' || ctx.file.problems.length === 0) return issues;
  const taken = ctx.file.problems.map((problem) => problem.path);
  return issues.filter((issue) => !taken.some((path) => overlaps(path, issue.path)));
}

function overlaps(a: YamlPath, b: YamlPath): boolean {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}
