/**
 * Malformed YAML, SQL and Jinja: each problem is a finding at the exact line and column where it is,
 * and no prefix of a real-shaped file makes the check throw.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWorkspace } from '../../../server/src/core/check';
import { LineIndex } from '../../../server/src/core/text';
import { assertFixture } from '../../helpers/rule-fixture';
import { FOUNDATION_RULES } from '../../helpers/rule-scopes';
import { checkSource } from './helpers';

/** A fixture with one expected finding, and where it must start (one-based line and column). */
interface LocatedCase {
  title: string;
  source: string;
  file: string;
  rule: string;
  line: number;
  column: number;
}

const LOCATED: LocatedCase[] = [
  {
    title: 'an unclosed parenthesis in a ref() call',
    source: `
      -- @file models/b.sql
      select 1 as id
      -- @file models/a.sql
      select *
      from {{ ref('b' }}  -- expect: jinja/syntax
    `,
    file: 'models/a.sql',
    rule: 'jinja/syntax',
    line: 2,
    column: 12,
  },
  {
    title: 'a for block without its end tag',
    source: `
      -- @file models/b.sql
      select 1 as id
      {% for x in [1, 2] %}  -- expect: jinja/syntax
        , {{ x }} as c
    `,
    file: 'models/b.sql',
    rule: 'jinja/syntax',
    line: 2,
    column: 1,
  },
  {
    title: 'an end tag without its block',
    source: `
      -- @file models/d.sql
      {%- set x = 1 -%}
      select {{ x }} as id {% endif %}  -- expect: jinja/syntax
    `,
    file: 'models/d.sql',
    rule: 'jinja/syntax',
    line: 2,
    column: 22,
  },
  {
    title: 'an unclosed Jinja comment',
    source: `
      -- @file models/e.sql
      select 1 as id {# a comment that never ends  -- expect: jinja/syntax
    `,
    file: 'models/e.sql',
    rule: 'jinja/syntax',
    line: 1,
    column: 16,
  },
  {
    title: 'SQL that cannot be read',
    source: `
      -- @file models/c.sql
      select ,, from from where  -- expect: sql/unparseable
    `,
    file: 'models/c.sql',
    rule: 'sql/unparseable',
    line: 1,
    column: 11,
  },
  {
    title: 'a mis-indented key in a properties file',
    source: `
      # @file models/_props.yml
      version: 2
      models:
        - name: a
         description: one space short  # expect: yaml/syntax
    `,
    file: 'models/_props.yml',
    rule: 'yaml/syntax',
    line: 4,
    column: 4,
  },
  {
    title: 'a duplicate key in a properties file',
    source: `
      # @file models/_dup.yml
      version: 2
      models:
        - name: c
          name: d  # expect: yaml/duplicate-key
    `,
    file: 'models/_dup.yml',
    rule: 'yaml/duplicate-key',
    line: 4,
    column: 5,
  },
  {
    title: 'an unclosed flow sequence in dbt_project.yml',
    source: `
      # @file dbt_project.yml
      name: fixture
      profile: [fixture  # expect: yaml/syntax
      # @file models/a.sql
      select 1 as id
    `,
    file: 'dbt_project.yml',
    rule: 'yaml/syntax',
    // The missing `]` is reported where it was expected: at the end of the line, after the comment.
    line: 2,
    column: 41,
  },
];

describe('malformed files', () => {
  describe('located diagnostics', () => {
    for (const example of LOCATED) {
      it(`${example.title}: ${example.rule} at ${example.line}:${example.column}`, () => {
        // The fixtures are minimal projects written for the parsers: they judge only the foundation's rules.
        const findings = assertFixture(example.source, { onlyRules: FOUNDATION_RULES }).filter((finding) => finding.file === example.file && finding.rule === example.rule);
        assert.equal(findings.length, 1);
        const { line, character } = findings[0].range.start;
        assert.deepEqual([line + 1, character + 1], [example.line, example.column]);
      });
    }

    it('locates a problem in dplens.yml as a configuration problem', () => {
      const text = 'adapter: bigquery\nrules:\n  dag/unknown-ref: {severity: error\n';
      const outcome = checkSource(`
        # @file dplens.yml
        ${text.replace(/\n/g, '\n        ')}
      `);
      assert.equal(outcome.configProblems.length, 1);
      const problem = outcome.configProblems[0].problems[0];
      const at = new LineIndex(text).positionAt(problem.span.start);
      assert.deepEqual([outcome.configProblems[0].file, at.line + 1, at.character + 1], ['dplens.yml', 3, 36]);
    });
  });

  describe('truncated files never crash the check', function () {
    // Every rule runs on every prefix of each file (hundreds of full checks per test): allow more than mocha's default 2 s.
    this.timeout(60_000);
    const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'truncation');
    /** Where each fixture file sits in the workspace the check reads. */
    const PLACES: Record<string, string> = {
      'dbt_project.yml': 'dbt_project.yml',
      'dplens.yml': 'dplens.yml',
      '_models.yml': 'models/_models.yml',
      'fct_orders.sql': 'models/marts/fct_orders.sql',
      'snapshot.sql': 'snapshots/orders_snapshot.sql',
      'python_model.py': 'models/py_orders.py',
    };
    const whole = new Map(Object.entries(PLACES).map(([name, place]) => [place, fs.readFileSync(path.join(FIXTURES, name), 'utf8')]));
    // The model the fixture's refs name, so the untruncated workspace has no finding.
    whole.set('models/staging/stg_orders.sql', 'select 1 as order_id, current_timestamp as updated_at\n');

    it('checks the whole fixture workspace cleanly first', () => {
      // The full files are valid: every finding below comes from the truncation, not from the fixture.
      assert.deepEqual(checkWorkspace(whole).findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.file} ${finding.rule} ${finding.message}`), []);
    });

    for (const [name, place] of Object.entries(PLACES)) {
      it(`${name}, cut at every offset`, () => {
        const text = whole.get(place)!;
        for (let end = 0; end <= text.length; end++) {
          const files = new Map(whole);
          files.set(place, text.slice(0, end));
          let outcome;
          try {
            outcome = checkWorkspace(files);
          } catch (error) {
            assert.fail(`${name} cut after ${end} characters (${JSON.stringify(text.slice(Math.max(0, end - 20), end))}) throws: ${(error as Error).stack}`);
          }
          // Every finding must point inside its file, or the editor and the reporters could not show it.
          for (const finding of outcome.findings) {
            const lines = new LineIndex(files.get(finding.file) ?? '');
            assert.ok(finding.range.start.line < lines.lineCount, `${finding.file}: ${finding.rule} on line ${finding.range.start.line + 1} of ${lines.lineCount}`);
          }
        }
      });
    }
  });
});
