import { defineRule, type FileRuleContext } from '../rule';
import { isSqlSummary } from '../../project/summary';

export default defineRule({
  id: 'sql/unparseable',
  severity: 'info',
  scope: 'file',
  description: 'The SQL of a model could not be read completely, so checks that need its relations or columns were skipped for it.',
  docs: {
    why: 'Data Platform Lens reads each model\'s SQL with a tolerant pass that never fails, but some inputs (unbalanced parentheses, unterminated strings, SQL generated entirely by macros) leave it unsure which relations and columns a model reads or produces. Rather than guess, it says which checks were skipped, so a clean result is never mistaken for a verified one.',
    fix: 'Usually a real syntax error: fix it at the reported position. If the SQL is valid but unusual, suppress this finding with a reason and report the construct so the reader can learn it.',
  },
  examples: {
    invalid: [
      `
      -- @file models/orders.sql
      select (1 + 2 as id  -- expect: sql/unparseable
      from {{ ref('customers') }}
      -- @file models/customers.sql
      select 1 as id
      `,
    ],
    valid: [
      `
      -- @file models/orders.sql
      select (1 + 2) as id
      from {{ ref('customers') }}
      -- @file models/customers.sql
      select 1 as id
      `,
    ],
  },
  equivalents: ['sqlfluff:PRS'],
  fix: 'none',
  appliesTo: (file) => isSqlSummary(file) && file.kind !== 'macro',
  check(ctx: FileRuleContext) {
    if (!isSqlSummary(ctx.file) || !ctx.file.facts) return;
    // Broken Jinja is reported by jinja/syntax; saying it twice would only add noise.
    if (ctx.file.jinja.errors.length > 0) return;
    const facts = ctx.file.facts;
    // Valid SQL whose columns are only known at run time (`select *`, a Jinja loop) is not unparseable;
    // parse coverage reports it. This rule speaks only when the reader hit an error.
    if (facts.errors.length === 0) return;
    const first = facts.errors[0];
    const skipped: string[] = [];
    if (!facts.relationsComplete) skipped.push('checks of the relations it reads (hard-coded references, lineage)');
    if (!facts.columnsComplete) skipped.push('checks of its output columns (contracts, column lineage)');
    const reason = first.message.replace(/\.$/, '');
    ctx.report({
      file: ctx.file.path,
      span: first.span,
      message: `The SQL of \`${ctx.file.name}\` could not be read completely (${reason}): ${skipped.length > 0 ? skipped.join(' and ') : 'some SQL checks'} were skipped for this model; checks of its refs and sources still ran. Fix the SQL here if it is wrong.`,
    });
  },
});
