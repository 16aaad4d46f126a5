import type { Fix } from '../../findings';
import { addColumnEntriesEdit } from '../../contract/column-entries';
import { addNotNullTestEdit } from '../../contract/column-tests';
import {
  contractImplementations,
  fieldLocation,
  modelColumns,
  type BrokenMapping,
  type ContractObject,
  type Implementation,
  type ModelColumn,
  type ModelColumns,
} from '../../datacontract/implementation';
import { DCS_PHYSICAL_TYPE_KEY, isKnownLogicalType, logicalTypeAgrees, samePhysicalType } from '../../datacontract/implementation-types';
import type { ContractField } from '../../datacontract/walk';
import { displayName } from '../../standards/resources';
import type { YamlPath } from '../../yaml';
import { defineRule, type ProjectRuleContext } from '../rule';
import { closestName } from '../suggest';

const ID = 'datacontract/implementation-mismatch';

export default defineRule({
  id: ID,
  severity: 'warning',
  scope: 'project',
  description: 'A data contract and the dbt model that implements it disagree: a promised column is missing, its type differs, or a required column is not tested for nulls.',
  docs: {
    why: [
      'Consumers read the contract, not the model: when the model that builds the table drops a promised column, builds it with another type, or lets nulls into a column the contract marks `required`, every consumer that trusted the contract breaks, and nothing in the dbt build says so.',
      'A contract object (an ODCS schema object, a DCS model) maps to a model by, in order: `contracts.implementations` in `dplens.yml` (`"contracts/orders.odcs.yaml#orders": fct_orders`), the object\'s own `dbtModel` (ODCS `customProperties: [{property: dbtModel, value: fct_orders}]`, DCS `config: {dbtModel: fct_orders}`), its ODCS `physicalName` (the model\'s name or the identifier dbt builds it as), and its name (ODCS `name`, DCS model key).',
      'An object that maps to no model is not reported (many contracts describe tables this project does not build); an explicit mapping to a model that does not exist is.',
      'The model\'s columns are those its SQL produces for certain, else those of its enforced contract; when neither is known, missing columns are not reported.',
      'Its column types are its `data_type`, else a cast in its SQL, else `target/catalog.json`. A physical type (ODCS `physicalType`, DCS `config.bigqueryType`/`snowflakeType`/…) must be the same type, without case and size as dbt compares contract types, with the warehouse\'s synonyms resolved (`INTEGER` is `INT64` on BigQuery); a logical type (ODCS `logicalType`, DCS `type`) must be of the same family (`integer` and `bigint`, `number` and `numeric`); a type neither table knows is not compared.',
      'A `required: true` property needs a `not_null` data test or constraint on the model\'s column, so a null is caught before consumers see it.',
    ].join(' '),
    fix: 'Make the model produce what the contract promises (the column, its type, a `not_null` test), or correct the contract. The quick fixes add a missing column entry (with the contract\'s physical type as `data_type`) or a `not_null` test to the model\'s properties.',
    references: ['https://bitol-io.github.io/open-data-contract-standard/', 'https://datacontract-specification.com/', 'https://docs.getdbt.com/reference/resource-configs/contract'],
  },
  examples: {
    invalid: [
      `
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0
      status: active
      schema:
        - name: fct_orders
          properties:
            - name: order_id
              logicalType: integer
            - name: currency  # expect: datacontract/implementation-mismatch
              logicalType: string
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, cast(10.5 as numeric) as amount
      `,
      `
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0
      status: active
      schema:
        - name: orders
          physicalName: analytics.fct_orders
          properties:
            - name: order_id
              logicalType: integer
              physicalType: INT64
            - name: amount
              logicalType: number
              physicalType: FLOAT64  # expect: datacontract/implementation-mismatch
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, 10.5 as amount
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          columns:
            - name: order_id
              data_type: int64
            - name: amount
              data_type: numeric
      `,
      `
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0
      status: active
      schema:
        - name: orders
          customProperties:
            - property: dbtModel
              value: fct_orders
          properties:
            - name: order_id  # expect: datacontract/implementation-mismatch
              logicalType: integer
              required: true
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          columns:
            - name: order_id
              data_tests:
                - unique
      `,
      `
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0
      models:
        orders:
          config:
            dbtModel: fct_orders
          fields:
            order_id:
              type: integer
            ordered_at:
              type: timestamp  # expect: datacontract/implementation-mismatch
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, cast('2024-01-01' as date) as ordered_at
      `,
    ],
    valid: [
      `
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0
      status: active
      schema:
        - name: orders
          physicalName: fct_orders
          properties:
            - name: order_id
              logicalType: integer
              physicalType: INTEGER
              required: true
            - name: amount
              logicalType: number
              physicalType: NUMERIC(18, 2)
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, 10.5 as amount
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          columns:
            - name: order_id
              data_type: int64
              data_tests:
                - not_null
            - name: amount
              data_type: numeric
      `,
      `
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0
      models:
        fct_orders:
          fields:
            order_id:
              type: long
              required: true
            ordered_at:
              type: timestamp
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, cast('2024-01-01' as timestamp) as ordered_at
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          columns:
            - name: order_id
              constraints:
                - type: not_null
      `,
    ],
  },
  equivalents: ['datacontract-cli:test (checks the built table in the warehouse, not the dbt model)'],
  fix: 'unsafe',
  check(ctx: ProjectRuleContext) {
    const { implemented, broken } = contractImplementations(ctx.index);
    for (const mapping of broken) reportBrokenMapping(ctx, mapping);
    for (const implementation of implemented) checkImplementation(ctx, implementation);
  },
});

