/**
 * `datacontract/implementation-mismatch`: a data contract object and the dbt model that implements it. Each way an
 * object maps to a model, each kind of disagreement (a promised column the model does not produce, a type that
 * differs, a required column without a not_null test or constraint), the silent cases, the quick fixes applied and
 * checked again, and the dplens.yml mapping with its problems.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkWorkspace } from '../../../server/src/core/check';
import { parseDplensConfig } from '../../../server/src/core/config/dplens-config';
import type { Finding, TextEdit } from '../../../server/src/core/findings';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { assertFixture, checkFixture } from '../../helpers/rule-fixture';

const RULE = 'datacontract/implementation-mismatch';
const only = { onlyRules: [RULE] };

/** An ODCS v3 contract file holding the given `schema:` list. */
function odcs(schema: string, apiVersion = 'v3.1.0', file = 'contracts/orders.odcs.yaml'): string {
  return `# @file ${file}\napiVersion: ${apiVersion}\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\nschema:\n${schema}`;
}

/** A DCS 1.2.1 contract file holding the given `models:` mapping. */
function dcs(models: string): string {
  return `# @file contracts/datacontract.yaml\ndataContractSpecification: 1.2.1\nid: orders\ninfo:\n  title: Orders\n  version: 1.0.0\nmodels:\n${models}`;
}

const FCT_ORDERS_SQL = "-- @file models/marts/fct_orders.sql\nselect 1 as order_id, cast(10.5 as numeric) as amount, 'EUR' as currency\n";

/** A catalog.json reporting the warehouse's column types of `fct_orders`. */
function catalog(columns: Record<string, string>): string {
  const entries = Object.entries(columns).map(([name, type], position) => `"${name}": {"type": "${type}", "index": ${position + 1}, "name": "${name}"}`);
  return `-- @file target/catalog.json
{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/catalog/v1.json"},
 "nodes": {"model.fixture.fct_orders": {"unique_id": "model.fixture.fct_orders", "metadata": {"type": "table", "schema": "s", "name": "fct_orders"},
   "columns": {${entries.join(', ')}}, "stats": {}}},
 "sources": {}}
`;
}

