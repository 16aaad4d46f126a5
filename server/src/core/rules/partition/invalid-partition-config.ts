import type { Severity } from '../../findings';
import { checkedModels, configSetting, GroupedReports, isAbsent, isUnknownValue, type ConfigSetting } from '../../partition/adapter-support';
import type { FindingLocation } from '../rule';
import { defineRule, type ProjectRuleContext } from '../rule';

const BIGQUERY_DATA_TYPES = ['date', 'timestamp', 'datetime', 'int64'];
const BIGQUERY_GRANULARITIES = ['hour', 'day', 'month', 'year'];
const BIGQUERY_RANGE_KEYS = ['start', 'end', 'interval'];
/** Materializations that build a table, where dbt reads partitioning and clustering. */
const TABLE_MATERIALIZATIONS = new Set(['table', 'incremental', 'materialized_view']);

interface Problem {
  key: string;
  /** A key within the value (YAML only), to point at the part that is wrong. */
  subKey?: string;
  severity: Severity;
  /** The rest of the sentence after the model names, for one model or several. */
  text: (many: boolean) => string;
}

export default defineRule({
  id: 'partition/invalid-partition-config',
  severity: 'error',
  scope: 'project',
  description: 'A model\'s partitioning or clustering config has a shape or combination its adapter rejects or ignores.',
  docs: {
    why: [
      'Partitioning and clustering are adapter configs that dbt checks only when it builds the model.',
      'On BigQuery, `partition_by` must be a mapping with `field`, a `data_type` of `date`, `timestamp`, `datetime` or `int64` (default `date`) and a `granularity` of `hour`, `day`, `month` or `year` (default `day`); `int64` partitions need `range: {start, end, interval}`. Anything else fails with "Could not parse partition config" or an error from BigQuery (an error).',
      'On Databricks, a Delta table cannot be both partitioned and liquid clustered: `partition_by` with `liquid_clustered_by` fails with SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED (an error); `zorder` with `liquid_clustered_by` is ignored, with a warning from dbt-databricks (a warning).',
      'On Snowflake, `cluster_by` applies to tables and incremental models; dbt ignores it on a view (a warning), so the clustering the model asks for never exists.',
    ].join(' '),
    fix: 'Write `partition_by` as BigQuery expects it; on Databricks keep either `partition_by` or `liquid_clustered_by`, and drop `zorder` when liquid clustering is on; on Snowflake materialize the model as a table to cluster it, or remove `cluster_by`.',
    references: [
      'https://docs.getdbt.com/reference/resource-configs/bigquery-configs#partition-clause',
      'https://docs.getdbt.com/reference/resource-configs/databricks-configs#liquid-clustering',
      'https://docs.databricks.com/en/delta/clustering.html',
      'https://docs.getdbt.com/reference/resource-configs/snowflake-configs#configuring-table-clustering',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file models/fct_events.sql
      {{ config(materialized='table', partition_by={'field': 'event_date', 'data_type': 'string'}) }}  -- expect: partition/invalid-partition-config
      select 1 as event_id, current_date() as event_date
      `,
      `
      # @file dplens.yml
      adapter: databricks
      -- @file models/fct_events.sql
      {{ config(materialized='table', partition_by=['event_date'], liquid_clustered_by=['event_id']) }}  -- expect: partition/invalid-partition-config
      select 1 as event_id, current_date() as event_date
      `,
      `
      # @file dplens.yml
      adapter: snowflake
      -- @file models/stg_events.sql
      {{ config(materialized='view', cluster_by=['event_date']) }}  -- expect: partition/invalid-partition-config
      select 1 as event_id, current_date() as event_date
      `,
    ],
    valid: [
      `
      -- @file models/fct_events.sql
      {{ config(
          materialized='table',
          partition_by={'field': 'event_date', 'data_type': 'date', 'granularity': 'month'}
      ) }}
      select 1 as event_id, current_date() as event_date
      `,
      `
      # @file dplens.yml
      adapter: databricks
      -- @file models/fct_events.sql
      {{ config(materialized='table', liquid_clustered_by=['event_date', 'event_id']) }}
      select 1 as event_id, current_date() as event_date
      `,
      `
      # @file dplens.yml
      adapter: snowflake
      -- @file models/fct_events.sql
      {{ config(materialized='table', cluster_by=['event_date']) }}
      select 1 as event_id, current_date() as event_date
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const grouped = new GroupedReports(ctx.report);
    for (const { node, adapter } of checkedModels(ctx.index)) {
      const materialized = typeof node.config.materialized === 'string' ? node.config.materialized : 'view';
      let problems: Problem[] = [];
      if (adapter === 'bigquery' && TABLE_MATERIALIZATIONS.has(materialized)) problems = bigQueryPartitionProblems(node.config.partition_by);
      else if (adapter === 'databricks') problems = databricksProblems(node.config);
      else if (adapter === 'snowflake' && materialized === 'view' && !isAbsent(node.config.cluster_by) && !isUnknownValue(node.config.cluster_by)) {
        problems = [{ key: 'cluster_by', severity: 'warning', text: (many) => `${many ? 'set `cluster_by` but are views' : 'sets `cluster_by` but is a view'}: dbt-snowflake applies a clustering key only when it creates a table, so it ignores it here and nothing is clustered. Materialize the model as a table (or incremental model) to cluster it, or remove \`cluster_by\`.` }];
      }
      for (const problem of problems) {
        const setting = configSetting(ctx.index, node, problem.key);
        if (!setting) continue;
        grouped.add(locate(setting, problem), node.name, problem.text(false), (models, many) => ({
          severity: problem.severity,
          message: `${models} ${problem.text(many)}`,
        }));
      }
    }
    grouped.flush();
  },
});

/** In YAML, the sub-key at fault when it is written; in SQL the span of the whole value. */
function locate(setting: ConfigSetting, problem: Problem): FindingLocation {
  const location = setting.location;
  if (!problem.subKey || !('yamlPath' in location)) return location;
  return { ...location, yamlPath: [...location.yamlPath, problem.subKey], target: 'key' };
}

/** What dbt-bigquery's `PartitionConfig.parse` and BigQuery reject in `partition_by`. */
function bigQueryPartitionProblems(value: unknown): Problem[] {
  if (isAbsent(value) || isUnknownValue(value)) return [];
  const problem = (message: string, subKey?: string): Problem[] => [{ key: 'partition_by', subKey, severity: 'error', text: (many) => `${many ? 'have' : 'has'} ${message}` }];
  if (typeof value !== 'object' || Array.isArray(value)) {
    return problem(`\`partition_by\` written as ${Array.isArray(value) ? 'a list' : `\`${String(value)}\``}: on BigQuery it must be a mapping such as \`{'field': 'created_at', 'data_type': 'timestamp', 'granularity': 'day'}\`, and dbt stops with "Invalid partition_by config". BigQuery partitions by one column.`);
  }
  const config = value as Record<string, unknown>;
  const field = config.field;
  if (typeof field !== 'string' || field.trim() === '') {
    if (isUnknownValue(field) && field !== undefined) return [];
    return problem('a `partition_by` without `field`: dbt-bigquery cannot parse it ("Could not parse partition config"). Name the column to partition by in `field`.');
  }
  const rawType = config.data_type;
  if (isUnknownValue(rawType) || isUnknownValue(config.granularity)) return [];
  const dataType = rawType === undefined ? 'date' : typeof rawType === 'string' ? rawType.toLowerCase() : undefined;
  if (dataType === undefined || !BIGQUERY_DATA_TYPES.includes(dataType)) {
    return problem(`\`partition_by.data_type\` \`${String(rawType)}\`: BigQuery partitions by a \`date\`, \`timestamp\`, \`datetime\` or \`int64\` column, so building the table fails. Use one of those (cast the column in the model if needed).`, 'data_type');
  }
  if (dataType === 'int64') {
    const range = config.range;
    if (isUnknownValue(range)) return [];
    const missing = typeof range === 'object' && range !== null && !Array.isArray(range) ? BIGQUERY_RANGE_KEYS.filter((key) => isAbsent((range as Record<string, unknown>)[key])) : BIGQUERY_RANGE_KEYS;
    if (missing.length > 0) {
      return problem(`an \`int64\` \`partition_by\` without ${missing.map((key) => `\`range.${key}\``).join(', ')}: BigQuery integer-range partitioning needs \`range: {start, end, interval}\`, or the table cannot be created. Add the range of values and the width of each partition.`, isAbsent(range) ? 'data_type' : 'range');
    }
    return [];
  }
  const rawGranularity = config.granularity;
  const granularity = rawGranularity === undefined ? 'day' : typeof rawGranularity === 'string' ? rawGranularity.toLowerCase() : undefined;
  if (granularity === undefined || !BIGQUERY_GRANULARITIES.includes(granularity)) {
    return problem(`\`partition_by.granularity\` \`${String(rawGranularity)}\`: BigQuery time partitions are \`hour\`, \`day\`, \`month\` or \`year\`, so building the table fails. Use one of those.`, 'granularity');
  }
  if (dataType === 'date' && granularity === 'hour') {
    return problem('a `date` `partition_by` with `granularity: hour`: BigQuery cannot partition a DATE column by hour, so building the table fails. Use `day`, `month` or `year`, or partition by a `timestamp` column.', 'granularity');
  }
  return [];
}

