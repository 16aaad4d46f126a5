/**
 * A small check report shared by the reporter tests, with the files its findings point into.
 */
import type { Finding, Severity } from '../../../server/src/core/findings';
import { LineIndex } from '../../../server/src/core/text';
import type { CheckReport, ReporterEnvironment, RuleSummary } from '../../../server/src/cli/reporters/report';

export const FILES: Record<string, string> = {
  'models/marts/fct_orders.sql': [
    '-- Orders, one row per order.',
    'select',
    '    o.order_id,',
    "    {{ ref('stg_order') }}.amount",
    'from {{ ref("stg_orders") }} as o',
  ].join('\n'),
  'models/staging/stg_orders.sql': ['with source as (', "    select * from {{ source('shop', 'orders') }}", ')', 'select * from source'].join('\n'),
};

/** Reads lines the way the CLI will: from the files on disk, here from `FILES`. */
export function environment(files: Record<string, string> = FILES, color = false): ReporterEnvironment {
  return {
    color,
    lineText(file, line) {
      const text = files[file];
      if (text === undefined) return undefined;
      const index = new LineIndex(text);
      if (line >= index.lineCount) return undefined;
      const start = index.lineStart(line);
      const end = line + 1 < index.lineCount ? index.lineStart(line + 1) : text.length;
      return text.slice(start, end).replace(/\r?\n$|\r$/, '');
    },
  };
}

export function finding(
  rule: string,
  severity: Severity,
  file: string,
  [line, character, endLine, endCharacter]: [number, number, number, number],
  message: string,
  extra: Partial<Finding> = {},
): Finding {
  return { rule, severity, file, range: { start: { line, character }, end: { line: endLine, character: endCharacter } }, message, ...extra };
}

export const RULES: RuleSummary[] = [
  {
    id: 'sql/select-star',
    severity: 'warning',
    description: 'Flags `select *` outside CTEs that read a source. Explicit columns keep contracts visible.',
    equivalents: ['sqlfluff:AM04'],
    fixable: false,
    docs: 'docs/rules/sql/select-star.md',
  },
  {
    id: 'dag/unknown-ref',
    severity: 'error',
    description: 'Flags `ref()` calls naming a model that does not exist.',
    equivalents: [],
    fixable: true,
    docs: 'docs/rules/dag/unknown-ref.md',
  },
  {
    id: 'sql/leading-comment',
    severity: 'info',
    description: 'Flags models whose description lives only in a SQL comment.',
    equivalents: [],
    fixable: false,
    docs: 'docs/rules/sql/leading-comment.md',
  },
];

/** Findings in an unsorted order, so every reporter has to sort them itself. */
export function sampleReport(overrides: Partial<CheckReport> = {}): CheckReport {
  return {
    version: 1,
    toolVersion: '0.1.0',
    root: '.',
    files: 42,
    findings: [
      finding('sql/select-star', 'warning', 'models/staging/stg_orders.sql', [3, 0, 3, 8], '`select *` hides which columns this model exposes: list them.'),
      finding(
        'dag/unknown-ref',
        'error',
        'models/marts/fct_orders.sql',
        [3, 4, 3, 26],
        "`ref('stg_order')` names no model: did you mean `stg_orders`?",
        {
          fixes: [
            {
              title: 'Replace with `stg_orders`',
              kind: 'safe',
              edits: [{ file: 'models/marts/fct_orders.sql', range: { start: { line: 3, character: 12 }, end: { line: 3, character: 21 } }, newText: 'stg_orders' }],
            },
          ],
        },
      ),
      finding(
        'sql/leading-comment',
        'info',
        'models/marts/fct_orders.sql',
        [0, 0, 0, 29],
        'This model is described only in a SQL comment.\nMove the description to its YAML entry,\nwhere docs and catalogs can see it.',
      ),
    ],
    parseCoverage: { models: 40, relations: 39, columns: 36, ast: 30, astAttempted: 35, rendered: 5 },
    rules: RULES,
    ...overrides,
  };
}
