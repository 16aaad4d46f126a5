import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'project/incomplete-artifact',
  severity: 'info',
  scope: 'project',
  description: "`target/manifest.json` or `target/catalog.json` is cut off or is not valid JSON, so only its complete entries are used.",
  docs: {
    why: [
      'dbt rewrites its artifacts on every run, and the editor can read one while dbt is still writing it. Column types, table sizes and partitioning from catalog.json feed hovers, inlay hints and the cost and partitioning rules; an entry after the point where the file stops is missing, so those facts are missing too.',
      'The file is read again as soon as it changes on disk, and this finding goes away when dbt has finished writing it.',
    ].join(' '),
    fix: 'Wait for the dbt run to finish. If the finding stays, the file is damaged: run `dbt docs generate` (catalog.json) or `dbt parse` (manifest.json) again.',
    references: ['https://docs.getdbt.com/reference/artifacts/dbt-artifacts'],
  },
  examples: {
    invalid: [
      `
      -- @file models/fct_orders.sql
      select 1 as order_id
      -- @file target/catalog.json
      {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/catalog/v1.json"},
       "nodes": {"model.fixture.fct_orders": {"unique_id": "model.fixture.fct_orders", "metadata": {"type": "ta  # expect: project/incomplete-artifact
      `,
      `
      -- @file models/fct_orders.sql
      select 1 as order_id
      -- @file target/manifest.json
      {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"}, "nodes": {  # expect: project/incomplete-artifact
      `,
    ],
    valid: [
      `
      -- @file models/fct_orders.sql
      select 1 as order_id
      -- @file target/catalog.json
      {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/catalog/v1.json"},
       "nodes": {"model.fixture.fct_orders": {"unique_id": "model.fixture.fct_orders", "metadata": {"type": "table", "schema": "s", "name": "fct_orders"}, "columns": {}, "stats": {}}},
       "sources": {}}
      -- @file target/manifest.json
      {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"}, "nodes": {}, "sources": {}}
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const status of ctx.index.artifactStatuses()) {
      // The reader's issue says what stopped it and where, that dbt may still be writing, and what to do.
      if (status.issue) ctx.report({ file: status.file, span: status.issue.span, message: status.issue.message });
    }
  },
});
