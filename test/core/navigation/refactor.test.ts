/**
 * Refactorings as plain data: renaming a model (the edits, the file rename, and every refusal) and extracting a
 * CTE to a model (the exact texts, and every refusal). Changes are applied to the file map the way an editor would
 * apply them, and the result is checked again with the rules.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { extractCteAt, dedent } from '../../../server/src/core/navigation/refactor/extract-cte';
import { modelRenameTargetAt, renameModel } from '../../../server/src/core/navigation/refactor/rename-model';
import type { WorkspaceChanges } from '../../../server/src/core/navigation/refactor/types';
import type { ProjectIndex } from '../../../server/src/core/project/index-types';
import { isFoundationFinding } from '../../helpers/rule-scopes';

type Files = Record<string, string>;

/** Applies creations, then text edits (from the end of each file, so offsets stay valid), then renames. */
function applyChanges(files: Files, changes: WorkspaceChanges): Files {
  const result = { ...files };
  for (const create of changes.creates) {
    assert.equal(result[create.file], undefined, `${create.file} would be overwritten`);
    result[create.file] = create.text;
  }
  const edits = [...changes.edits].sort((a, b) => b.span.start - a.span.start);
  for (const edit of edits) {
    const text = result[edit.file];
    result[edit.file] = text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
  }
  for (const rename of changes.renames) {
    assert.equal(result[rename.to], undefined, `${rename.to} would be overwritten`);
    result[rename.to] = result[rename.from];
    delete result[rename.from];
  }
  return result;
}

function indexOf(files: Files): ProjectIndex {
  return checkWorkspace(new Map(Object.entries(files))).index;
}

/** The offset of the `|` in `marked`, a fragment of `file`'s text. */
function offsetOf(files: Files, file: string, marked: string): number {
  const cursor = marked.indexOf('|');
  const at = files[file].indexOf(marked.replace('|', ''));
  assert.ok(cursor >= 0 && at >= 0, `${JSON.stringify(marked)} is not in ${file}`);
  return at + cursor;
}

/**
 * The findings of the foundation's DAG rules (unknown refs and sources, cycles) after a refactoring: it must leave
 * every ref resolving. The DAG-structure standards (root models and the like) judge the minimal fixture, not the edit.
 */
function dagFindings(files: Files): string[] {
  return checkWorkspace(new Map(Object.entries(files)))
    .findings.filter((finding) => finding.rule.startsWith('dag/') && isFoundationFinding(finding))
    .map((finding) => `${finding.rule} ${finding.file}`);
}

const PROJECT: Files = {
  'dbt_project.yml': [
    'name: shop',
    "version: '1.0.0'",
    'profile: shop',
    'models:',
    '  shop:',
    '    staging:',
    '      +materialized: view',
    '      stg_orders:',
    '        +materialized: table',
    '',
  ].join('\n'),
  'models/staging/stg_orders.sql': 'select 1 as order_id, 1 as customer_id\n',
  'models/staging/stg_customers.sql': 'select 1 as customer_id\n',
  'models/staging/_models.yml': [
    'version: 2',
    'models:',
    '  - name: stg_orders',
    '    description: Orders.',
    '  - name: stg_customers',
    '    columns:',
    '      - name: customer_id',
    '        data_tests:',
    '          - relationships:',
    '              to: "ref(\'stg_orders\')"',
    '              field: customer_id',
    'unit_tests:',
    '  - name: orders_are_read',
    '    model: stg_orders',
    '    given: []',
    '    expect: {rows: []}',
    'exposures:',
    '  - name: dashboard',
    '    type: dashboard',
    '    owner: {name: Data}',
    '    depends_on:',
    "      - ref('stg_orders')",
    '',
  ].join('\n'),
  'models/marts/fct_orders.sql': 'select * from {{ ref(\'stg_orders\') }} join {{ ref("shop", "stg_orders") }} using (order_id)\n{# ref(\'stg_orders\') in a comment is no call #}\n',
  'models/marts/orders_py.py': 'def model(dbt, session):\n    return dbt.ref("stg_orders")\n',
  'models/marts/dynamic.sql': "select * from {{ ref(var('which', 'stg_customers')) }}\n",
  'macros/orders.sql': "{% macro orders_relation() %}{{ ref('stg_orders') }}{% endmacro %}\n",
  'seeds/raw_cities.csv': 'id,name\n1,Lyon\n',
  'snapshots/orders_snapshot.sql': "{% snapshot orders_snapshot %}\n{{ config(unique_key='order_id', strategy='check', check_cols='all') }}\nselect * from {{ ref('stg_orders') }}\n{% endsnapshot %}\n",
};

