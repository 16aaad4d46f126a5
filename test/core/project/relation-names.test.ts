/**
 * Relation names follow dbt: `generate_schema_name` and `generate_alias_name`, the project's own
 * overrides rendered in the sandbox, else dbt's defaults with the target schema from dplens.yml.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { parseFixture } from '../../../server/src/core/rules/fixture';

function relationsOf(source: string): Map<string, unknown> {
  const { index } = checkWorkspace(parseFixture(source).files);
  return new Map([...index.nodes()].map((node) => [node.uniqueId, index.relationOf(node.uniqueId)]));
}

describe('relation names', () => {
  it('use dbt defaults: target schema, suffixed by a custom schema; alias, else name, else name_v<version>', () => {
    const relations = relationsOf(`
      # @file dplens.yml
      adapter: bigquery
      target: { schema: analytics, database: lens-prod }
      # @file dbt_project.yml
      name: shop
      models:
        shop:
          marts:
            +schema: marts
      -- @file models/staging/stg_orders.sql
      select 1 as id
      -- @file models/marts/fct_orders.sql
      {{ config(alias='orders') }}
      select * from {{ ref('stg_orders') }}
      # @file models/_sources.yml
      version: 2
      sources:
        - name: raw_shop
          schema: shop_raw
          tables:
            - name: payments
              identifier: payments_v3
    `);
    assert.deepEqual(relations.get('model.shop.stg_orders'), { database: 'lens-prod', schema: 'analytics', identifier: 'stg_orders' });
    assert.deepEqual(relations.get('model.shop.fct_orders'), { database: 'lens-prod', schema: 'analytics_marts', identifier: 'orders' });
    assert.deepEqual(relations.get('source.shop.raw_shop.payments'), { database: undefined, schema: 'shop_raw', identifier: 'payments_v3' });
  });

  it("render the project's own generate_schema_name in the sandbox", () => {
    const relations = relationsOf(`
      # @file dplens.yml
      adapter: snowflake
      target: { schema: dev_ann }
      # @file dbt_project.yml
      name: shop
      models:
        shop:
          marts:
            +schema: marts
      -- @file macros/generate_schema_name.sql
      {% macro generate_schema_name(custom_schema_name, node) -%}
          {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
      {%- endmacro %}
      -- @file models/marts/fct_orders.sql
      select 1 as id
      -- @file models/stg_orders.sql
      select 1 as id
    `);
    assert.deepEqual(relations.get('model.shop.fct_orders'), { database: undefined, schema: 'marts', identifier: 'fct_orders' });
    assert.deepEqual(relations.get('model.shop.stg_orders'), { database: undefined, schema: 'dev_ann', identifier: 'stg_orders' });
  });

  it('leave the schema unknown when no target schema is given and the default applies', () => {
    const relations = relationsOf(`
      -- @file models/stg_orders.sql
      select 1 as id
    `);
    assert.deepEqual(relations.get('model.fixture.stg_orders'), { database: undefined, schema: undefined, identifier: 'stg_orders' });
  });
});
