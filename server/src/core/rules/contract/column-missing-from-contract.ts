import type { Fix } from '../../findings';
import { addColumnEntriesEdit } from '../../contract/column-entries';
import { columnKey, enforcedContracts, type EnforcedContract } from '../../contract/enforced';
import { producedColumns, type ProducedColumn } from '../../contract/output-columns';
import { displayName, nameList, resourceLocation } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'contract/column-missing-from-contract',
  severity: 'error',
  scope: 'project',
  description: 'The SQL of a model with an enforced contract produces a column that the contract does not declare.',
  docs: {
    why: [
      'With `contract: {enforced: true}`, dbt compares the columns the model\'s query returns with the columns its contract declares before it builds the model, and fails the build ("This model has an enforced contract that failed to match") when the query returns one the contract lacks, so the model and everything downstream is not built.',
      'Names are compared without case, as BigQuery and Snowflake treat unquoted names.',
      'The rule reads the final `select`, expanding `select *` from CTEs, subqueries and parents whose columns are certain (catalog.json, their own SQL, or their enforced contract); when a column cannot be named for certain (a macro, a Jinja loop or condition in the select list, a star over something unknown, an expression without an alias) it says nothing rather than guess.',
    ].join(' '),
    fix: 'Declare the column in the contract with its `data_type` (the quick fix adds the entry, with the type when the SQL casts it), or stop selecting it.',
    references: ['https://docs.getdbt.com/reference/resource-configs/contract', 'https://docs.getdbt.com/docs/collaborate/govern/model-contracts'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select
        1 as order_id,
        cast(10.5 as numeric) as amount,
        'EUR' as currency  -- expect: contract/column-missing-from-contract
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: int64
            - name: amount
              data_type: numeric
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select
        1 as order_id,
        cast(10.5 as numeric) as amount,
        'EUR' as currency
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: int64
            - name: amount
              data_type: numeric
            - name: currency
              data_type: string
      `,
    ],
  },
  equivalents: ['dbt-core:contract enforcement at build'],
  fix: 'unsafe',
  check(ctx: ProjectRuleContext) {
    for (const contract of enforcedContracts(ctx.index)) {
      const { node } = contract.resource;
      const produced = producedColumns(ctx.index, node);
      if (!produced.known) continue;
      const declared = new Set(contract.columns.map((column) => columnKey(column.name)));
      // Columns that one star expands to are one finding at the star; each other column is its own finding.
      const bySpan = new Map<string, ProducedColumn[]>();
      const seen = new Set<string>();
      for (const column of produced.columns) {
        const key = columnKey(column.name);
        if (declared.has(key) || seen.has(key)) continue;
        seen.add(key);
        const at = `${column.span.start}:${column.span.end}`;
        const group = bySpan.get(at);
        if (group) group.push(column);
        else bySpan.set(at, [column]);
      }
      for (const missing of bySpan.values()) {
        const span = missing[0].span;
        const location = span.end > span.start ? { file: produced.file, span } : resourceLocation(ctx.index, node);
        if (!location) continue;
        const names = missing.map((column) => column.name);
        const what = names.length === 1 ? `column \`${names[0]}\`, which its enforced contract does not declare` : `columns ${nameList(names, 10)}, which its enforced contract does not declare`;
        const star = missing[0].fromStar ? ` (from \`${ctx.index.text(produced.file)?.slice(span.start, span.end) ?? '*'}\`)` : '';
        ctx.report({
          ...location,
          message: `${displayName(node)} produces ${what}${star}: dbt fails the build of a model whose query does not match its contract. Add ${names.length === 1 ? 'it' : 'them'} to the model's \`columns:\` in \`${contract.propertiesFile}\` with a \`data_type\`, or stop selecting ${names.length === 1 ? 'it' : 'them'}.`,
          fixes: addEntriesFix(ctx, contract, missing),
        });
      }
    }
  },
});

function addEntriesFix(ctx: ProjectRuleContext, contract: EnforcedContract, missing: ProducedColumn[]): Fix[] | undefined {
  const text = ctx.index.text(contract.propertiesFile);
  if (text === undefined) return undefined;
  const entries = missing.map((column) => ({ name: column.name, dataType: column.dataType }));
  const edit = addColumnEntriesEdit(contract.propertiesFile, text, contract.resource.spec, contract.resource.version, entries);
  if (!edit) return undefined;
  const title = entries.length === 1 ? `Add column \`${entries[0].name}\` to the contract` : `Add ${entries.length} columns to the contract`;
  return [{ title, kind: 'unsafe', edits: [{ file: edit.file, range: ctx.locate(edit.file, edit.span), newText: edit.newText }] }];
}
