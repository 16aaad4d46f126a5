import { defineRule, type FileRuleContext } from '../rule';
import { isSqlSummary } from '../../project/summary';
import { checkedModelOf } from '../../partition/incremental';
import { maskSql } from '../../partition/scan';
import { evaluatorModelType } from '../../standards/layers';

export default defineRule({
  id: 'performance/select-star-in-mart',
  severity: 'info',
  enabledByDefault: false,
  scope: 'file',
  description: 'A marts model\'s final `select *` reads a model or source directly (off by default).',
  docs: {
    why: [
      'A mart is what dashboards and consumers read: its columns are its contract. A final `select *` straight from a model or source makes that contract whatever upstream has today, so a column added upstream is published (and, on a columnar warehouse, read and stored) without anyone deciding it, and a renamed one breaks readers silently.',
      'Only the final `select` counts, and only when its `FROM` names a `ref()`, a `source()` or a table: the import-CTE pattern of dbt\'s style guide (`with source as (select * from {{ ref(\'stg_orders\') }})`) and the closing `select * from final` over a CTE that lists its columns are never flagged.',
      'The model type is dbt-project-evaluator\'s (a `fct_`/`dim_` prefix or a `marts` folder). This is a stricter convention, so the rule is off until `dplens.yml` gives it a severity.',
    ].join(' '),
    fix: 'List the columns the mart publishes in its final select (or in a `final` CTE it selects from).',
    references: ['https://docs.getdbt.com/best-practices/how-we-style/2-how-we-style-our-sql', 'https://docs.getdbt.com/best-practices/how-we-structure/4-marts'],
  },
  examples: {
    invalid: [
      `
      # @file dplens.yml
      adapter: bigquery
      rules:
        performance/select-star-in-mart: info
      -- @file models/marts/fct_orders.sql
      select * from {{ ref('stg_orders') }}  -- expect: performance/select-star-in-mart
      -- @file models/staging/stg_orders.sql
      select 1 as order_id, 10.5 as amount
      `,
    ],
    valid: [
      `
      # @file dplens.yml
      adapter: bigquery
      rules:
        performance/select-star-in-mart: info
      -- @file models/marts/fct_orders.sql
      with orders as (
        select * from {{ ref('stg_orders') }}
      ),
      final as (
        select order_id, amount from orders
      )
      select * from final
      -- @file models/staging/stg_orders.sql
      select 1 as order_id, 10.5 as amount
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: (file) => file.kind === 'model' && isSqlSummary(file),
  check(ctx: FileRuleContext) {
    const file = ctx.file;
    if (file.kind !== 'model' || !isSqlSummary(file) || !file.facts?.selectStar) return;
    const node = checkedModelOf(ctx.index, file);
    if (!node || evaluatorModelType(ctx.index, node) !== 'marts') return;
    const text = ctx.index.text(file.path);
    if (text === undefined) return;
    const star = file.facts.outputColumns.find((column) => column.kind === 'star');
    if (!star) return;
    const relation = directRead(text, star.span.end, file.facts.relations);
    if (!relation) return;
    ctx.report({
      file: file.path,
      span: star.span,
      message: `\`${node.name}\` is a mart whose final \`select ${star.expression}\` reads \`${relation}\` directly: its published columns are whatever upstream has today, so an added column is exposed (and stored) unasked and a renamed one breaks its readers silently. List the columns it publishes, in the final select or in a \`final\` CTE.`,
    });
  },
});

/**
 * The relation the final select's `FROM` names, when it is a `ref()`, a `source()` or a table rather than a CTE:
 * the first relation read after the star, when nothing but the `from` keyword (and other select items) stands
 * between them. CTE names are not relations, so a `select * from final` finds none.
 */
function directRead(text: string, after: number, relations: { text: string; span: { start: number; end: number }; clause: string }[]): string | undefined {
  const { masked } = maskSql(text);
  const from = /\bfrom\b/gi;
  from.lastIndex = after;
  let match: RegExpExecArray | null;
  let depth = 0;
  let at = -1;
  // The `from` of the final select is the first one at the select list's own depth.
  for (let i = after; i < masked.length; i++) {
    const char = masked[i];
    if (char === '(') depth++;
    else if (char === ')') {
      if (depth === 0) return undefined;
      depth--;
    } else if (depth === 0 && /f/i.test(char)) {
      from.lastIndex = i;
      match = from.exec(masked);
      if (match && match.index === i) {
        at = i + match[0].length;
        break;
      }
    }
  }
  if (at < 0) return undefined;
  const next = relations.filter((relation) => relation.clause === 'from' && relation.span.start >= at).sort((a, b) => a.span.start - b.span.start)[0];
  if (!next || masked.slice(at, next.span.start).trim() !== '') return undefined;
  const written = text.slice(next.span.start, next.span.end);
  return written.startsWith('{{') ? written.replace(/^\{\{-?\s*|\s*-?\}\}$/g, '') : written;
}
