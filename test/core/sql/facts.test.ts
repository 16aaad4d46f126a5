import assert from 'node:assert/strict';
import { extractSqlFacts } from '../../../server/src/core/sql/facts';
import type { Dialect } from '../../../server/src/core/sql/dialect';

function relations(sql: string, dialect: Dialect = 'generic'): string[] {
  return extractSqlFacts(sql, dialect).relations.map((relation) => `${relation.clause}:${relation.parts.join('.')}`);
}

function columns(sql: string, dialect: Dialect = 'generic'): string[] {
  return extractSqlFacts(sql, dialect).outputColumns.map((column) => `${column.kind}:${column.name}`);
}

describe('extractSqlFacts: relations', () => {
  it('finds relations in every kind of join, comma joins and subqueries', () => {
    const sql = `select * from a
      join b on a.id = b.id
      left outer join c using (id)
      full join d on true
      cross join e, f
      natural join g
      inner join (select * from h) hh on 1 = 1
      where x in (select y from i)`;
    assert.deepEqual(relations(sql), ['from:a', 'join:b', 'join:c', 'join:d', 'join:e', 'from:f', 'join:g', 'from:h', 'from:i']);
  });

  it('does not report CTE references and respects CTE scope', () => {
    const sql = `with orders as (select * from orders),
      recent as (select * from orders where d > 1)
      select * from recent join (with inner_cte as (select 1 from raw.t) select * from inner_cte) x on true
      join inner_cte on true`;
    // The first CTE body reads the table `orders`, since a CTE does not see itself.
    assert.deepEqual(relations(sql), ['from:orders', 'from:raw.t', 'join:inner_cte']);
    const facts = extractSqlFacts(sql, 'generic');
    assert.deepEqual(facts.ctes.map((cte) => cte.name), ['orders', 'recent', 'inner_cte']);
  });

  it('lets a recursive CTE refer to itself', () => {
    const sql = 'with recursive tree as (select id from nodes union all select n.id from nodes n join tree t on n.parent = t.id) select * from tree';
    assert.deepEqual(relations(sql), ['from:nodes', 'from:nodes']);
  });

  it('skips table functions, UNNEST, FLATTEN, generate_series, VALUES and stages', () => {
    assert.deepEqual(relations('select * from t, unnest(t.items) as item', 'bigquery'), ['from:t']);
    assert.deepEqual(relations('select * from t, lateral flatten(input => t.payload:items) f', 'snowflake'), ['from:t']);
    assert.deepEqual(relations('select * from generate_series(1, 10) g', 'postgres'), []);
    assert.deepEqual(relations("select * from (values (1, 'a'), (2, 'b')) v(x, y)", 'postgres'), []);
    assert.deepEqual(relations('select $1 from @raw.stage/file.csv', 'snowflake'), []);
    assert.deepEqual(relations('select * from table(flatten(input => parse_json(x)))', 'snowflake'), []);
  });

  it('reads quoted and dotted names per dialect', () => {
    const bigquery = extractSqlFacts('select * from `proj.ds.tbl` join `p`.d.`t` on true join my-project.ds.t2 on true', 'bigquery');
    assert.deepEqual(bigquery.relations.map((relation) => relation.parts), [['proj', 'ds', 'tbl'], ['p', 'd', 't'], ['my-project', 'ds', 't2']]);
    assert.equal(bigquery.relations[0].text, '`proj.ds.tbl`');
    assert.deepEqual(bigquery.relations[0].span, { start: 14, end: 27 });
    const snowflake = extractSqlFacts('select * from "RAW"."Shop".orders', 'snowflake');
    assert.deepEqual(snowflake.relations[0].parts, ['RAW', 'Shop', 'orders']);
  });

  it('does not read FROM inside expressions as a relation', () => {
    const sql = `select extract(day from created_at) as d, substring(name from 1 for 2) s, trim(both 'x' from code) c,
      a is distinct from b as changed, a is not distinct from b same
      from t where x is distinct from y`;
    assert.deepEqual(relations(sql), ['from:t']);
    assert.deepEqual(columns(sql), ['transform:d', 'transform:s', 'transform:c', 'transform:changed', 'transform:same']);
  });

  it('handles dbt DDL and DML', () => {
    assert.deepEqual(relations('insert into analytics.t (a, b) select a, b from stg'), ['into:analytics.t', 'from:stg']);
    assert.deepEqual(
      relations('merge into tgt as t using (select * from src) s on t.id = s.id when matched then update set a = s.a when not matched then insert (a) values (s.a)'),
      ['merge:tgt', 'from:src'],
    );
    assert.deepEqual(relations('merge into tgt t using src s on t.id = s.id when matched then delete'), ['merge:tgt', 'using:src']);
    assert.deepEqual(relations('create or replace table db.t as (select * from a join b on true)'), ['into:db.t', 'from:a', 'join:b']);
    assert.deepEqual(relations('delete from t using u where t.id = u.id'), ['other:t', 'using:u']);
    assert.deepEqual(relations('update t set a = 1 from u where t.id = u.id'), ['update:t', 'from:u']);
    assert.deepEqual(columns('create temp table x as select a, b as c from y'), ['passthrough:a', 'rename:c']);
  });

  it('flags placeholders left by the Jinja renderer as incomplete', () => {
    const facts = extractSqlFacts('with a as (__dplens_expr_0__) select * from __dplens_expr_1__', 'generic');
    assert.equal(facts.relationsComplete, false);
    assert.equal(facts.errors.length, 0);
    const leading = extractSqlFacts('__dplens_expr_0__\n\nselect a from stg_orders', 'generic');
    assert.deepEqual(leading.relations.map((relation) => relation.text), ['stg_orders']);
    assert.equal(leading.relationsComplete, true);
  });
});

