/**
 * Incremental updates of the workspace index: what an edit recomputes, which files it marks affected,
 * and that the findings after a series of edits equal those of a fresh full build.
 */
import assert from 'node:assert/strict';
import { FOUNDATION_RULES } from '../../helpers/rule-scopes';
import { IncrementalSession } from './helpers';

/** A chain stg_orders → orders → revenue → report, a broken ref, and a properties file for two of them. */
const CHAIN = `
# @file models/_models.yml
version: 2
models:
  - name: stg_orders
    config:
      materialized: table
  - name: orders
    config:
      tags: ['core']
# @file models/stg_orders.sql
select 1 as order_id
# @file models/orders.sql
select * from {{ ref('stg_orders') }}
# @file models/revenue.sql
select * from {{ ref('orders') }}
# @file models/report.sql
select * from {{ ref('revenue') }}
# @file models/typo.sql
select * from {{ ref('ordrs') }}
# @file models/future.sql
select * from {{ ref('new_model') }}
`;

const sorted = (list: string[]) => [...list].sort();

/** Each step's edit, and what the UpdateResult must say about it. */
interface Step {
  title: string;
  edits: [file: string, text: string | undefined][];
  reanalysed?: string[];
  affected?: string[];
  /** Substrings that must, or must not, appear in the findings after the step. */
  present?: string[];
  absent?: string[];
}

const STEPS: Step[] = [
  {
    title: 'editing a model re-analyses only it, and affects only it and its direct neighbours',
    edits: [['models/orders.sql', 'select order_id from {{ ref("stg_orders") }}\n']],
    reanalysed: ['models/orders.sql'],
    affected: ['models/orders.sql', 'models/stg_orders.sql', 'models/revenue.sql'],
  },
  {
    title: 'fixing a misspelt ref removes its finding',
    edits: [['models/typo.sql', "select * from {{ ref('orders') }}\n"]],
    reanalysed: ['models/typo.sql'],
    affected: ['models/typo.sql', 'models/orders.sql'],
    absent: ["ref('ordrs')"],
  },
  {
    title: 'adding the model a broken ref names affects the referencing file and clears the finding',
    edits: [['models/new_model.sql', 'select 1 as id\n']],
    reanalysed: ['models/new_model.sql'],
    affected: ['models/new_model.sql', 'models/future.sql'],
    absent: ["ref('new_model')"],
  },
  {
    title: 'editing a properties file re-derives only the models whose entries changed',
    edits: [['models/_models.yml', "version: 2\nmodels:\n  - name: stg_orders\n    config:\n      materialized: table\n  - name: orders\n    config:\n      tags: ['core', 'finance']\n"]],
    reanalysed: ['models/_models.yml'],
    // orders is re-derived; its parent and children are affected because its config changed.
    affected: ['models/_models.yml', 'models/orders.sql', 'models/stg_orders.sql', 'models/revenue.sql', 'models/typo.sql'],
  },
  {
    title: 'disabling a model in the properties makes its children’s refs report it as disabled',
    edits: [['models/_models.yml', 'version: 2\nmodels:\n  - name: revenue\n    config:\n      enabled: false\n']],
    present: ["`ref('revenue')` points at a disabled model"],
  },
  {
    title: 'deleting the properties file drops the configuration it gave',
    edits: [['models/_models.yml', undefined]],
    absent: ['disabled model'],
  },
  {
    title: 'deleting a model makes its children’s refs unknown',
    edits: [['models/stg_orders.sql', undefined]],
    reanalysed: [],
    affected: ['models/orders.sql'],
    present: ["models/orders.sql:1:25 dag/unknown-ref `ref('stg_orders')` names no model"],
  },
  {
    title: 'a new model changes the suggestion of an unrelated unknown ref, and that file is affected',
    edits: [
      ['models/lonely.sql', "select * from {{ ref('customrs') }}\n"],
      ['models/customers.sql', 'select 1 as customer_id\n'],
    ],
    present: ["`ref('customrs')` names no model, seed or snapshot in project `fixture`: dbt fails to compile `lonely` and stops the whole run. Did you mean `customers`?"],
  },
  {
    title: 'a properties file that declares versions turns existing files into versions',
    edits: [
      ['models/dim_v1.sql', 'select 1 as id\n'],
      ['models/dim_v2.sql', 'select 1 as id\n'],
      ['models/uses_dim.sql', "select * from {{ ref('dim', v=2) }}\n"],
      ['models/_dim.yml', 'version: 2\nmodels:\n  - name: dim\n    versions:\n      - v: 1\n      - v: 2\n'],
    ],
    absent: ["ref('dim')"],
  },
  {
    title: 'dropping a version makes a ref to it unknown',
    edits: [['models/_dim.yml', 'version: 2\nmodels:\n  - name: dim\n    versions:\n      - v: 1\n']],
    present: ['asks for version 2'],
  },
  {
    title: 'sources appearing and disappearing update the source findings',
    edits: [
      ['models/_sources.yml', 'version: 2\nsources:\n  - name: raw\n    tables:\n      - name: payments\n'],
      ['models/payments.sql', "select * from {{ source('raw', 'paymnts') }}\n"],
      ['models/_sources.yml', 'version: 2\nsources:\n  - name: raw\n    tables:\n      - name: refunds\n'],
      ['models/_sources.yml', undefined],
    ],
    present: ['No properties file declares a source named `raw`'],
  },
];

