import assert from 'node:assert/strict';
import { MacroSandbox, defaultAliasName, defaultSchemaName } from '../../../server/src/core/render';
import { OPTIONS, PROJECT } from './fixtures';

describe('dbt default naming', () => {
  it('builds schema names as dbt does', () => {
    assert.equal(defaultSchemaName('analytics', null), 'analytics');
    assert.equal(defaultSchemaName('analytics', ' marts '), 'analytics_marts');
  });

  it('builds alias names, with versions', () => {
    assert.equal(defaultAliasName('orders', null), 'orders');
    assert.equal(defaultAliasName('orders', ' orders_alias '), 'orders_alias');
    assert.equal(defaultAliasName('orders', null, 2), 'orders_v2');
    assert.equal(defaultAliasName('orders', null, '1.5'), 'orders_v1_5');
  });
});

describe('naming overrides rendered in the sandbox', () => {
  it('renders the project generate_schema_name override', () => {
    const override = {
      path: 'macros/generate_schema_name.sql',
      packageName: PROJECT,
      text: '{% macro generate_schema_name(custom_schema_name, node) %}{{ custom_schema_name | trim if custom_schema_name else target.schema }}{% endmacro %}',
    };
    const sandbox = MacroSandbox.create([override], OPTIONS);
    try {
      assert.equal(sandbox.generateSchemaName(' marts ', { name: 'orders', packageName: PROJECT }), 'marts');
      assert.equal(sandbox.generateSchemaName(null, { name: 'orders', packageName: PROJECT }), 'analytics');
      assert.equal(sandbox.generateAliasName(null, { name: 'orders' }), undefined);
    } finally {
      sandbox.dispose();
    }
  });

  it('renders overrides that delegate to dbt core macros', () => {
    const overrides = {
      path: 'macros/naming.sql',
      packageName: PROJECT,
      text: `{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ generate_schema_name_for_env(custom_schema_name, node) }}
{%- endmacro %}
{% macro generate_alias_name(custom_alias_name=none, node=none) -%}
    {%- if node.name.startswith('stg_') -%}{{ node.name[4:] }}{%- else -%}{{ default__generate_alias_name(custom_alias_name, node) }}{%- endif -%}
{%- endmacro %}`,
    };
    const dev = MacroSandbox.create([overrides], OPTIONS);
    const prod = MacroSandbox.create([overrides], { ...OPTIONS, targetName: 'prod' });
    try {
      assert.equal(dev.generateSchemaName('marts', { name: 'm', packageName: PROJECT }), 'analytics');
      assert.equal(prod.generateSchemaName('marts', { name: 'm', packageName: PROJECT }), 'marts');
      assert.equal(dev.generateAliasName(null, { name: 'stg_orders' }), 'orders');
      assert.equal(dev.generateAliasName(null, { name: 'orders', version: 3 }), 'orders_v3');
      assert.equal(dev.generateAliasName('custom', { name: 'orders' }), 'custom');
    } finally {
      dev.dispose();
      prod.dispose();
    }
  });

  it('answers undefined without an override, even though dbt stand-ins exist', () => {
    const sandbox = MacroSandbox.create([], OPTIONS);
    try {
      assert.equal(sandbox.generateSchemaName('x', { name: 'm', packageName: PROJECT }), undefined);
      assert.equal(sandbox.hasMacro('generate_schema_name'), false);
    } finally {
      sandbox.dispose();
    }
  });
});
