/**
 * Hover content as Markdown: what a `ref()` or `source()` points at (description, materialization, columns,
 * tags, owner, neighbours), a macro's signature, a rule's summary inside a suppression directive, and a column's
 * lineage one hop up (column-hover.ts), when a dag-factory schedule fires (schedule-hover.ts), and an Avro field's
 * compatibility with the git base (events-hover.ts).
 */
import { ruleDocsUrl } from '../findings';
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { ruleById } from '../rules/registry';
import { columnsTable, macroDefinitions, modelSpecOf, sourceSpecOf } from './entities';
import { targetAt } from './cursor';
import { columnHoverAt } from './column-hover';
import { scheduleHoverAt } from './schedule-hover';
import { eventSchemaHoverAt } from './events-hover';
import type { BaseState } from '../contract/base';
import type { ColumnTracer } from '../lineage';
import type { HoverContent } from './types';
import { modelRunsPerDay, type ModelRunsPerDay } from '../pipelines/runs-per-day';

export interface HoverOptions {
  /** The loaded column tracer; without it a column in model SQL shows its documentation but not its lineage. */
  tracer?: ColumnTracer;
  /** The instant a schedule's next fire times count from; the shell passes the clock, tests a fixed date. */
  now?: Date;
  /**
   * How long a column hover may trace models not traced before; past it the hover says the lineage is not ready
   * and names the model to finish (`lineagePending`). Without it, every model the lineage needs is traced.
   */
  traceBudgetMs?: number;
  /** The workspace at the git base; with it, a field of an Avro schema shows whether its change keeps the file's compatibility mode. */
  base?: BaseState;
}

export function hoverAt(index: ProjectIndex, file: string, offset: number, options: HoverOptions = {}): HoverContent | undefined {
  if (index.fileKind(file) === 'pipeline') {
    const schedule = scheduleHoverAt(index, file, offset, options.now ?? new Date());
    if (schedule) return schedule;
  }
  if (index.fileKind(file) === 'event-schema') return eventSchemaHoverAt(index, file, offset, options.base);
  const target = targetAt(index, file, offset);
  // Anywhere else in a model's SQL, the cursor may be on a column.
  if (!target) return columnHoverAt(index, file, offset, options.tracer, options.traceBudgetMs);
  let markdown: string | undefined;
  switch (target.kind) {
    case 'ref':
    case 'yaml-resource': {
      const node = target.nodeId ? index.node(target.nodeId) : undefined;
      markdown = node ? resourceHover(index, node) : `\`${target.name}\` matches no enabled model, seed or snapshot.`;
      break;
    }
    case 'source':
    case 'yaml-source-table': {
      const node = target.nodeId ? index.node(target.nodeId) : undefined;
      markdown = node ? sourceHover(index, node) : `Source table \`${target.source}.${target.table}\` is not declared.`;
      break;
    }
    case 'macro':
      markdown = macroHover(index, file, target.name);
      break;
    case 'rule':
      markdown = ruleHover(target.ruleId);
      break;
  }
  return markdown ? { markdown, span: target.span } : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function relationText(index: ProjectIndex, node: GraphNode): string | undefined {
  const relation = index.relationOf(node.uniqueId);
  if (!relation) return undefined;
  return [relation.database, relation.schema, relation.identifier].filter((part) => part !== undefined).join('.');
}

export function resourceHover(index: ProjectIndex, node: GraphNode): string {
  const spec = modelSpecOf(index, node);
  const lines = [`**${node.resourceType}** \`${node.name}\`${node.isPackage ? ` (package \`${node.packageName}\`)` : ''}`, ''];
  const description = text(spec?.description);
  if (description) lines.push(description, '');
  const facts: string[] = [];
  const materialized = text(node.config.materialized) ?? (node.resourceType === 'model' ? 'view' : undefined);
  if (materialized) facts.push(`Materialized as **${materialized}**`);
  const relation = relationText(index, node);
  if (relation) facts.push(`Relation \`${relation}\``);
  const tags = [...new Set([...list(node.config.tags), ...list(spec?.tags)])];
  if (tags.length > 0) facts.push(`Tags: ${tags.map((tag) => `\`${tag}\``).join(', ')}`);
  const meta = (node.config.meta ?? spec?.meta ?? {}) as Record<string, unknown>;
  const owner = text(meta.owner) ?? text((spec?.meta ?? {}).owner);
  if (owner) facts.push(`Owner: ${owner}`);
  facts.push(`Upstream: ${index.parents(node.uniqueId).length} · Downstream: ${index.children(node.uniqueId).length}`);
  const runs = modelRunsPerDay(index).get(node.uniqueId);
  if (runs) facts.push(runsPerDayFact(runs));
  if (node.file) facts.push(`Defined in \`${node.file}\``);
  lines.push(facts.map((fact) => `- ${fact}`).join('\n'), '');
  lines.push(...columnsTable(spec?.columns ?? []));
  return lines.join('\n').trim();
}