const cases: { name: string; fixture: string }[] = [
  // Mapping.
  {
    name: 'an ODCS object maps to the model of its name',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: order_id\n      - name: channel  # expect: datacontract/implementation-mismatch\n')}\n${FCT_ORDERS_SQL}`,
  },
  {
    name: 'an ODCS object maps by its physicalName, qualified or not, before its name',
    fixture: `${odcs('  - name: orders\n    physicalName: "analytics.core.fct_orders"\n    properties:\n      - name: channel  # expect: datacontract/implementation-mismatch\n')}\n${FCT_ORDERS_SQL}-- @file models/marts/orders.sql\nselect 1 as channel\n`,
  },
  {
    name: 'a physicalName matches the identifier dbt builds a model as (its alias)',
    fixture: `${odcs('  - name: orders\n    physicalName: orders_v1\n    properties:\n      - name: channel  # expect: datacontract/implementation-mismatch\n')}\n-- @file models/marts/fct_orders.sql\n{{ config(alias='orders_v1') }}\nselect 1 as order_id\n`,
  },
  {
    name: 'an ODCS object maps by its customProperties dbtModel, before its physicalName',
    fixture: `${odcs('  - name: orders\n    physicalName: orders\n    customProperties:\n      - property: dbtModel\n        value: fct_orders\n    properties:\n      - name: channel  # expect: datacontract/implementation-mismatch\n')}\n${FCT_ORDERS_SQL}-- @file models/marts/orders.sql\nselect 1 as channel\n`,
  },
  {
    name: 'a DCS model maps by its key',
    fixture: `${dcs('  fct_orders:\n    fields:\n      order_id:\n        type: integer\n      channel:  # expect: datacontract/implementation-mismatch\n        type: string\n')}\n${FCT_ORDERS_SQL}`,
  },
  {
    name: 'a DCS model maps by its config.dbtModel, before its key',
    fixture: `${dcs('  orders:\n    config:\n      dbtModel: fct_orders\n    fields:\n      channel:  # expect: datacontract/implementation-mismatch\n        type: string\n')}\n${FCT_ORDERS_SQL}-- @file models/marts/orders.sql\nselect 1 as channel\n`,
  },
  {
    name: 'a dplens.yml mapping comes before everything the contract says',
    fixture: `${odcs('  - name: orders\n    customProperties:\n      - property: dbtModel\n        value: orders\n    properties:\n      - name: channel  # expect: datacontract/implementation-mismatch\n')}\n${FCT_ORDERS_SQL}-- @file models/marts/orders.sql\nselect 1 as channel\n# @file dplens.yml\nadapter: bigquery\ncontracts:\n  implementations:\n    "contracts/orders.odcs.yaml#orders": fct_orders\n`,
  },
  {
    name: 'a dplens.yml mapping to a model that does not exist is reported at the mapping',
    fixture: `${odcs('  - name: orders\n    properties:\n      - name: channel\n')}\n${FCT_ORDERS_SQL}# @file dplens.yml\nadapter: bigquery\ncontracts:\n  implementations:\n    "contracts/orders.odcs.yaml#orders": fct_orderz  # expect: datacontract/implementation-mismatch\n`,
  },
  {
    name: 'a dplens.yml mapping of a contract object that does not exist is reported at its key',
    fixture: `${odcs('  - name: orders\n    properties:\n      - name: channel\n')}\n${FCT_ORDERS_SQL}# @file dplens.yml\nadapter: bigquery\ncontracts:\n  implementations:\n    "contracts/orders.odcs.yaml#order": fct_orders  # expect: datacontract/implementation-mismatch\n`,
  },
  {
    name: 'a customProperties dbtModel that names no model is reported at its value',
    fixture: `${odcs('  - name: orders\n    customProperties:\n      - property: dbtModel\n        value: fct_order  # expect: datacontract/implementation-mismatch\n    properties:\n      - name: channel\n')}\n${FCT_ORDERS_SQL}`,
  },
  {
    name: 'an object that maps to no model is silent',
    fixture: `${odcs('  - name: web_events\n    physicalName: raw.web_events\n    properties:\n      - name: event_id\n        required: true\n')}\n${FCT_ORDERS_SQL}`,
  },
  {
    name: 'a versioned model maps to its latest version',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: order_id\n      - name: amount  # expect: datacontract/implementation-mismatch\n')}
-- @file models/marts/fct_orders_v1.sql
select 1 as order_id, 2 as amount
-- @file models/marts/fct_orders_v2.sql
select 1 as order_id
# @file models/marts/_marts.yml
models:
  - name: fct_orders
    latest_version: 2
    versions:
      - v: 1
      - v: 2
`,
  },
  // 1: a promised column the model does not produce.
  {
    name: 'names are compared without case',
    fixture: `${odcs('  - name: FCT_ORDERS\n    properties:\n      - name: ORDER_ID\n      - name: Amount\n')}\n${FCT_ORDERS_SQL}`,
  },
  {
    name: 'a model whose SQL columns cannot be known and whose contract is not enforced is silent about missing columns',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: channel\n')}\n-- @file models/marts/fct_orders.sql\nselect {{ dbt_utils.star(ref('stg_orders')) }} from {{ ref('stg_orders') }}\n-- @file models/staging/stg_orders.sql\nselect 1 as order_id\n-- @file macros/star.sql\n{% macro star(x) %}*{% endmacro %}\n`,
  },
  {
    name: 'a model whose SQL columns cannot be known has the columns of its enforced contract',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: order_id\n      - name: channel  # expect: datacontract/implementation-mismatch\n')}
-- @file models/marts/fct_orders.sql
select {% for c in ['order_id'] %}{{ c }}{% endfor %} from {{ ref('stg_orders') }}
-- @file models/staging/stg_orders.sql
select 1 as order_id
# @file models/marts/_marts.yml
models:
  - name: fct_orders
    config:
      contract:
        enforced: true
    columns:
      - name: order_id
        data_type: int64
`,
  },
  {
    name: 'a column documented in YAML but not selected by the SQL is not produced',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: channel  # expect: datacontract/implementation-mismatch\n')}\n${FCT_ORDERS_SQL}# @file models/marts/_marts.yml\nmodels:\n  - name: fct_orders\n    columns:\n      - name: channel\n`,
  },
  // 2: types.
  {
    name: 'a physicalType is compared with the data_type without case and size, synonyms resolved (BigQuery)',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: order_id\n        physicalType: INTEGER\n      - name: amount\n        physicalType: NUMERIC(18, 2)\n      - name: currency\n        physicalType: STRING(3)\n')}\n${FCT_ORDERS_SQL}# @file models/marts/_marts.yml\nmodels:\n  - name: fct_orders\n    columns:\n      - name: order_id\n        data_type: int64\n      - name: amount\n        data_type: numeric\n      - name: currency\n        data_type: string\n`,
  },
  {
    name: 'a physicalType that names another type is reported at the physicalType, even when the family agrees',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: order_id\n        logicalType: integer\n        physicalType: INT64\n      - name: amount\n        logicalType: number\n        physicalType: BIGNUMERIC  # expect: datacontract/implementation-mismatch\n')}\n${FCT_ORDERS_SQL}`,
  },
  {
    name: 'a physicalType is compared with a cast in the SQL when the model has no data_type',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: amount\n        physicalType: FLOAT64  # expect: datacontract/implementation-mismatch\n')}\n${FCT_ORDERS_SQL}`,
  },
  {
    name: 'a type is compared with catalog.json when neither the YAML nor the SQL states one',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: order_id\n        logicalType: string  # expect: datacontract/implementation-mismatch\n      - name: currency\n        logicalType: string\n')}\n${FCT_ORDERS_SQL}${catalog({ order_id: 'INT64', amount: 'NUMERIC', currency: 'STRING' })}`,
  },
  {
    name: 'logical types are compared by family',
    fixture: `${odcs(`  - name: fct_orders
    properties:
      - name: order_id
        logicalType: integer
      - name: amount
        logicalType: integer  # expect: datacontract/implementation-mismatch
      - name: currency
        logicalType: string
      - name: is_paid
        logicalType: boolean
      - name: ordered_at
        logicalType: timestamp
      - name: ordered_date
        logicalType: date  # expect: datacontract/implementation-mismatch
      - name: items
        logicalType: array
      - name: address
        logicalType: object
`)}
-- @file models/marts/fct_orders.sql
select 1 as order_id, 10.5 as amount, 'EUR' as currency, true as is_paid, current_timestamp() as ordered_at, current_timestamp() as ordered_date, [1] as items, struct(1 as a) as address
# @file models/marts/_marts.yml
models:
  - name: fct_orders
    columns:
      - name: order_id
        data_type: bigint
      - name: amount
        data_type: float64
      - name: currency
        data_type: string
      - name: is_paid
        data_type: bool
      - name: ordered_at
        data_type: datetime
      - name: ordered_date
        data_type: timestamp
      - name: items
        data_type: array<int64>
      - name: address
        data_type: struct<a int64>
`,
  },
  {
    name: 'a number holds integers, and ODCS v3.0 described timestamps as date',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: order_id\n        logicalType: number\n      - name: ordered_at\n        logicalType: date\n', 'v3.0.2')}\n-- @file models/marts/fct_orders.sql\nselect 1 as order_id, current_timestamp() as ordered_at\n# @file models/marts/_marts.yml\nmodels:\n  - name: fct_orders\n    columns:\n      - name: order_id\n        data_type: int64\n      - name: ordered_at\n        data_type: timestamp\n`,
  },
  {
    name: 'on Snowflake, NUMBER(38,0) and a bare NUMBER hold integers, and TEXT is VARCHAR',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: order_id\n        logicalType: integer\n      - name: amount\n        logicalType: integer\n      - name: currency\n        physicalType: VARCHAR(3)\n')}\n${FCT_ORDERS_SQL}# @file dplens.yml\nadapter: snowflake\n# @file models/marts/_marts.yml\nmodels:\n  - name: fct_orders\n    columns:\n      - name: order_id\n        data_type: number(38,0)\n      - name: amount\n        data_type: number\n      - name: currency\n        data_type: text\n`,
  },
  {
    name: 'unknown types on either side are not compared',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: order_id\n        logicalType: identifier\n      - name: amount\n        logicalType: number\n')}\n${FCT_ORDERS_SQL}# @file models/marts/_marts.yml\nmodels:\n  - name: fct_orders\n    columns:\n      - name: order_id\n        data_type: int64\n      - name: amount\n        data_type: money_type\n`,
  },
  {
    name: 'a DCS type is compared by family, and config.<adapter>Type exactly',
    fixture: `${dcs(`  fct_orders:
    fields:
      order_id:
        type: long
        config:
          snowflakeType: NUMBER(38,0)
      amount:
        type: decimal
        config:
          snowflakeType: FLOAT  # expect: datacontract/implementation-mismatch
      currency:
        type: integer  # expect: datacontract/implementation-mismatch
`)}
${FCT_ORDERS_SQL}# @file dplens.yml
adapter: snowflake
# @file models/marts/_marts.yml
models:
  - name: fct_orders
    columns:
      - name: order_id
        data_type: integer
      - name: amount
        data_type: numeric(18,2)
      - name: currency
        data_type: varchar
`,
  },
  // 3: required without not_null.
  {
    name: 'a required property needs a not_null test or constraint, at column or model level',
    fixture: `${odcs(`  - name: fct_orders
    properties:
      - name: order_id
        required: true
      - name: amount
        required: true
      - name: currency  # expect: datacontract/implementation-mismatch
        required: true
`)}
${FCT_ORDERS_SQL}# @file models/marts/_marts.yml
models:
  - name: fct_orders
    constraints:
      - type: not_null
        columns: [amount]
    columns:
      - name: order_id
        tests:
          - not_null
      - name: currency
        constraints:
          - type: unique
`,
  },
  {
    name: 'a required property without any entry in the model\'s properties is reported too',
    fixture: `${dcs('  fct_orders:\n    fields:\n      order_id:  # expect: datacontract/implementation-mismatch\n        type: integer\n        required: true\n      amount:\n        type: number\n        required: false\n')}\n${FCT_ORDERS_SQL}`,
  },
  {
    name: 'a missing property is one finding, not also an untested one',
    fixture: `${odcs('  - name: fct_orders\n    properties:\n      - name: channel  # expect: datacontract/implementation-mismatch\n        required: true\n        physicalType: STRING\n')}\n${FCT_ORDERS_SQL}`,
  },
];

