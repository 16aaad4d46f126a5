import assert from 'node:assert/strict';
import { formatJson } from '../../../server/src/cli/reporters/json';
import { sampleReport } from './fixture';

describe('formatJson', () => {
  it('writes the documented format: one-based, sorted, two-space indent, trailing newline', () => {
    const expected = `{
  "version": 1,
  "root": ".",
  "summary": {
    "files": 42,
    "errors": 1,
    "warnings": 1,
    "infos": 1,
    "parseCoverage": {
      "models": 40,
      "relations": 39,
      "columns": 36,
      "ast": 30,
      "astAttempted": 35,
      "rendered": 5
    }
  },
  "diagnostics": [
    {
      "file": "models/marts/fct_orders.sql",
      "line": 1,
      "column": 1,
      "endLine": 1,
      "endColumn": 30,
      "severity": "info",
      "rule": "sql/leading-comment",
      "message": "This model is described only in a SQL comment.\\nMove the description to its YAML entry,\\nwhere docs and catalogs can see it."
    },
    {
      "file": "models/marts/fct_orders.sql",
      "line": 4,
      "column": 5,
      "endLine": 4,
      "endColumn": 27,
      "severity": "error",
      "rule": "dag/unknown-ref",
      "message": "\`ref('stg_order')\` names no model: did you mean \`stg_orders\`?",
      "fixes": [
        {
          "title": "Replace with \`stg_orders\`",
          "kind": "safe",
          "edits": [
            {
              "file": "models/marts/fct_orders.sql",
              "line": 4,
              "column": 13,
              "endLine": 4,
              "endColumn": 22,
              "newText": "stg_orders"
            }
          ]
        }
      ]
    },
    {
      "file": "models/staging/stg_orders.sql",
      "line": 4,
      "column": 1,
      "endLine": 4,
      "endColumn": 9,
      "severity": "warning",
      "rule": "sql/select-star",
      "message": "\`select *\` hides which columns this model exposes: list them."
    }
  ]
}
`;
    assert.equal(formatJson(sampleReport()), expected);
  });

  it('writes the same bytes whatever order the findings arrive in', () => {
    const report = sampleReport();
    const reversed = sampleReport({ findings: [...report.findings].reverse() });
    assert.equal(formatJson(reversed), formatJson(report));
  });

  it('leaves out an empty list of fixes', () => {
    const report = sampleReport();
    const withoutFixes = sampleReport({ findings: report.findings.map((item) => ({ ...item, fixes: [] })) });
    assert.ok(!formatJson(withoutFixes).includes('"fixes"'));
  });
});
