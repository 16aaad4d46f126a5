/**
 * What the incremental-model rules share: a model's materialization and incremental strategy as configured,
 * where a config key is written, the `is_incremental()` calls of a file, and whether an `is_incremental()`
 * block narrows what an incremental run reads.
 */
import type { IncrementalBlock } from '../jinja';
import { lexTemplate } from '../jinja/lexer';
import type { GraphNode, ProjectIndex } from '../project/index-types';
import type { FileSummary, SqlSummary } from '../project/summary';
import type { FindingLocation } from '../rules/rule';
import { firstLineSpan, type Span } from '../text';
import { macroDefinitions } from '../navigation/entities';
import { configCalls, configSetting } from './adapter-support';

/** The model node a SQL model file defines, when it is enabled and belongs to the project (not a package). */
export function checkedModelOf(index: ProjectIndex, file: FileSummary): GraphNode | undefined {
  const node = index.nodesOfFile(file.path).find((candidate) => candidate.resourceType === 'model');
  return node && node.enabled && !node.isPackage ? node : undefined;
}

/**
 * A config value as a lower-cased string; `undefined` when it is not set, and `null` when it is set to something
 * that cannot be read statically (`materialized=var('m')`), so callers can stay silent rather than guess.
 */
export function configString(node: GraphNode, key: string): string | null | undefined {
  const value = node.config[key];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value.trim().toLowerCase() : null;
}

/** True when a config key has a value (an expression counts: dbt evaluates it). */
export function hasConfig(node: GraphNode, key: string): boolean {
  const value = node.config[key];
  return value !== undefined && value !== null && value !== '';
}

/**
 * Where a model's config key is written in the model's own files: its `config()` call (the last one wins, as in
 * dbt), else `config:` in its properties YAML; undefined when it comes from dbt_project.yml or is not set.
 */
export function configKeyLocation(index: ProjectIndex, node: GraphNode, key: string): FindingLocation | undefined {
  const setting = configSetting(index, node, key);
  return setting && setting.origin !== 'project' ? setting.location : undefined;
}

/** The model's first `config()` call, else its first line: where a config set in dbt_project.yml is best pointed at. */
export function modelFallbackLocation(index: ProjectIndex, node: GraphNode): FindingLocation | undefined {
  if (!node.file) return undefined;
  const call = configCalls(index, node.file)[0];
  return { file: node.file, span: call ? call.span : firstLineSpan(index.text(node.file)) };
}

/**
 * Whether the model's query comes from a macro of the project that calls `is_incremental()` itself, as spellbook's
 * `{{ nft_mints(blockchain='ethereum', ...) }}` models do: the macro decides which rows an incremental run reads.
 * Calls inside `config()` only set configuration, and are not looked into.
 */
export function macroDecidesIncrementalRows(index: ProjectIndex, file: SqlSummary): boolean {
  const configs = file.jinja.configs;
  for (const call of file.jinja.macroCalls) {
    if (configs.some((config) => config.span.start <= call.span.start && call.span.end <= config.span.end)) continue;
    for (const definition of macroDefinitions(index, file.path, call.name)) {
      const body = index.text(definition.file)?.slice(definition.block.bodySpan.start, definition.block.bodySpan.end) ?? '';
      if (body.includes('is_incremental')) return true;
    }
  }
  return false;
}

/** The incremental blocks written in the model itself, not in a `{% macro %}` defined in the same file. */
export function modelIncrementalBlocks(file: SqlSummary): IncrementalBlock[] {
  const macros = file.jinja.blocks.filter((block) => block.kind !== 'snapshot');
  return file.jinja.incrementalBlocks.filter((block) => !macros.some((macro) => macro.span.start <= block.span.start && block.span.start < macro.span.end));
}

