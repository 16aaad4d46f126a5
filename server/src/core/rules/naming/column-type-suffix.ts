import type { GraphNode, ProjectIndex } from '../../project/index-types';
import { isSqlSummary } from '../../project/summary';
import { outputColumnName, isModelFile, modelNodeOfSpec, modelSpecOf, modelsOfFile, columnsOfSpec } from '../../standards/naming';
import { defineRule, type FileRuleContext, type RuleOptionValues } from '../rule';

type TypeFamily = 'boolean' | 'timestamp' | 'date';

/** The family of a warehouse or contract type that has a naming convention, if it has one. */
function familyOf(dataType: string): TypeFamily | undefined {
  const type = dataType.trim().toLowerCase();
  if (/^(bool|boolean)$/.test(type)) return 'boolean';
  if (/^date$/.test(type)) return 'date';
  if (/^(timestamp|timestamptz|datetime|datetime2|datetimeoffset|smalldatetime)\b/.test(type) || /^timestamp_(ntz|ltz|tz)\b/.test(type)) return 'timestamp';
  return undefined;
}

interface Convention {
  prefixes: string[];
  suffixes: string[];
}

function conventionOf(family: TypeFamily, options: RuleOptionValues): Convention {
  if (family === 'boolean') return { prefixes: options.booleanPrefixes as string[], suffixes: [] };
  if (family === 'timestamp') return { prefixes: [], suffixes: options.timestampSuffixes as string[] };
  return { prefixes: [], suffixes: options.dateSuffixes as string[] };
}

/** What is wrong with a column's name for its type, or undefined when it follows the convention. */
function problemOf(name: string, dataType: string, options: RuleOptionValues): string | undefined {
  const family = familyOf(dataType);
  if (!family) return undefined;
  const convention = conventionOf(family, options);
  const lower = name.toLowerCase();
  if (convention.prefixes.length === 0 && convention.suffixes.length === 0) return undefined;
  if (convention.prefixes.some((prefix) => lower.startsWith(prefix.toLowerCase()))) return undefined;
  if (convention.suffixes.some((suffix) => lower.endsWith(suffix.toLowerCase()))) return undefined;
  const stem = lower.replace(family === 'date' ? /_(day|dt|on|date)$/ : /_(ts|time|timestamp|datetime|dttm|at)$/, '');
  const expected =
    convention.prefixes.length > 0
      ? `start with ${convention.prefixes.map((prefix) => `\`${prefix}\``).join(' or ')} (\`${convention.prefixes[0]}${lower.replace(/^(is|has)_/, '')}\`)`
      : `end with ${convention.suffixes.map((suffix) => `\`${suffix}\``).join(' or ')} (\`${stem}${convention.suffixes[0]}\`)`;
  const label = family === 'boolean' ? 'a boolean' : family === 'timestamp' ? 'a timestamp' : 'a date';
  return `is ${label} (\`${dataType.trim()}\`), and ${label.slice(2)} column names should ${expected}`;
}

/** The catalog's type of a model's column, matched without regard to case as warehouses report it. */
function catalogType(index: ProjectIndex, node: GraphNode, column: string): string | undefined {
  const entry = index.catalogEntry(node.uniqueId);
  const lower = column.toLowerCase();
  return entry?.columns.find((candidate) => candidate.name.toLowerCase() === lower)?.type;
}

const WHY = 'the name is all a reader of the warehouse sees, and the convention tells them how to filter on it without looking up its type';

