import assert from 'node:assert/strict';
import { tokenizeSql, type SqlToken } from '../../../server/src/core/sql/tokenizer';
import { scanSql } from '../../../server/src/core/sql/tokenizer';
import { extractSqlFacts } from '../../../server/src/core/sql/facts';

function kinds(tokens: SqlToken[]): string[] {
  return tokens.map((token) => `${token.kind}:${token.text}`);
}

describe('tokenizeSql', () => {
  it('classifies keywords, identifiers, numbers, operators and punctuation with spans', () => {
    const tokens = tokenizeSql('SELECT a.b, 1.5e3 FROM t WHERE x <> 2', 'generic');
    assert.deepEqual(kinds(tokens), [
      'keyword:SELECT', 'identifier:a', 'punctuation:.', 'identifier:b', 'punctuation:,', 'number:1.5e3',
      'keyword:FROM', 'identifier:t', 'keyword:WHERE', 'identifier:x', 'operator:<>', 'number:2',
    ]);
    assert.equal(tokens[0].value, 'select');
    assert.deepEqual(tokens[1].span, { start: 7, end: 8 });
  });

  it('quotes identifiers with backticks in BigQuery and double quotes elsewhere', () => {
    const bigquery = tokenizeSql('select "s", `p.d.t`', 'bigquery');
    assert.deepEqual(kinds(bigquery).slice(1), ['string:"s"', 'punctuation:,', 'quotedIdentifier:`p.d.t`']);
    assert.equal(bigquery[3].value, 'p.d.t');
    const snowflake = tokenizeSql('select "My ""Col"""', 'snowflake');
    assert.equal(snowflake[1].kind, 'quotedIdentifier');
    assert.equal(snowflake[1].value, 'My "Col"');
  });

  it('reads the comment forms of each dialect, including nested block comments', () => {
    assert.deepEqual(kinds(tokenizeSql('a # c\nb', 'bigquery')), ['identifier:a', 'comment:# c', 'identifier:b']);
    assert.deepEqual(kinds(tokenizeSql('a # b', 'postgres')), ['identifier:a', 'operator:#', 'identifier:b']);
    assert.deepEqual(kinds(tokenizeSql('a /* x /* y */ z */ b', 'postgres')), ['identifier:a', 'comment:/* x /* y */ z */', 'identifier:b']);
    assert.deepEqual(kinds(tokenizeSql('a -- (\nb', 'trino')), ['identifier:a', 'comment:-- (', 'identifier:b']);
  });

  it('reads prefixed, raw, triple-quoted and dollar-quoted strings', () => {
    assert.deepEqual(kinds(tokenizeSql("e'it\\'s' x", 'postgres')), ["string:e'it\\'s'", 'identifier:x']);
    assert.deepEqual(kinds(tokenizeSql("r'\\d+' x", 'bigquery')), ["string:r'\\d+'", 'identifier:x']);
    assert.deepEqual(kinds(tokenizeSql("'''a ' b''' x", 'bigquery')), ["string:'''a ' b'''", 'identifier:x']);
    assert.deepEqual(kinds(tokenizeSql("$$ it's ) $$ x", 'snowflake')), ["string:$$ it's ) $$", 'identifier:x']);
    assert.deepEqual(kinds(tokenizeSql('$fn$ a $fn$ $1', 'postgres')), ['string:$fn$ a $fn$', 'parameter:$1']);
    assert.deepEqual(kinds(tokenizeSql("'a''b' x", 'trino')), ["string:'a''b'", 'identifier:x']);
  });

  it('reads casts, Snowflake paths and stages', () => {
    assert.deepEqual(kinds(tokenizeSql('payload:customer.name::string', 'snowflake')), [
      'identifier:payload', 'operator::', 'identifier:customer', 'punctuation:.', 'identifier:name', 'operator:::', 'identifier:string',
    ]);
    assert.deepEqual(kinds(tokenizeSql('from @my_stage/path/file.csv', 'snowflake')), ['keyword:from', 'parameter:@my_stage/path/file.csv']);
  });

  it('reports unterminated strings and comments instead of throwing', () => {
    const string = scanSql("select 'abc", 'generic', false);
    assert.equal(string.errors.length, 1);
    assert.deepEqual(string.errors[0].span, { start: 7, end: 11 });
    const comment = scanSql('select /* abc', 'generic', false);
    assert.match(comment.errors[0].message, /block comment/);
    const identifier = scanSql('select "abc', 'generic', false);
    assert.match(identifier.errors[0].message, /quoted identifier/);
  });

  it('matches keywords in any case without cutting words out, and folds non-ASCII words as toLowerCase does', () => {
    assert.deepEqual(kinds(tokenizeSql('SeLeCt selected FROM_x', 'generic')), ['keyword:SeLeCt', 'identifier:selected', 'identifier:FROM_x']);
    // The Kelvin sign lower-cases to `k`, so this word is the keyword LIKE, as it was when words were lower-cased.
    const kelvin = tokenizeSql('a li\u212Ae b', 'generic');
    assert.equal(kelvin[1].kind, 'keyword');
    assert.equal(kelvin[1].value, 'like');
    // A no-break space where a token could start is blank, but after a word's first letter it is part of the word.
    assert.deepEqual(kinds(tokenizeSql('a \u00a0b c\u00a0d', 'generic')), ['identifier:a', 'identifier:b', 'identifier:c\u00a0d']);
  });

  it('gives the same facts when its reused token arrays last held a larger text', () => {
    const small = 'select a, b as c from t where d > 1';
    const fresh = JSON.stringify(extractSqlFacts(small, 'postgres'));
    extractSqlFacts(`select ${'x, '.repeat(5000)}y from big ${'join j on (k) '.repeat(500)}`, 'postgres');
    assert.equal(JSON.stringify(extractSqlFacts(small, 'postgres')), fresh);
  });
});