function checkImplementation(ctx: ProjectRuleContext, implementation: Implementation): void {
  const { object, model } = implementation;
  const columns = modelColumns(ctx.index, model);
  const modelName = `model ${displayName(model.node)}`;
  const mapped = mappedBy(implementation);
  for (const field of object.fields) {
    if (field.name === undefined) continue;
    const column = columns.columns.get(field.name.toLowerCase());
    if (!column) {
      if (columns.complete) reportMissingColumn(ctx, implementation, columns, field, `${modelName}${mapped}`);
      continue;
    }
    checkType(ctx, implementation, columns, field, column, `${modelName}${mapped}`);
    if (field.node.required === true && !column.notNull) reportUntestedRequired(ctx, implementation, field, column, modelName);
  }
}

function mappedBy(implementation: Implementation): string {
  switch (implementation.by) {
    case 'dplens.yml':
      return ' (mapped in dplens.yml)';
    case 'dbtModel':
      return ' (named by its `dbtModel`)';
    case 'physicalName':
      return ' (matched by its `physicalName`)';
    case 'name':
      return '';
  }
}

function objectLabel(object: ContractObject): string {
  return object.flavour === 'odcs' ? `schema object \`${object.name}\`` : `model \`${object.name}\``;
}

function reportMissingColumn(ctx: ProjectRuleContext, implementation: Implementation, columns: ModelColumns, field: ContractField, model: string): void {
  const { object } = implementation;
  const name = field.name!;
  const how = columns.source === 'sql' ? 'its SQL does not select it' : 'its enforced contract does not declare it';
  const where = columns.propertiesFile ? ` and its entry in \`${columns.propertiesFile}\`` : '';
  ctx.report({
    ...fieldLocation(object, field),
    message: `The contract promises \`${name}\` in ${objectLabel(object)}, but ${model} does not produce it: ${how}. Consumers read the contract and will query a column the table does not have. Add \`${name}\` to the model's SQL${where}, or remove it from the contract.`,
    // Declaring the column resolves the finding only when the model's columns come from its enforced contract:
    // when its SQL is known, the fix is in the SQL, which no edit can write mechanically.
    fixes: columns.source === 'sql' ? undefined : missingColumnFix(ctx, implementation, field),
  });
}

function checkType(ctx: ProjectRuleContext, implementation: Implementation, columns: ModelColumns, field: ContractField, column: ModelColumn, model: string): void {
  if (!column.dataType) return;
  const { object } = implementation;
  const modelType = column.dataType.type;
  const stated = contractTypes(object, field, columns);
  let disagreement: { key: YamlPath; label: string } | undefined;
  if (stated.physical && !samePhysicalType(stated.physical.type, modelType, columns.adapter)) {
    disagreement = { key: stated.physical.path, label: `${stated.physical.label}: ${stated.physical.type}` };
  } else if (!stated.physical && stated.logical && isKnownLogicalType(stated.logical.type)) {
    const oldDates = object.flavour === 'odcs' && /^v?3\.0\./.test(object.version ?? '');
    if (logicalTypeAgrees(stated.logical.type, modelType, columns.adapter, oldDates) === false) {
      disagreement = { key: stated.logical.path, label: `${stated.logical.label}: ${stated.logical.type}` };
    }
  }
  if (!disagreement) return;
  const source = column.dataType.from === 'data_type' ? `its \`data_type\` in \`${columns.propertiesFile}\`` : column.dataType.from === 'cast' ? 'a cast in its SQL' : 'target/catalog.json';
  ctx.report({
    file: object.file,
    yamlPath: disagreement.key,
    target: 'value',
    message: `The contract types \`${field.name}\` as \`${disagreement.label}\`, but ${model} builds it as \`${modelType}\` (${source}). Consumers read the contract's type and break or must cast when the table holds another. Cast the column in the model to the contract's type (and set its \`data_type\`), or correct the contract.`,
  });
}

