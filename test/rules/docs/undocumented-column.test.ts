import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { assertFixture } from '../../helpers/rule-fixture';

const project = (dplens: string) => `
# @file dplens.yml
${dplens}
-- @file models/marts/fct_orders.sql
select 1 as order_id
# @file models/marts/_marts.yml
models:
  - name: fct_orders
    description: One row per order.
    columns:
      - name: order_id
`;

describe('docs/undocumented-column (off by default)', () => {
  it('does not run when dplens.yml sets no severity for it', () => {
    const outcome = checkWorkspace(parseFixture(project('adapter: bigquery')).files);
    assert.equal(outcome.findings.filter((finding) => finding.rule === 'docs/undocumented-column').length, 0);
  });

  it('does not run when dplens.yml gives it options but no severity', () => {
    const outcome = checkWorkspace(parseFixture(project('adapter: bigquery\nrules:\n  docs/undocumented-column: {options: {}}')).files);
    assert.equal(outcome.findings.filter((finding) => finding.rule === 'docs/undocumented-column').length, 0);
  });

  it('runs with the severity dplens.yml sets', () => {
    const outcome = checkWorkspace(parseFixture(project('adapter: bigquery\nrules:\n  docs/undocumented-column: error')).files);
    const findings = outcome.findings.filter((finding) => finding.rule === 'docs/undocumented-column');
    assert.deepEqual(findings.map((finding) => [finding.file, finding.range.start.line, finding.severity]), [['models/marts/_marts.yml', 4, 'error']]);
  });

  it('runs when --rule names it', () => {
    const outcome = checkWorkspace(parseFixture(project('adapter: bigquery')).files, { only: ['docs/undocumented-column'] });
    assert.equal(outcome.findings.length, 1);
  });

  it('reports version columns once each', () => {
    assertFixture(
      `
      # @file dplens.yml
      adapter: bigquery
      rules:
        docs/undocumented-column: warning
      -- @file models/marts/dim_customers_v1.sql
      select 1 as customer_id
      -- @file models/marts/dim_customers_v2.sql
      select 1 as customer_id, 'x' as segment
      # @file models/marts/_marts.yml
      models:
        - name: dim_customers
          description: Customers.
          latest_version: 2
          columns:
            - name: customer_id  # expect: docs/undocumented-column
          versions:
            - v: 1
            - v: 2
              columns:
                - include: all
                - name: segment  # expect: docs/undocumented-column
      `,
      { onlyRules: ['docs/undocumented-column'] },
    );
  });
});
