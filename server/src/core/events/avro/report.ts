/** Reporting the Avro compatibility findings of one rule in the file of a rule context. */
import type { FileSummary } from '../../project/summary';
import type { FileRuleContext } from '../../rules/rule';
import { eventSchemaComparison } from '../compare';
import { avroComparisonFindings, type AvroRuleId } from './findings';

/** Whether a file is an Avro schema (`*.avsc`). */
export function isAvroSchemaFile(file: FileSummary): boolean {
  return file.kind === 'event-schema' && file.format === 'avro';
}

/** Reports the Avro incompatibilities of one rule in the file of `ctx` against its earlier versions, one finding each. */
export function reportAvroCompatibility(ctx: FileRuleContext, rule: AvroRuleId): void {
  const comparison = eventSchemaComparison(ctx, 'avro');
  if (!comparison) return;
  for (const finding of avroComparisonFindings(comparison)) {
    if (finding.rule === rule) ctx.report({ file: ctx.file.path, span: finding.span, message: finding.message });
  }
}