interface StatedType {
  type: string;
  path: YamlPath;
  label: string;
}

/** The contract's physical type for the model's warehouse, and its logical type. */
function contractTypes(object: ContractObject, field: ContractField, columns: ModelColumns): { physical?: StatedType; logical?: StatedType } {
  const node = field.node;
  const stringAt = (value: unknown, path: YamlPath, label: string): StatedType | undefined => (typeof value === 'string' && value.trim() !== '' ? { type: value.trim(), path, label } : undefined);
  if (object.flavour === 'odcs') {
    return { physical: stringAt(node.physicalType, [...field.path, 'physicalType'], 'physicalType'), logical: stringAt(node.logicalType, [...field.path, 'logicalType'], 'logicalType') };
  }
  const key = DCS_PHYSICAL_TYPE_KEY[columns.adapter];
  const config = node.config;
  const physical = key && config && typeof config === 'object' && !Array.isArray(config) ? stringAt((config as Record<string, unknown>)[key], [...field.path, 'config', key], `config.${key}`) : undefined;
  return { physical, logical: stringAt(node.type, [...field.path, 'type'], 'type') };
}

function reportUntestedRequired(ctx: ProjectRuleContext, implementation: Implementation, field: ContractField, column: ModelColumn, model: string): void {
  const { object } = implementation;
  const entry = column.spec && columnsFile(implementation);
  ctx.report({
    ...fieldLocation(object, field),
    message: `The contract marks \`${field.name}\` as \`required: true\`, but ${model} neither tests it with \`not_null\` nor constrains it \`not_null\`. A null in it reaches consumers who rely on the promise, and no dbt run catches it. Add a \`not_null\` data test (or constraint) to the column${entry ? ` in \`${entry}\`` : ' in the model\'s properties'}.`,
    fixes: notNullFix(ctx, implementation, column),
  });
}

function columnsFile(implementation: Implementation): string | undefined {
  return implementation.model.node.properties?.file;
}

function missingColumnFix(ctx: ProjectRuleContext, implementation: Implementation, field: ContractField): Fix[] | undefined {
  const { model, object } = implementation;
  const file = model.node.properties?.file;
  const text = file && ctx.index.text(file);
  if (!file || text === undefined || !model.spec) return undefined;
  const columns = { adapter: model.project.adapter } as ModelColumns;
  const dataType = contractTypes(object, field, columns).physical?.type;
  const edit = addColumnEntriesEdit(file, text, model.spec, model.version, [{ name: field.name!, ...(dataType ? { dataType } : {}) }]);
  if (!edit) return undefined;
  return [{ title: `Declare column \`${field.name}\` in ${displayName(model.node)}'s properties`, kind: 'unsafe', edits: [{ file, range: ctx.locate(file, edit.span), newText: edit.newText }] }];
}

function notNullFix(ctx: ProjectRuleContext, implementation: Implementation, column: ModelColumn): Fix[] | undefined {
  const file = columnsFile(implementation);
  const text = file && ctx.index.text(file);
  if (!file || text === undefined || !column.spec) return undefined;
  const edit = addNotNullTestEdit(file, text, column.spec);
  if (!edit) return undefined;
  return [{ title: `Add a \`not_null\` test to \`${column.spec.name}\``, kind: 'unsafe', edits: [{ file, range: ctx.locate(file, edit.span), newText: edit.newText }] }];
}

function reportBrokenMapping(ctx: ProjectRuleContext, mapping: BrokenMapping): void {
  if (mapping.model !== undefined) {
    const close = closestName(mapping.model, mapping.candidates);
    const suggestion = close ? ` Did you mean \`${close}\`?` : '';
    const where = mapping.by === 'dplens.yml' ? 'dplens.yml maps this contract object' : 'This contract object names its implementation';
    ctx.report({
      ...mapping.at,
      message: `${where} to the dbt model \`${mapping.model}\`, which this workspace does not have, so the contract is not checked against the model that builds its table.${suggestion} Correct the model name, or remove the mapping.`,
    });
    return;
  }
  const object = mapping.object!;
  ctx.report({
    ...mapping.at,
    message: `dplens.yml maps \`${object.file}#${object.name}\` to a model, but the workspace has no data contract object \`${object.name}\` in \`${object.file}\`, so the mapping checks nothing. Write the contract file's path from the workspace root, \`#\`, and the schema object's \`name\` (the DCS model's key).`,
  });
}
