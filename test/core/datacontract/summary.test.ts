/** The per-file summary of a data contract: loaded value, standard and version, syntax errors, located problems. */
import assert from 'node:assert/strict';
import { summarizeFile, type DataContractSummary } from '../../../server/src/core/project/summary';
import { formatPath } from '../../../server/src/core/datacontract/validate';

const summarize = (text: string, path = 'contracts/x.odcs.yaml') => summarizeFile(path, text, 'data-contract', 'bigquery') as DataContractSummary;

const ODCS = `apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
contractCreatedTs: 2024-01-01
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
`;

describe('data contract summary', () => {
  it('keeps the contract as plain data, with unquoted dates as strings', () => {
    const summary = summarize(ODCS);
    assert.equal(summary.kind, 'data-contract');
    assert.equal(summary.flavour, 'odcs');
    assert.equal(summary.version, 'v3.1.0');
    assert.equal((summary.contract as Record<string, unknown>).contractCreatedTs, '2024-01-01');
    assert.deepEqual(summary.errors, []);
    assert.deepEqual(summary.problems, []);
    // Summaries are persisted between sessions: they must survive JSON.
    assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
  });

  it('reports syntax errors with spans and validates nothing then', () => {
    const summary = summarize(`${ODCS}  - name: [unclosed\n`);
    assert.ok(summary.errors.length > 0);
    assert.ok(summary.errors[0].span.start > 0);
    assert.deepEqual(summary.problems, []);
  });

  it('locates schema problems by YAML path, and lint problems with their rule', () => {
    const summary = summarize(ODCS.replace('logicalType: string', 'logicalType: strnig'));
    assert.deepEqual(summary.problems.map((problem) => [problem.rule, problem.path]), [['datacontract/schema', ['schema', 0, 'properties', 0, 'logicalType']]]);
    assert.match(summary.problems[0].message, /^`schema\[0\]\.properties\[0\]\.logicalType` must be one of string, date, timestamp, time, number, integer, object, array, boolean: `strnig` is not/);
  });

  it('takes the standard from the loaded value when the text sniff cannot tell', () => {
    const summary = summarize('{"dataContractSpecification": "1.2.1", "id": "x", "info": {"title": "t", "version": "1"}}', 'datacontract.yaml');
    assert.equal(summary.flavour, 'dcs');
    assert.equal(summary.version, '1.2.1');
    assert.deepEqual(summary.problems, []);
  });

  it('an empty file declares no version, and says so once', () => {
    const summary = summarize('', 'datacontract.yaml');
    assert.equal(summary.version, undefined);
    assert.equal(summary.problems.length, 1);
    assert.match(summary.problems[0].message, /has no `dataContractSpecification`/);
  });

  it('never throws on odd documents', () => {
    for (const text of ['- a\n- b\n', 'just text', 'a: &a [*a]\n', '---\na: 1\n---\nb: 2\n', 'apiVersion: 3\nkind: DataContract\n']) {
      assert.doesNotThrow(() => summarize(text));
    }
  });

  it('paths read as authors write them', () => {
    assert.deepEqual([formatPath([]), formatPath(['schema', 0, 'properties', 2, 'logicalType']), formatPath(['models', 'my model', 'fields'])], ['the contract', 'schema[0].properties[2].logicalType', 'models["my model"].fields']);
  });
});