/** Delta tables are partitioned or liquid clustered, never both; dbt-databricks ignores Z-ordering with liquid clustering. */
function databricksProblems(config: Record<string, unknown>): Problem[] {
  const liquid = config.liquid_clustered_by;
  if (isAbsent(liquid) || isUnknownValue(liquid) || (Array.isArray(liquid) && liquid.length === 0)) return [];
  const problems: Problem[] = [];
  if (!isAbsent(config.partition_by) && !isUnknownValue(config.partition_by)) {
    problems.push({
      key: 'partition_by',
      severity: 'error',
      text: (many) => `${many ? 'set' : 'sets'} both \`partition_by\` and \`liquid_clustered_by\`: a Delta table cannot be partitioned and liquid clustered at once, so Databricks rejects the table (SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED). Keep \`liquid_clustered_by\` (with the partition columns first) and remove \`partition_by\`, or the other way round.`,
    });
  }
  if (!isAbsent(config.zorder) && !isUnknownValue(config.zorder)) {
    problems.push({
      key: 'zorder',
      severity: 'warning',
      text: (many) => `${many ? 'set' : 'sets'} both \`zorder\` and \`liquid_clustered_by\`: they are incompatible, and dbt-databricks ignores \`zorder\` ("zorder will be ignored"). Remove \`zorder\`, and add its columns to \`liquid_clustered_by\` if they matter.`,
    });
  }
  return problems;
}