export default defineRule({
  id: 'naming/column-type-suffix',
  severity: 'warning',
  scope: 'file',
  description: 'A boolean, timestamp or date column is not named after its type (`is_`/`has_`, `_at`, `_date`).',
  docs: {
    why: [
      "dbt's style guide names booleans `is_`/`has_` something, timestamps `<event>_at` and dates `<event>_date`, so a reader knows the type of `is_active`, `shipped_at` or `order_date` from its name alone, and `shipped` is never a boolean on one model and a timestamp on the next.",
      'The type is read from the column\'s `data_type` in a properties file (a contract\'s types included), else from `target/catalog.json` when dbt has built the model; columns of unknown type are not checked.',
      'A column listed in a properties file is flagged there; a column known only from the catalog is flagged at its alias in the SQL.',
    ].join(' '),
    fix: 'Rename the column after its type (`active` → `is_active`, `shipped` → `shipped_at`), in the SQL and in its properties.',
    references: ['https://docs.getdbt.com/best-practices/how-we-style/1-how-we-style-our-dbt-models'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/dim_customers.sql
      select 1 as customer_id, true as active
      # @file models/marts/_marts.yml
      models:
        - name: dim_customers
          columns:
            - name: customer_id
              data_type: int64
            - name: active  # expect: naming/column-type-suffix
              data_type: boolean
      `,
    ],
    valid: [
      `
      -- @file models/marts/dim_customers.sql
      select 1 as customer_id, true as is_active, current_timestamp() as created_at
      # @file models/marts/_marts.yml
      models:
        - name: dim_customers
          columns:
            - name: customer_id
              data_type: int64
            - name: is_active
              data_type: boolean
            - name: created_at
              data_type: timestamp
      `,
    ],
  },
  equivalents: ['dbt-bouncer:check_column_name_complies_to_column_type'],
  options: {
    booleanPrefixes: { type: 'string[]', default: ['is_', 'has_'], description: 'Prefixes a boolean column name may start with.' },
    timestampSuffixes: { type: 'string[]', default: ['_at'], description: 'Suffixes a timestamp or datetime column name may end with.' },
    dateSuffixes: { type: 'string[]', default: ['_date'], description: 'Suffixes a date column name may end with.' },
  },
  fix: 'none',
  appliesTo: (file) => isModelFile(file) || file.kind === 'properties',
  check(ctx: FileRuleContext) {
    const file = ctx.file;
    if (file.kind === 'properties') {
      const project = ctx.index.projectOf(file.path);
      if (!project || project.isPackage) return;
      for (const model of file.properties.models) {
        const node = modelNodeOfSpec(ctx.index, project, model, file.path);
        if (!node) continue;
        for (const column of columnsOfSpec(model)) {
          const dataType = column.dataType ?? catalogType(ctx.index, node, column.name);
          const problem = dataType && problemOf(column.name, dataType, ctx.options);
          if (!problem) continue;
          ctx.report({
            file: file.path,
            yamlPath: [...column.path, 'name'],
            target: 'value',
            message: `Column \`${column.name}\` of \`${model.name}\` ${problem}: ${WHY}. Rename it, in the model's SQL and here.`,
          });
        }
      }
      return;
    }
    if (!isSqlSummary(file) || !file.facts) return;
    const text = ctx.index.text(file.path);
    for (const node of modelsOfFile(ctx.index, file.path)) {
      const entry = ctx.index.catalogEntry(node.uniqueId);
      if (!entry) continue;
      // Columns listed in properties are reported there, once.
      const listed = new Set((modelSpecOf(ctx.index, node) ? columnsOfSpec(modelSpecOf(ctx.index, node)!) : []).map((column) => column.name.toLowerCase()));
      const seen = new Set<string>();
      for (const column of file.facts.outputColumns) {
        if (column.kind === 'star' || column.span.end <= column.span.start) continue;
        const identifier = outputColumnName(column, text);
        if (!identifier) continue;
        const lower = identifier.name.toLowerCase();
        if (listed.has(lower) || seen.has(lower)) continue;
        seen.add(lower);
        const dataType = catalogType(ctx.index, node, identifier.name);
        const problem = dataType && problemOf(identifier.name, dataType, ctx.options);
        if (!problem) continue;
        ctx.report({
          file: file.path,
          span: column.span,
          message: `Output column \`${identifier.name}\` ${problem} (as target/catalog.json reports): ${WHY}. Alias it after its type.`,
        });
      }
    }
  },
});