describe('incremental index updates', () => {
  const session = new IncrementalSession(CHAIN);

  it('starts from the same findings as a full check', () => {
    assert.deepEqual(session.findings(), session.fullFindings());
    // The two broken refs; the standards rules also judge this minimal project, but that is not what is counted here.
    assert.equal(session.findings({ onlyRules: FOUNDATION_RULES }).length, 2);
  });

  // The steps run in order on one session, so each starts from the state the previous ones left.
  for (const step of STEPS) {
    it(step.title, () => {
      let result;
      for (const [file, text] of step.edits) result = session.edit(file, text);
      if (step.reanalysed) assert.deepEqual(sorted(result!.reanalysed), sorted(step.reanalysed), 'reanalysed');
      if (step.affected) assert.deepEqual(sorted(result!.affected), sorted(step.affected), 'affected');
      const findings = session.findings();
      assert.deepEqual(findings, session.fullFindings(), 'incremental findings differ from a full build');
      for (const text of step.present ?? []) assert.ok(findings.some((line) => line.includes(text)), `no finding mentions ${text}:\n${findings.join('\n')}`);
      for (const text of step.absent ?? []) assert.ok(!findings.some((line) => line.includes(text)), `a finding still mentions ${text}:\n${findings.join('\n')}`);
    });
  }

  it('keeps the node objects of models whose properties entries did not change', () => {
    const fresh = new IncrementalSession(CHAIN);
    const before = new Map(['models/stg_orders.sql', 'models/orders.sql', 'models/revenue.sql'].map((file) => [file, fresh.index.nodesOfFile(file)[0]]));
    fresh.edit('models/_models.yml', "version: 2\nmodels:\n  - name: stg_orders\n    config:\n      materialized: table\n  - name: orders\n    config:\n      tags: ['changed']\n");
    assert.equal(fresh.index.nodesOfFile('models/stg_orders.sql')[0], before.get('models/stg_orders.sql'), 'stg_orders was re-derived');
    assert.equal(fresh.index.nodesOfFile('models/revenue.sql')[0], before.get('models/revenue.sql'), 'revenue was re-derived');
    assert.notEqual(fresh.index.nodesOfFile('models/orders.sql')[0], before.get('models/orders.sql'));
    assert.deepEqual(fresh.index.nodesOfFile('models/orders.sql')[0].config.tags, ['changed']);
  });

  it('does nothing when a file is saved unchanged', () => {
    const fresh = new IncrementalSession(CHAIN);
    assert.deepEqual(fresh.edit('models/orders.sql', fresh.files.get('models/orders.sql')!), { reanalysed: [], affected: [], graphChanged: false, rebuilt: false });
  });

  it('rebuilds everything when dbt_project.yml changes', () => {
    const fresh = new IncrementalSession(CHAIN);
    const result = fresh.edit('dbt_project.yml', "name: renamed\nprofile: fixture\nmodels:\n  renamed:\n    +enabled: false\n");
    assert.equal(result.rebuilt, true);
    assert.deepEqual(fresh.findings(), fresh.fullFindings());
    assert.equal(fresh.index.nodesOfFile('models/orders.sql')[0].uniqueId, 'model.renamed.orders');
  });
});