describe('extractSqlFacts: columns', () => {
  it('names output columns of the final SELECT with and without AS', () => {
    const facts = extractSqlFacts(
      `with c as (select z from t) select o.id, o.amount as amt, o.status state, sum(o.x + y) total, case when a then 1 end flag,
        cast(b as int) as b_int, count(*), o.id as id from c o`,
      'generic',
    );
    assert.deepEqual(facts.outputColumns.map((column) => `${column.kind}:${column.name}`), [
      'passthrough:id', 'rename:amt', 'rename:state', 'transform:total', 'transform:flag', 'transform:b_int', 'transform:count(*)', 'passthrough:id',
    ]);
    assert.deepEqual(facts.outputColumns[3].sources, ['o.x', 'y']);
    assert.deepEqual(facts.outputColumns[5].sources, ['b']);
    assert.equal(facts.outputColumns[1].expression, 'o.amount');
  });

  it('reports stars with their modifiers', () => {
    assert.deepEqual(columns('select * except (a, b), t.*, u.* replace (1 as c) from t, u', 'bigquery'), ['star:*', 'star:t.*', 'star:u.*']);
    assert.deepEqual(columns('select * exclude (a) from t', 'snowflake'), ['star:*']);
    assert.equal(extractSqlFacts('select * from t', 'generic').selectStar, true);
    assert.equal(extractSqlFacts('select a from t', 'generic').selectStar, false);
  });

  it('takes the first branch of a UNION', () => {
    assert.deepEqual(columns('select a, b as c from x union all select d, e from y'), ['passthrough:a', 'rename:c']);
    assert.deepEqual(columns('(select a from x) union (select b from y)'), ['passthrough:a']);
    assert.deepEqual(relations('select a from x union select b from y except select c from z'), ['from:x', 'from:y', 'from:z']);
  });

  it('reads Snowflake paths and casts as references to the base column', () => {
    const facts = extractSqlFacts('select payload:customer.name::string as customer_name, id::int from raw', 'snowflake');
    assert.deepEqual(facts.outputColumns.map((column) => [column.name, column.kind, column.sources]), [
      ['customer_name', 'transform', ['payload']],
      ['id::int', 'transform', ['id']],
    ]);
  });

  it('collects columns used in WHERE, JOIN and GROUP BY, mapping ordinals to output columns', () => {
    const facts = extractSqlFacts(
      `select o.customer_id as customer, date_trunc(month, o.ordered_at) m, count(*) n
       from orders o join customers c on o.customer_id = c.id and c.active join regions r using (region_id)
       where o.status = 'done' and o.amount > interval '1' day and not exists (select 1 from x where x.k = o.k)
       group by 1, date_trunc(month, o.ordered_at)`,
      'snowflake',
    );
    const names = (uses: { name: string }[]) => uses.map((use) => use.name);
    assert.deepEqual(names(facts.columnsUsed.join), ['o.customer_id', 'c.id', 'c.active', 'region_id']);
    assert.deepEqual(names(facts.columnsUsed.where), ['o.status', 'o.amount', 'x.k', 'o.k']);
    assert.deepEqual(names(facts.columnsUsed.groupBy), ['customer', 'o.ordered_at']);
    assert.deepEqual(facts.relations.map((relation) => relation.text), ['orders', 'customers', 'regions', 'x']);
  });
});

describe('extractSqlFacts: errors', () => {
  it('locates unbalanced parentheses and keeps what it found', () => {
    const facts = extractSqlFacts('select a from (select b from t', 'generic');
    assert.equal(facts.errors.length, 1);
    assert.deepEqual(facts.errors[0].span, { start: 14, end: 15 });
    assert.equal(facts.relationsComplete, false);
    assert.deepEqual(facts.relations.map((relation) => relation.text), ['t']);
    const stray = extractSqlFacts('select a) from t', 'generic');
    assert.match(stray.errors[0].message, /Unmatched/);
  });

  it('reports a missing SELECT, an empty FROM and unterminated strings', () => {
    assert.match(extractSqlFacts('__dplens_expr_0__', 'generic').errors[0].message, /No SELECT/);
    assert.match(extractSqlFacts('', 'generic').errors[0].message, /No SQL/);
    assert.match(extractSqlFacts('select a from where b', 'generic').errors[0].message, /Expected a relation/);
    const unterminated = extractSqlFacts("select 'a from t", 'generic');
    assert.equal(unterminated.columnsComplete, false);
    assert.match(unterminated.errors[0].message, /Unterminated/);
  });

  it('counts statements', () => {
    assert.equal(extractSqlFacts('select 1; select 2 from t;', 'generic').statements, 2);
  });
});