/** The span of each `is_incremental` name called in a Jinja expression or statement of the file, outside macro definitions. */
export function isIncrementalCalls(text: string, file: SqlSummary): Span[] {
  if (!text.includes('is_incremental')) return [];
  const macros = file.jinja.blocks.filter((block) => block.kind !== 'snapshot');
  const calls: Span[] = [];
  for (const segment of lexTemplate(text, [])) {
    if (segment.kind !== 'output' && segment.kind !== 'statement') continue;
    const inner = text.slice(segment.innerStart, segment.innerEnd);
    for (const match of inner.matchAll(/\bis_incremental\s*\(\s*\)/g)) {
      const start = segment.innerStart + match.index!;
      if (macros.some((macro) => macro.span.start <= start && start < macro.span.end)) continue;
      calls.push({ start, end: start + match[0].length });
    }
  }
  return calls;
}

/** The `{% if … %}` or `{% elif … %}` tag whose condition calls `is_incremental()`. */
export function incrementalTagSpan(text: string, block: IncrementalBlock): Span {
  const start = text.lastIndexOf('{%', Math.max(0, block.bodySpan.start - 1));
  return start < block.span.start || start < 0 ? { start: block.span.start, end: block.bodySpan.start } : { start, end: block.bodySpan.start };
}

/** The part of a block that runs only on incremental runs: the body, or for `{% if not is_incremental() %}` the `{% else %}`. */
export function incrementalPart(block: IncrementalBlock): Span | undefined {
  return block.negated ? block.elseSpan : block.bodySpan;
}

/** Keywords and operators that make SQL a predicate: a block holding one narrows the rows read. A block with its own `from` reads another relation or CTE on incremental runs (`{% if is_incremental() %} from latest {% else %} from everything {% endif %}`): it is taken for a filter too. */
const PREDICATE = /\b(?:where|and|or|not|qualify|having|on|join|from|between|in|like|exists|is)\b|[<>=]/i;
/** Text that ends where a predicate expects an operand: `where x > {% if is_incremental() %}…`. */
const OPERAND_EXPECTED = /(?:\b(?:where|and|or|not|on|having|qualify|between|in|like|is)|[<>=]|\bin\s*\()\s*$/i;

/**
 * Whether an `is_incremental()` block narrows what an incremental run reads: the part that runs on incremental runs
 * holds a predicate (`where`, `and …`, `qualify`, a comparison, `between`), reads the model's own table (the usual
 * `select max(…) from {{ this }}` watermark), sets a variable or calls a macro (which may write the filter), or is
 * itself the operand of a predicate written around it. A part holding only a column, a comment or nothing does not.
 */
export function blockRestricts(text: string, file: SqlSummary, block: IncrementalBlock): boolean {
  const part = incrementalPart(block);
  if (!part) return false;
  const inside = (span: Span) => part.start <= span.start && span.start < part.end;
  const jinja = file.jinja;
  if (jinja.macroCalls.some((call) => inside(call.span)) || jinja.setVariables.some((variable) => inside(variable.span))) return true;
  const facts = file.incrementalFacts;
  if (facts) {
    if (facts.columnsUsed.where.some((use) => inside(use.span)) || facts.columnsUsed.join.some((use) => inside(use.span))) return true;
    if (facts.relations.some((relation) => relation.from?.kind === 'this' && inside(relation.span))) return true;
  }
  const sql = (from: number, to: number) =>
    text
      .slice(from, to)
      .replace(/\{#[\s\S]*?#\}/g, ' ')
      .replace(/\{\{[\s\S]*?\}\}/g, ' x ')
      .replace(/\{%[\s\S]*?%\}/g, ' ')
      .replace(/--[^\n]*/g, ' ')
      .replace(/\/\*[\s\S]*?\*\//g, ' ')
      .replace(/'(?:[^']|'')*'/g, ' x ');
  if (PREDICATE.test(sql(part.start, part.end))) return true;
  // `where updated_at > {% if is_incremental() %}(select …){% else %}'1900-01-01'{% endif %}`: the block is an operand.
  return OPERAND_EXPECTED.test(sql(Math.max(0, block.span.start - 200), block.span.start));
}
