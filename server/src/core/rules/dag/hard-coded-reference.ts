import { defineRule, type FileRuleContext } from '../rule';
import type { Fix } from '../../findings';
import type { DbtProject, ProjectIndex } from '../../project/index-types';
import type { RelationFact } from '../../project/summary';
import type { Span } from '../../text';
import { isExcepted } from '../../standards/exceptions';
import { resourceName } from '../../standards/dag';

export default defineRule({
  id: 'dag/hard-coded-reference',
  severity: 'warning',
  scope: 'file',
  description: 'A model reads a table by its relation name in `FROM` or `JOIN` instead of through `ref()` or `source()`.',
  docs: {
    why: 'dbt learns a model\'s lineage only from `ref()` and `source()`. A relation written literally (`analytics.stg_orders`, `raw.shop.orders`) is invisible to it: the model may run before the table it reads is rebuilt, cycles go undetected, and in development it reads production data instead of your own schema. Comments, CTE names and `is distinct from` are not references.',
    fix: 'Read models with `{{ ref(\'model\') }}` and raw tables with `{{ source(\'source\', \'table\') }}`, declaring the source if it does not exist yet. When the name matches a model or a declared source, the quick fix writes the call.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#hard-coded-references', 'https://docs.getdbt.com/reference/dbt-jinja-functions/ref'],
  },
  examples: {
    invalid: [
      `
      # @file models/staging/_sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
      -- @file models/staging/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/marts/fct_orders.sql
      select o.*
      from {{ ref('stg_shop__orders') }} as o
      join shop.orders as raw_orders  -- expect: dag/hard-coded-reference
        on raw_orders.order_id = o.order_id
      where o.status is distinct from raw_orders.status
      `,
    ],
    valid: [
      `
      # @file models/staging/_sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
      -- @file models/staging/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/marts/fct_orders.sql
      -- Once read from shop.orders directly; now through the staging model.
      with orders as (select * from {{ ref('stg_shop__orders') }})
      select * from orders
      where status is distinct from 'cancelled'
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_hard_coded_references', 'dbt-checkpoint:check-script-has-no-table-name'],
  fix: 'unsafe',
  appliesTo: (file) => file.kind === 'model',
  check(ctx: FileRuleContext) {
    const file = ctx.file;
    if (file.kind !== 'model' || file.language !== 'sql') return;
    const node = ctx.index.nodesOfFile(file.path).find((candidate) => candidate.resourceType === 'model');
    if (!node || !node.enabled || node.isPackage) return;
    const project = ctx.index.projectOf(file.path);
    const text = ctx.index.text(file.path) ?? '';
    const relations = [...(file.facts?.relations ?? []), ...(file.incrementalFacts?.relations ?? [])];
    // Aliases are only needed for a multi-part literal, which most models do not have: read them lazily.
    let aliases: Set<string> | undefined;
    let cteNames: Set<string> | undefined;
    const seen = new Set<number>();
    for (const relation of relations) {
      if (relation.from || (relation.clause !== 'from' && relation.clause !== 'join') || seen.has(relation.span.start)) continue;
      seen.add(relation.span.start);
      const written = text.slice(relation.span.start, relation.span.end);
      // A name assembled by Jinja (a variable, a macro) is not a literal the engineer wrote.
      if (written.includes('{{') || written.includes('{%') || relation.parts.length === 0) continue;
      // `join orders.line_items` after `from … as orders` unnests a column of another relation (BigQuery, Snowflake, Postgres).
      if (relation.parts.length >= 2 && (aliases ??= aliasesOf(text, relations)).has(relation.parts[0].toLowerCase())) continue;
      // A CTE whose `with` a macro writes (`{{ simple_cte([('orders', …)]) }}, joined as (…)`) is not seen as one
      // by the parser: names defined as `name as (` in the text, or passed as strings to a macro, are taken for CTEs.
      if (relation.parts.length === 1 && (cteNames ??= cteNamesOf(text, file.jinja.macroCalls)).has(relation.parts[0].toLowerCase())) continue;
      if (isExcepted(ctx.index, project, 'fct_hard_coded_references', { model: resourceName(node), hard_coded_references: written })) continue;
      const replacement = project ? matchingCall(ctx.index, project, relation, node.uniqueId) : undefined;
      const fixes: Fix[] | undefined = replacement
        ? [{ title: `Replace with ${replacement}`, kind: 'unsafe', edits: [{ file: file.path, range: ctx.locate(file.path, relation.span), newText: replacement }] }]
        : undefined;
      const todo = replacement ? `Write \`${replacement}\` instead.` : 'Use `{{ ref() }}` for a model, or declare the table as a source and use `{{ source() }}`.';
      ctx.report({
        file: file.path,
        span: relation.span,
        fixes,
        message: `\`${node.name}\` reads \`${written}\` by its relation name: dbt cannot see this dependency, so it may build \`${node.name}\` before that table and, in development, read another environment's data. ${todo}`,
      });
    }
  },
});

