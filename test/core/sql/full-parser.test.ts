import assert from 'node:assert/strict';
import { codePointToUtf16, loadPolyglotParser } from '../../../server/src/core/sql/full-parser';

describe('loadPolyglotParser', () => {
  it('loads once and parses warehouse syntax with relations and output columns', async () => {
    const first = loadPolyglotParser();
    assert.equal(first, loadPolyglotParser());
    const parser = await first;
    assert.equal(parser.name, 'polyglot');
    const result = parser.parse(
      'with c as (select * from raw.orders) select c.id, safe_cast(x as int64) as y from c join `p.d.t` t using (id) qualify row_number() over (partition by id) = 1',
      'bigquery',
    );
    assert.equal(result.ok, true);
    assert.deepEqual(result.relations, ['raw.orders', 'p.d.t']);
    assert.deepEqual(result.outputColumns, ['id', 'y']);
    assert.ok(result.millis >= 0);
    assert.equal(parser.parse("select payload:customer.name::string from t", 'snowflake').ok, true);
    assert.equal(parser.parse('select a from t where x is distinct from y', 'postgres').ok, true);
  });

  it('maps error positions to UTF-16 spans', async () => {
    const parser = await loadPolyglotParser();
    const sql = "select '😀é', x from t where";
    const result = parser.parse(sql, 'postgres');
    assert.equal(result.ok, false);
    assert.equal(result.errors.length, 1);
    const span = result.errors[0].span;
    assert.equal(sql.slice(span.start, span.end), 'where');
  });

  it('converts code point offsets to UTF-16 offsets', () => {
    assert.equal(codePointToUtf16('a😀b', 2), 3);
    assert.equal(codePointToUtf16('abc', 10), 3);
  });
});