describe('refactor: rename a model', () => {
  it('renames the file, every literal ref in SQL, Python and YAML, the properties entry, the unit test and the dbt_project.yml key', () => {
    const result = renameModel(indexOf(PROJECT), 'model.shop.stg_orders', 'stg_order_lines');
    assert.ok(result.ok, !result.ok ? result.message : '');
    assert.deepEqual(result.plan.renames, [{ from: 'models/staging/stg_orders.sql', to: 'models/staging/stg_order_lines.sql' }]);
    const after = applyChanges(PROJECT, result.plan);
    assert.equal(after['models/staging/stg_orders.sql'], undefined);
    assert.equal(after['models/staging/stg_order_lines.sql'], PROJECT['models/staging/stg_orders.sql']);
    assert.equal(
      after['models/marts/fct_orders.sql'],
      'select * from {{ ref(\'stg_order_lines\') }} join {{ ref("shop", "stg_order_lines") }} using (order_id)\n{# ref(\'stg_orders\') in a comment is no call #}\n',
    );
    assert.equal(after['models/marts/orders_py.py'], 'def model(dbt, session):\n    return dbt.ref("stg_order_lines")\n');
    assert.equal(after['macros/orders.sql'], "{% macro orders_relation() %}{{ ref('stg_order_lines') }}{% endmacro %}\n");
    assert.match(after['snapshots/orders_snapshot.sql'], /select \* from \{\{ ref\('stg_order_lines'\) \}\}/);
    const yaml = after['models/staging/_models.yml'];
    assert.match(yaml, /- name: stg_order_lines\n {4}description: Orders\./);
    assert.match(yaml, /to: "ref\('stg_order_lines'\)"/);
    assert.match(yaml, /model: stg_order_lines\n/);
    assert.match(yaml, /depends_on:\n {6}- ref\('stg_order_lines'\)/);
    assert.doesNotMatch(yaml, /stg_orders/);
    assert.match(after['dbt_project.yml'], / {6}stg_order_lines:\n {8}\+materialized: table/);
    assert.equal(after['models/marts/dynamic.sql'], PROJECT['models/marts/dynamic.sql']);
    assert.deepEqual(dagFindings(after), []);
  });

  it('renames a Python model file and refs of it', () => {
    const files = { ...PROJECT, 'models/marts/reads_py.sql': "select * from {{ ref('orders_py') }}\n" };
    const result = renameModel(indexOf(files), 'model.shop.orders_py', 'orders_python');
    assert.ok(result.ok, !result.ok ? result.message : '');
    assert.deepEqual(result.plan.renames, [{ from: 'models/marts/orders_py.py', to: 'models/marts/orders_python.py' }]);
    const after = applyChanges(files, result.plan);
    assert.equal(after['models/marts/reads_py.sql'], "select * from {{ ref('orders_python') }}\n");
    assert.deepEqual(dagFindings(after), []);
  });

  it("leaves refs to another package's model of the same name, and other projects' unqualified refs, alone", () => {
    const files = {
      ...PROJECT,
      'packages.yml': 'packages:\n  - package: acme/util\n    version: 1.0.0\n',
      'dbt_packages/util/dbt_project.yml': "name: util\nversion: '1.0.0'\n",
      'dbt_packages/util/models/helper.sql': "select * from {{ ref('stg_orders') }}\n",
      'models/marts/util_ref.sql': "select * from {{ ref('util', 'stg_orders') }}\n",
    };
    const result = renameModel(indexOf(files), 'model.shop.stg_orders', 'stg_order_lines');
    assert.ok(result.ok, !result.ok ? result.message : '');
    assert.ok(!result.plan.edits.some((edit) => edit.file.startsWith('dbt_packages/') || edit.file === 'models/marts/util_ref.sql'));
  });

  const targets: { name: string; file: string; marked: string; expected: string | undefined }[] = [
    { name: 'a ref() in SQL', file: 'models/marts/fct_orders.sql', marked: "ref('stg_o|rders')", expected: 'stg_orders' },
    { name: 'a package-qualified ref()', file: 'models/marts/fct_orders.sql', marked: 'ref("shop", "stg_or|ders")', expected: 'stg_orders' },
    { name: 'dbt.ref() in Python', file: 'models/marts/orders_py.py', marked: 'dbt.ref("stg_|orders")', expected: 'stg_orders' },
    { name: "a YAML test's to: ref()", file: 'models/staging/_models.yml', marked: "ref('stg_ord|ers')\"", expected: 'stg_orders' },
    { name: 'the name: of a properties entry', file: 'models/staging/_models.yml', marked: '- name: stg_cus|tomers', expected: 'stg_customers' },
    { name: 'a Jinja comment', file: 'models/marts/fct_orders.sql', marked: "{# ref('stg_or|ders')", expected: undefined },
    { name: 'SQL outside any call', file: 'models/marts/fct_orders.sql', marked: 'using (ord|er_id)', expected: undefined },
  ];
  for (const { name, file, marked, expected } of targets) {
    it(`${expected ? 'finds' : 'finds nothing to rename at'} ${name}`, () => {
      const index = indexOf(PROJECT);
      const found = modelRenameTargetAt(index, file, offsetOf(PROJECT, file, marked));
      if (expected === undefined) return assert.equal(found, undefined);
      assert.ok(found?.ok, JSON.stringify(found));
      assert.equal(found.target.name, expected);
      assert.equal(index.text(file)!.slice(found.target.span.start, found.target.span.end), expected);
    });
  }

  const VERSIONED: Files = {
    'models/dim_v_v1.sql': 'select 1 as id\n',
    'models/dim_v_v2.sql': 'select 1 as id\n',
    'models/_versions.yml': 'version: 2\nmodels:\n  - name: dim_v\n    latest_version: 2\n    versions:\n      - v: 1\n      - v: 2\n',
    'models/reads_v.sql': "select * from {{ ref('dim_v') }}\n",
  };
  const PACKAGE: Files = {
    'packages.yml': 'packages:\n  - package: acme/util\n    version: 1.0.0\n',
    'dbt_packages/util/dbt_project.yml': "name: util\nversion: '1.0.0'\n",
    'dbt_packages/util/models/pkg_model.sql': 'select 1 as id\n',
    'models/reads_pkg.sql': "select * from {{ ref('pkg_model') }}\n",
  };
  const MACRO_REFS: Files = {
    'macros/simple_cte.sql': '{%- macro simple_cte(pairs) -%}\nwith{% for pair in pairs %} {{ pair[0] }} as (select * from {{ ref(pair[1]) }}){%- if not loop.last -%},{%- endif -%}{%- endfor -%}\n{%- endmacro %}\n',
    'models/marts/via_macro.sql': "{{ simple_cte([('orders', 'stg_orders')]) }}\nselect * from orders\n",
  };

  const refusals: { name: string; files?: Files; file: string; marked: string; newName?: string; message: RegExp }[] = [
    { name: 'a name with a dash', file: 'models/marts/fct_orders.sql', marked: "ref('stg_|orders')", newName: 'stg-orders', message: /`stg-orders` is not a valid dbt model name.*such as `stg_orders`/ },
    { name: 'a name starting with a digit', file: 'models/marts/fct_orders.sql', marked: "ref('stg_|orders')", newName: '2orders', message: /not a valid dbt model name/ },
    { name: 'a name with a dot', file: 'models/marts/fct_orders.sql', marked: "ref('stg_|orders')", newName: 'stg.orders', message: /not a valid dbt model name/ },
    { name: 'the same name', file: 'models/marts/fct_orders.sql', marked: "ref('stg_|orders')", newName: 'stg_orders', message: /already named `stg_orders`/ },
    { name: "another model's name", file: 'models/marts/fct_orders.sql', marked: "ref('stg_|orders')", newName: 'stg_customers', message: /already the name of the model `stg_customers` in `models\/staging\/stg_customers.sql`.*ambiguous/ },
    { name: "another model's name in other letter case", file: 'models/marts/fct_orders.sql', marked: "ref('stg_|orders')", newName: 'STG_Customers', message: /the model `stg_customers`/ },
    { name: "a seed's name", file: 'models/marts/fct_orders.sql', marked: "ref('stg_|orders')", newName: 'raw_cities', message: /the seed `raw_cities`/ },
    { name: "a snapshot's name", file: 'models/marts/fct_orders.sql', marked: "ref('stg_|orders')", newName: 'orders_snapshot', message: /the snapshot `orders_snapshot`/ },
    { name: "a package model's name", files: PACKAGE, file: 'models/marts/fct_orders.sql', marked: "ref('stg_|orders')", newName: 'pkg_model', message: /in the installed package `util`/ },
    { name: 'a name only a properties entry has', files: { 'models/_ghost.yml': 'version: 2\nmodels:\n  - name: ghost\n' }, file: 'models/marts/fct_orders.sql', marked: "ref('stg_|orders')", newName: 'ghost', message: /described by an entry in `models\/_ghost.yml`/ },
    { name: 'a versioned model', files: VERSIONED, file: 'models/reads_v.sql', marked: "ref('dim|_v')", message: /versioned model, and renaming versioned models is not supported/ },
    { name: 'a model of an installed package', files: PACKAGE, file: 'models/reads_pkg.sql', marked: "ref('pkg|_model')", message: /installed package `util` \(dbt_packages\/\)/ },
    { name: 'a seed', files: { 'models/reads_seed.sql': "select * from {{ ref('raw_cities') }}\n" }, file: 'models/reads_seed.sql', marked: "ref('raw_ci|ties')", message: /is a seed, and only models can be renamed/ },
    { name: 'a ref that resolves to nothing', files: { 'models/typo.sql': "select * from {{ ref('stg_ordrs') }}\n" }, file: 'models/typo.sql', marked: "ref('stg_or|drs')", message: /does not resolve to a model/ },
    { name: 'a model also read through a macro', files: MACRO_REFS, file: 'models/marts/fct_orders.sql', marked: "ref('stg_|orders')", message: /`models\/marts\/via_macro.sql:1` through the macro `simple_cte`/ },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.name}`, () => {
      const files = { ...PROJECT, ...refusal.files };
      const index = indexOf(files);
      const found = modelRenameTargetAt(index, refusal.file, offsetOf(files, refusal.file, refusal.marked));
      assert.ok(found, 'a rename target');
      const result = found.ok ? renameModel(index, found.target.nodeId, refusal.newName ?? 'renamed_model') : found;
      assert.equal(result.ok, false);
      assert.match((result as { message: string }).message, refusal.message);
    });
  }
});

describe('refactor: extract a CTE to a model', () => {
  const MODEL = [
    "{{ config(materialized='table') }}",
    '',
    'with orders as (',
    '',
    '    select',
    '        order_id,',
    "        '{{ var(\"currency\", \"EUR\") }}",
    "    multi-line' as note  -- the string keeps its line as written",
    "    from {{ ref('stg_orders') }}",
    "    {% if var('only_paid', false) %}",
    "        where status = 'paid'",
    '    {% endif %}',
    '',
    '),',
    '',
    'customers as (select customer_id from {{ ref(\'stg_customers\') }}),',
    '',
    'joined as (',
    '    select * from orders join customers using (customer_id)',
    ')',
    '',
    'select * from joined',
    '',
  ].join('\n');
  const files = (text: string, extra: Files = {}): Files => ({ ...PROJECT, 'models/marts/fct_orders.sql': text, ...extra });
  const FILE = 'models/marts/fct_orders.sql';

  const extract = (all: Files, marked: string, selectionEnd?: string) => {
    const start = offsetOf(all, FILE, marked);
    const end = selectionEnd ? offsetOf(all, FILE, selectionEnd) : start;
    return extractCteAt(indexOf(all), FILE, { start, end });
  };

  it('moves the body, dedented with its Jinja byte for byte, to a new model and reads it with ref()', () => {
    const all = files(MODEL);
    const result = extract(all, 'with or|ders as');
    assert.ok(result?.ok, JSON.stringify(result));
    assert.equal(result.extraction.model, 'orders');
    assert.equal(result.extraction.title, 'Extract CTE `orders` to a new model');
    assert.deepEqual(result.extraction.renames, []);
    assert.deepEqual(result.extraction.creates, [
      {
        file: 'models/marts/orders.sql',
        text: [
          'select',
          '    order_id,',
          "    '{{ var(\"currency\", \"EUR\") }}",
          "    multi-line' as note  -- the string keeps its line as written",
          "from {{ ref('stg_orders') }}",
          "{% if var('only_paid', false) %}",
          "    where status = 'paid'",
          '{% endif %}',
          '',
        ].join('\n'),
      },
    ]);
    const after = applyChanges(all, result.extraction);
    assert.equal(after[FILE], MODEL.replace(/with orders as \(\n[\s\S]*?\n\),/, "with orders as (\n\n    select * from {{ ref('orders') }}\n\n),"));
    assert.deepEqual(dagFindings(after), []);
  });

  it('extracts a one-line CTE from a cursor or a selection in its body', () => {
    const all = files(MODEL);
    for (const result of [extract(all, 'select custo|mer_id from'), extract(all, 'select |customer_id', 'customer_id from {{ ref(\'stg_customers\') }}|)')]) {
      assert.ok(result?.ok, JSON.stringify(result));
      assert.deepEqual(result.extraction.creates, [{ file: 'models/marts/customers.sql', text: "select customer_id from {{ ref('stg_customers') }}\n" }]);
      assert.match(applyChanges(all, result.extraction)[FILE], /\ncustomers as \(select \* from \{\{ ref\('customers'\) \}\}\),\n/);
    }
  });

  it('names the model <cte>_2 when a model already has the CTE name, and says so', () => {
    const all = files(MODEL, { 'models/staging/orders.sql': 'select 1 as order_id\n' });
    const result = extract(all, 'with or|ders as');
    assert.ok(result?.ok, JSON.stringify(result));
    assert.equal(result.extraction.model, 'orders_2');
    assert.equal(result.extraction.creates[0].file, 'models/marts/orders_2.sql');
    assert.match(result.extraction.title, /new model `orders_2` \(`orders` is taken\)/);
    assert.match(applyChanges(all, result.extraction)[FILE], /select \* from \{\{ ref\('orders_2'\) \}\}/);
  });

  it('keeps CRLF line ends', () => {
    const text = 'with orders as (\r\n    select 1 as order_id\r\n      from x\r\n)\r\nselect * from orders\r\n';
    const result = extract(files(text), 'with or|ders');
    assert.ok(result?.ok, JSON.stringify(result));
    assert.equal(result.extraction.creates[0].text, 'select 1 as order_id\r\n  from x\r\n');
  });

  it('extracts a literal CTE that follows CTEs a Jinja loop writes', () => {
    const text = "with\n{% for n in ['a', 'b'] %}\n{{ n }} as (select 1 as id),\n{% endfor %}\nlast as (select 2 as id)\nselect * from last\n";
    const result = extract(files(text), 'select 2 as |id');
    assert.ok(result?.ok, JSON.stringify(result));
    assert.deepEqual(result.extraction.creates, [{ file: 'models/marts/last.sql', text: 'select 2 as id\n' }]);
  });

  it('offers nothing outside a CTE or in a file without a WITH', () => {
    assert.equal(extract(files(MODEL), 'select * from jo|ined'), undefined);
    assert.equal(extract(files(MODEL), "{{ config(mat|erialized='table') }}"), undefined);
    assert.equal(extract(files('select * from {{ ref(\'stg_orders\') }}\n'), 'select * fr|om'), undefined);
    // A selection that runs from one CTE into the next belongs to neither.
    assert.equal(extract(files(MODEL), 'with or|ders as', 'customers as (sel|ect'), undefined);
  });

  const refusals: { name: string; text: string; marked: string; message: RegExp }[] = [
    { name: 'a CTE that reads an earlier CTE', text: MODEL, marked: 'select * from ord|ers join', message: /`joined` reads the CTE `orders` of this model.*Extract `orders` first/ },
    { name: 'a recursive WITH', text: 'with recursive n as (select 1 as i union all select i + 1 from n where i < 3)\nselect * from n\n', marked: 'select 1 as |i', message: /recursive WITH/ },
    { name: 'a CTE with a column list', text: 'with renamed (a, b) as (select 1, 2)\nselect * from renamed\n', marked: 'select |1, 2', message: /column list/ },
    { name: 'a body that reads {{ this }}', text: 'with prior as (select max(id) as id from {{ this }})\nselect * from prior\n', marked: 'select ma|x(id)', message: /reads `\{\{ this \}\}`/ },
    {
      name: 'a body with an is_incremental() block',
      text: "with fresh as (\n  select * from {{ ref('stg_orders') }}\n  {% if is_incremental() %}where order_id > 0{% endif %}\n)\nselect * from fresh\n",
      marked: 'select * fr|om',
      message: /is_incremental\(\)/,
    },
    { name: 'a body that uses a Jinja variable set elsewhere', text: "{% set cutoff = 10 %}\nwith recent as (select * from {{ ref('stg_orders') }} where order_id > {{ cutoff }})\nselect * from recent\n", marked: 'where order_|id', message: /Jinja variable `cutoff` set elsewhere/ },
    { name: 'a CTE inside a Jinja if', text: "with\n{% if true %}\npicked as (select 1 as id)\n{% endif %}\nselect * from picked\n", marked: 'select 1 as |id', message: /inside a Jinja block/ },
    { name: 'a CTE written by a Jinja loop', text: "with\n{% for n in ['a', 'b'] %}\n{{ n }} as (select 1 as id),\n{% endfor %}\nlast as (select 2 as id)\nselect * from last\n", marked: 'select 1 as |id', message: /This CTE is written by Jinja/ },
    { name: 'a CTE whose name is not a model name', text: 'with "Order Lines" as (select 1 as id)\nselect * from "Order Lines"\n', marked: 'select 1 as |id', message: /not a valid dbt model name/ },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.name}`, () => {
      const result = extract(files(refusal.text), refusal.marked);
      assert.ok(result && !result.ok, JSON.stringify(result));
      assert.match(result.message, refusal.message);
    });
  }

  it('offers nothing in a model of an installed package', () => {
    const all = {
      ...PROJECT,
      'packages.yml': 'packages:\n  - package: acme/util\n    version: 1.0.0\n',
      'dbt_packages/util/dbt_project.yml': "name: util\nversion: '1.0.0'\n",
      'dbt_packages/util/models/pkg_model.sql': 'with a as (select 1 as id)\nselect * from a\n',
    };
    const text = all['dbt_packages/util/models/pkg_model.sql'];
    assert.equal(extractCteAt(indexOf(all), 'dbt_packages/util/models/pkg_model.sql', { start: text.indexOf('select 1'), end: text.indexOf('select 1') }), undefined);
  });

  const dedents: { name: string; body: string; expected: string }[] = [
    { name: 'common indentation', body: '\n    select a,\n      b\n    from x\n', expected: 'select a,\n  b\nfrom x' },
    { name: 'a first line on the line of the parenthesis', body: 'select a,\n        b\n      from x', expected: 'select a,\n  b\nfrom x' },
    { name: 'a multi-line Jinja tag', body: '\n    select {{ dbt_utils.star(\n        ref("x")\n    ) }}\n    from y\n', expected: 'select {{ dbt_utils.star(\n        ref("x")\n    ) }}\nfrom y' },
    { name: 'a block comment', body: '\n    /* a\n       b */\n    select 1\n', expected: '/* a\n       b */\nselect 1' },
  ];
  for (const { name, body, expected } of dedents) {
    it(`dedents a body with ${name}`, () => assert.equal(dedent(body), expected));
  }
});