/** The names relations and CTEs are given in the query (`from x as o`, `join {{ ref('y') }} c`), lower-cased. */
function aliasesOf(text: string, relations: RelationFact[]): Set<string> {
  const aliases = new Set<string>();
  for (const relation of relations) {
    const alias = /^\s+(?:as\s+)?([A-Za-z_][\w$]*)/i.exec(text.slice(relation.span.end, relation.span.end + 80));
    if (alias) aliases.add(alias[1].toLowerCase());
    aliases.add(relation.parts[relation.parts.length - 1]?.toLowerCase() ?? '');
  }
  // CTEs are not relations read, so their aliases come from the text: `from orders as o`, `join items i`.
  for (const match of text.matchAll(/\b(?:from|join)\s+([A-Za-z_][\w$]*)(?![\w$.])(?:\s+(?:as\s+)?([A-Za-z_][\w$]*))?/gi)) {
    aliases.add(match[1].toLowerCase());
    if (match[2]) aliases.add(match[2].toLowerCase());
  }
  return aliases;
}

/**
 * The names the text may define as CTEs, lower-cased: those written `name as (`, and the strings passed to macro
 * calls (a macro such as `simple_cte` writes the `with` itself from them).
 */
function cteNamesOf(text: string, macroCalls: readonly { span: Span }[]): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?:^|[\s,])([A-Za-z_][\w$]*)\s+as\s*\(/gi)) names.add(match[1].toLowerCase());
  for (const call of macroCalls) {
    for (const match of text.slice(call.span.start, call.span.end).matchAll(/['"]([A-Za-z_][\w$]*)['"]/g)) names.add(match[1].toLowerCase());
  }
  return names;
}

/** The `ref()` or `source()` call for the relation a literal name denotes, when exactly one model or source table matches it. */
function matchingCall(index: ProjectIndex, project: DbtProject, relation: RelationFact, self: string): string | undefined {
  const parts = relation.parts.map((part) => part.toLowerCase());
  const identifier = parts[parts.length - 1];
  const schema = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  const database = parts.length >= 3 ? parts[parts.length - 3] : undefined;
  const sources: string[] = [];
  const models: string[] = [];
  for (const node of index.nodes()) {
    if (!node.enabled || node.uniqueId === self || node.projectId !== project.id) continue;
    if (node.resourceType !== 'source' && node.resourceType !== 'model' && node.resourceType !== 'seed' && node.resourceType !== 'snapshot') continue;
    const target = index.relationOf(node.uniqueId);
    if (!target || target.identifier.toLowerCase() !== identifier) continue;
    // A part that is written must agree; one that dbt decides at run time (no configured schema) cannot be checked.
    if (schema !== undefined && target.schema !== undefined && target.schema.toLowerCase() !== schema) continue;
    if (database !== undefined && target.database !== undefined && target.database.toLowerCase() !== database) continue;
    if (node.resourceType === 'source') sources.push(`{{ source('${node.sourceName}', '${node.tableName}') }}`);
    else models.push(node.version !== undefined ? `{{ ref('${node.name}', v=${typeof node.version === 'number' ? node.version : `'${node.version}'`}) }}` : `{{ ref('${node.name}') }}`);
  }
  // A schema that names a source's schema points at raw data; otherwise a model's name is the better guess.
  if (sources.length === 1 && (schema !== undefined || models.length === 0)) return sources[0];
  if (models.length === 1 && sources.length === 0) return models[0];
  return undefined;
}