/** How often the pipelines build a node, from the tasks that select it. */
function runsPerDayFact(runs: ModelRunsPerDay): string {
  const tasks = runs.scheduledBy.map((task) => `\`${task.dag}.${task.task}\``).join(', ');
  if (runs.runsPerDay === null) return `Built by ${tasks} (no fixed schedule)`;
  const count = Number.isInteger(runs.runsPerDay) ? String(runs.runsPerDay) : runs.runsPerDay.toPrecision(3);
  return `Runs ${count} time${runs.runsPerDay === 1 ? '' : 's'} a day: ${tasks}`;
}

export function sourceHover(index: ProjectIndex, node: GraphNode): string {
  const specs = sourceSpecOf(index, node);
  const lines = [`**source** \`${node.sourceName}.${node.tableName}\``, ''];
  const description = text(specs?.table.description) ?? text(specs?.source.description);
  if (description) lines.push(description, '');
  const facts: string[] = [];
  const relation = relationText(index, node);
  if (relation) facts.push(`Relation \`${relation}\``);
  const freshness = specs ? (specs.table.freshness !== undefined ? specs.table.freshness : specs.source.freshness) : undefined;
  facts.push(freshness ? `Freshness: ${freshnessText(freshness as Record<string, unknown>)}` : 'Freshness: not checked');
  const loadedAt = specs?.table.loadedAtField ?? specs?.source.loadedAtField;
  if (loadedAt) facts.push(`Loaded at: \`${loadedAt}\``);
  facts.push(`Downstream: ${index.children(node.uniqueId).length}`);
  lines.push(facts.map((fact) => `- ${fact}`).join('\n'), '');
  lines.push(...columnsTable(specs?.table.columns ?? []));
  return lines.join('\n').trim();
}

function freshnessText(freshness: Record<string, unknown>): string {
  const part = (key: string) => {
    const value = freshness[key] as { count?: unknown; period?: unknown } | undefined;
    return value && value.count !== undefined ? `${key.replace('_after', '')} after ${value.count} ${value.period ?? ''}`.trim() : undefined;
  };
  const parts = [part('warn_after'), part('error_after')].filter((item): item is string => item !== undefined);
  return parts.length > 0 ? parts.join(', ') : 'configured';
}

function macroHover(index: ProjectIndex, file: string, name: string): string | undefined {
  const definition = macroDefinitions(index, file, name)[0];
  if (!definition) return undefined;
  const lines = ['```jinja', `{% macro ${definition.block.name}(${definition.block.params.join(', ')}) %}`, '```'];
  // A macro's description lives in a properties file of the same project, under `macros:`.
  for (const summary of index.files()) {
    if (summary.kind !== 'properties' || index.projectOf(summary.path)?.name !== definition.packageName) continue;
    const spec = summary.properties.macros.find((macro) => macro.name === definition.block.name);
    if (spec?.description) lines.push('', spec.description.trim());
  }
  lines.push('', `Defined in \`${definition.file}\` (${definition.packageName})`);
  return lines.join('\n');
}

/** A short summary of a rule rather than its whole page: hover cards are small; the link leads to the rest. */
export function ruleHover(ruleId: string): string {
  const rule = ruleById(ruleId);
  if (!rule) return `\`${ruleId}\` is not a Data Platform Lens rule; \`dplens rules\` lists them.`;
  const lines = [`**${rule.id}** · ${rule.severity} · ${rule.scope} scope`, '', rule.description, '', rule.docs.why.trim()];
  if (rule.docs.fix) lines.push('', `**Instead:** ${rule.docs.fix.trim()}`);
  lines.push('', `[Rule documentation](${ruleDocsUrl(rule.id)})`);
  return lines.join('\n');
}
