/**
 * Reporting a data contract's problems: each `datacontract/*` rule reports the problems of its own id that the
 * file's summary holds (core/datacontract/summary.ts), so no rule loads or validates the file again.
 */
import type { FileRuleContext } from '../rules/rule';
import type { FileSummary } from '../project/summary';

export function isDataContractFile(file: FileSummary): boolean {
  return file.kind === 'data-contract';
}

export function reportContractProblems(ctx: FileRuleContext, rule: string): void {
  if (ctx.file.kind !== 'data-contract') return;
  for (const problem of ctx.file.problems) {
    if (problem.rule !== rule) continue;
    const severity = problem.severity ? { severity: problem.severity } : {};
    if (problem.span) ctx.report({ file: ctx.file.path, span: problem.span, message: problem.message, ...severity });
    else ctx.report({ file: ctx.file.path, yamlPath: problem.path, target: problem.target, message: problem.message, ...severity });
  }
}
