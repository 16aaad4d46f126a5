import { isSqlSummary } from '../../project/summary';
import { firstLineSpan, outputColumnName, isModelFile, isSnakeCase, modelNodeOfSpec, modelsOfFile, toSnakeCase } from '../../standards/naming';
import { defineRule, type FileRuleContext } from '../rule';

/** `ORDER_ID` unquoted is `order_id` to every warehouse: SQL written in upper case is snake_case too. */
function isUpperSnakeCase(name: string): boolean {
  return /^[A-Z_][A-Z0-9_]*$/.test(name);
}

export default defineRule({
  id: 'naming/snake-case',
  severity: 'warning',
  scope: 'file',
  description: 'A model or column name is not snake_case (lowercase letters, digits and underscores).',
  docs: {
    why: [
      "dbt's style guide names models and columns in snake_case.",
      'Mixed case and spaces force quoting: warehouses fold unquoted names to one case (Snowflake to upper, Postgres to lower), so `OrderId` must be written `"OrderId"` everywhere it is read, and a query that forgets the quotes fails or reads another column.',
      'Output columns are checked where the SQL names them (the alias), and columns where a properties file lists them.',
      'An unquoted name in upper case (`ORDER_ID`) is accepted: the warehouse folds it like its lowercase form.',
    ].join(' '),
    fix: 'Rename the model or alias the column in snake_case (`OrderId` → `order_id`), and update what reads it.',
    references: ['https://docs.getdbt.com/best-practices/how-we-style/1-how-we-style-our-dbt-models'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as OrderId  -- expect: naming/snake-case
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          columns:
            - name: order_id
      `,
    ],
  },
  equivalents: ['sqlfluff:capitalisation.identifiers', 'sqlfluff:references.special_chars', 'dbt-checkpoint:check-model-name-contract'],
  options: {
    models: { type: 'boolean', default: true, description: 'Check model names.' },
    columns: { type: 'boolean', default: true, description: 'Check column names: SQL output columns and columns listed in properties files.' },
  },
  fix: 'none',
  appliesTo: (file) => isModelFile(file) || file.kind === 'properties',
  check(ctx: FileRuleContext) {
    const file = ctx.file;
    if (file.kind === 'properties') {
      if (ctx.options.columns === false) return;
      const project = ctx.index.projectOf(file.path);
      if (!project || project.isPackage) return;
      for (const model of file.properties.models) {
        // Entries for models that do not exist belong to other rules; their columns are not this rule's concern.
        if (!modelNodeOfSpec(ctx.index, project, model, file.path)) continue;
        const columns = [...model.columns, ...model.versions.flatMap((version) => version.columns)];
        for (const column of columns) {
          if (isSnakeCase(column.name) || (column.quote !== true && isUpperSnakeCase(column.name))) continue;
          ctx.report({
            file: file.path,
            yamlPath: [...column.path, 'name'],
            target: 'value',
            message: `Column \`${column.name}\` of \`${model.name}\` is not snake_case: warehouses fold unquoted names to one case, so every query must quote it exactly. Name the column \`${toSnakeCase(column.name)}\` in the model's SQL and here.`,
          });
        }
      }
      return;
    }
    const nodes = modelsOfFile(ctx.index, file.path);
    if (nodes.length === 0) return;
    if (ctx.options.models !== false) {
      for (const node of nodes) {
        if (isSnakeCase(node.name)) continue;
        ctx.report({
          file: file.path,
          span: firstLineSpan(ctx.index.text(file.path)),
          message: `Model name \`${node.name}\` is not snake_case: the relation dbt builds must be quoted exactly wherever it is queried, and names stop sorting and reading alike. Rename the file to \`${toSnakeCase(node.name)}\`, with its properties entry and refs.`,
        });
      }
    }
    if (ctx.options.columns === false || !isSqlSummary(file) || !file.facts) return;
    const text = ctx.index.text(file.path);
    const seen = new Set<number>();
    for (const column of file.facts.outputColumns) {
      if (column.kind === 'star' || column.span.end <= column.span.start || seen.has(column.span.start)) continue;
      seen.add(column.span.start);
      const identifier = outputColumnName(column, text);
      if (!identifier || isSnakeCase(identifier.name) || (!identifier.quoted && isUpperSnakeCase(identifier.name))) continue;
      ctx.report({
        file: file.path,
        span: column.span,
        message: `Output column \`${identifier.name}\` is not snake_case: warehouses fold unquoted names to one case, so every query downstream must quote it exactly. Alias it as \`${toSnakeCase(identifier.name)}\`.`,
      });
    }
  },
});