/** The text of one file after a fix's edits, applied as an editor applies them. */
function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///fixture.yml', 'yaml', 0, text), edits);
}

/** The fixture with one file's text replaced. */
function withFile(fixture: string, file: string, text: string): Map<string, string> {
  const files = new Map(parseFixture(fixture).files);
  files.set(file, text);
  return files;
}

function ruleFindings(findings: Finding[]): Finding[] {
  return findings.filter((finding) => finding.rule === RULE);
}

describe(RULE, () => {
  for (const { name, fixture } of cases) {
    it(name, () => {
      assertFixture(fixture, only);
    });
  }

  it('says what disagrees, where, why it matters and what to do', () => {
    const { findings } = checkFixture(`${odcs('  - name: orders\n    physicalName: fct_orders\n    properties:\n      - name: amount\n        physicalType: FLOAT64\n      - name: channel\n')}\n${FCT_ORDERS_SQL}# @file models/marts/_marts.yml\nmodels:\n  - name: fct_orders\n    columns:\n      - name: amount\n        data_type: numeric\n`);
    const [type, missing] = ruleFindings(findings);
    assert.match(type.message, /`physicalType: FLOAT64`/);
    assert.match(type.message, /model `fct_orders` \(matched by its `physicalName`\) builds it as `numeric` \(its `data_type` in `models\/marts\/_marts\.yml`\)/);
    assert.match(type.message, /Consumers read the contract's type/);
    assert.match(missing.message, /promises `channel` in schema object `orders`, but model `fct_orders`.* does not produce it: its SQL does not select it/);
    assert.match(missing.message, /Add `channel` to the model's SQL and its entry in `models\/marts\/_marts\.yml`, or remove it from the contract/);
    assert.equal(missing.severity, 'warning');
  });

  it('suggests the model a broken mapping probably meant', () => {
    const { findings } = checkFixture(`${odcs('  - name: orders\n    customProperties:\n      - property: dbtModel\n        value: fct_order\n    properties:\n      - name: order_id\n')}\n${FCT_ORDERS_SQL}`);
    const [broken] = ruleFindings(findings);
    assert.match(broken.message, /names its implementation to the dbt model `fct_order`, which this workspace does not have.* Did you mean `fct_orders`\?/);
  });

  it('the quick fix declares a missing column, with the physicalType as data_type, in the model\'s properties', () => {
    const fixture = `${odcs('  - name: fct_orders\n    properties:\n      - name: order_id\n      - name: channel  # expect: datacontract/implementation-mismatch\n        physicalType: STRING\n')}
-- @file models/marts/fct_orders.sql
select {% for c in ['order_id'] %}{{ c }}{% endfor %} from {{ ref('stg_orders') }}
-- @file models/staging/stg_orders.sql
select 1 as order_id
# @file models/marts/_marts.yml
models:
  - name: fct_orders
    config:
      contract:
        enforced: true
    columns:
      - name: order_id
        data_type: int64
`;
    const findings = ruleFindings(assertFixture(fixture, only));
    const fix = findings[0].fixes![0];
    assert.equal(fix.kind, 'unsafe');
    assert.match(fix.title, /Declare column `channel`/);
    const fixed = applyEdits(parseFixture(fixture).files.get('models/marts/_marts.yml')!, fix.edits);
    assert.ok(fixed.endsWith('      - name: order_id\n        data_type: int64\n      - name: channel\n        data_type: STRING\n'), fixed);
    // The model now declares the column the contract promises; dbt's enforcement makes the SQL produce it.
    assert.deepEqual(ruleFindings(checkWorkspace(withFile(fixture, 'models/marts/_marts.yml', fixed)).findings), []);
  });

  it('offers no column fix when the SQL is known: the column must be selected there, which no edit writes mechanically', () => {
    const fixture = `${odcs('  - name: fct_orders\n    properties:\n      - name: channel\n        physicalType: STRING\n')}\n${FCT_ORDERS_SQL}# @file models/marts/_marts.yml\nmodels:\n  - name: fct_orders\n    config:\n      contract:\n        enforced: true\n    columns:\n      - name: order_id\n        data_type: int64\n      - name: amount\n        data_type: numeric\n      - name: currency\n        data_type: string\n`;
    const [missing] = ruleFindings(checkFixture(fixture).findings);
    assert.match(missing.message, /its SQL does not select it/);
    assert.equal(missing.fixes, undefined);
  });

  it('offers no column fix for a model without a properties entry', () => {
    const { findings } = checkFixture(`${odcs('  - name: fct_orders\n    properties:\n      - name: channel\n')}\n${FCT_ORDERS_SQL}`);
    assert.equal(ruleFindings(findings)[0].fixes, undefined);
  });

  it('the quick fix adds not_null to the column\'s data tests, or a data_tests key, and the finding goes', () => {
    const fixture = `${odcs('  - name: fct_orders\n    properties:\n      - name: order_id\n        required: true\n      - name: currency\n        required: true\n')}
${FCT_ORDERS_SQL}# @file models/marts/_marts.yml
models:
  - name: fct_orders
    columns:
      - name: order_id
        data_tests:
          - unique
      - name: currency
        description: ISO 4217 code.
`;
    const { findings, files } = checkFixture(fixture);
    const untested = ruleFindings(findings);
    assert.equal(untested.length, 2);
    assert.match(untested[0].message, /marks `order_id` as `required: true`, but model `fct_orders` neither tests it with `not_null` nor constrains it/);
    const fixed = applyEdits(files.get('models/marts/_marts.yml')!, [...untested[0].fixes![0].edits, ...untested[1].fixes![0].edits]);
    assert.equal(
      fixed,
      'models:\n  - name: fct_orders\n    columns:\n      - name: order_id\n        data_tests:\n          - unique\n          - not_null\n      - name: currency\n        description: ISO 4217 code.\n        data_tests:\n          - not_null\n',
    );
    assert.deepEqual(ruleFindings(checkWorkspace(withFile(fixture, 'models/marts/_marts.yml', fixed)).findings), []);
  });

  it('offers no not_null fix for a column without an entry, or whose tests are a flow list', () => {
    const fixture = `${odcs('  - name: fct_orders\n    properties:\n      - name: order_id\n        required: true\n      - name: currency\n        required: true\n')}\n${FCT_ORDERS_SQL}# @file models/marts/_marts.yml\nmodels:\n  - name: fct_orders\n    columns:\n      - name: currency\n        data_tests: [unique]\n`;
    const untested = ruleFindings(checkFixture(fixture).findings);
    assert.equal(untested.length, 2);
    assert.deepEqual(untested.map((finding) => finding.fixes), [undefined, undefined]);
  });
});

describe('dplens.yml contracts.implementations', () => {
  const problemsOf = (text: string) => parseDplensConfig(text).problems.map((problem) => ({ message: problem.message, at: text.slice(problem.span.start, problem.span.end) }));

  it('reads mappings of contract objects to models', () => {
    const { config, problems } = parseDplensConfig('contracts:\n  implementations:\n    "contracts/orders.odcs.yaml#orders": fct_orders\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.contracts?.implementations['contracts/orders.odcs.yaml#orders'], {
      file: 'contracts/orders.odcs.yaml',
      object: 'orders',
      model: 'fct_orders',
      path: ['contracts', 'implementations', 'contracts/orders.odcs.yaml#orders'],
    });
  });

  const bad: { name: string; text: string; message: RegExp; at: string }[] = [
    { name: 'a key without #', text: 'contracts:\n  implementations:\n    contracts/orders.odcs.yaml: fct_orders\n', message: /does not name a contract object: write `<contract file>#<object name>`/, at: 'contracts/orders.odcs.yaml' },
    { name: 'an empty object name', text: 'contracts:\n  implementations:\n    "contracts/orders.odcs.yaml#": fct_orders\n', message: /does not name a contract object/, at: '"contracts/orders.odcs.yaml#"' },
    { name: 'a model that is not a name', text: 'contracts:\n  implementations:\n    "a.yaml#orders": [fct_orders]\n', message: /must be the name of a dbt model/, at: '[fct_orders]' },
    { name: 'an unknown key', text: 'contracts:\n  implementation:\n    "a.yaml#orders": fct_orders\n', message: /Unknown key `implementation` in `contracts`/, at: 'implementation' },
    { name: 'implementations that are not a mapping', text: 'contracts:\n  implementations: [fct_orders]\n', message: /`contracts` takes `implementations`/, at: '[fct_orders]' },
    { name: 'contracts that are not a mapping', text: 'contracts: fct_orders\n', message: /`contracts` takes `implementations`/, at: 'fct_orders' },
  ];
  for (const { name, text, message, at } of bad) {
    it(`reports ${name}, located`, () => {
      const problems = problemsOf(text);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0].message, message);
      assert.equal(problems[0].at, at);
    });
  }

  it('a bad entry is a configuration problem of the check, and is left out', () => {
    const fixture = `${odcs('  - name: orders\n    properties:\n      - name: channel\n')}\n${FCT_ORDERS_SQL}# @file dplens.yml\nadapter: bigquery\ncontracts:\n  implementations:\n    "contracts/orders.odcs.yaml": fct_orders\n`;
    const outcome = checkWorkspace(parseFixture(fixture).files);
    assert.equal(outcome.configProblems.length, 1);
    assert.equal(outcome.configProblems[0].file, 'dplens.yml');
    assert.deepEqual(ruleFindings(outcome.findings), []);
  });

  it('a project\'s own dplens.yml adds mappings to the workspace\'s', () => {
    assertFixture(
      `${odcs('  - name: orders\n    properties:\n      - name: channel  # expect: datacontract/implementation-mismatch\n', 'v3.1.0', 'shop/contracts/orders.odcs.yaml')}
-- @file shop/models/fct_orders.sql
select 1 as order_id
# @file shop/dbt_project.yml
name: shop
version: '1.0.0'
profile: shop
# @file shop/dplens.yml
contracts:
  implementations:
    "shop/contracts/orders.odcs.yaml#orders": fct_orders
# @file dplens.yml
adapter: bigquery
`,
      only,
    );
  });

  it('a broken mapping is reported in the dplens.yml that holds it, not in a project\'s own one beside it', () => {
    assertFixture(
      `${odcs('  - name: orders\n    properties:\n      - name: channel\n', 'v3.1.0', 'shop/contracts/orders.odcs.yaml')}
-- @file shop/models/fct_orders.sql
select 1 as order_id
# @file shop/dbt_project.yml
name: shop
version: '1.0.0'
profile: shop
# @file shop/dplens.yml
rules:
  sql/unparseable: off
# @file dplens.yml
adapter: bigquery
contracts:
  implementations:
    "shop/contracts/orders.odcs.yaml#orders": fct_orderz  # expect: datacontract/implementation-mismatch
`,
      only,
    );
  });
});
