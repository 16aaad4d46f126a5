/**
 * Cursor-marked fixtures for navigation tests: the multi-file fixture format of rule tests, where one `|` in one
 * file marks the cursor. The marker is removed before indexing and its offset returned.
 */
import { checkWorkspace } from '../../../server/src/core/check';
import type { ProjectIndex } from '../../../server/src/core/project/index-types';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import type { Span } from '../../../server/src/core/text';

export interface CursorFixture {
  index: ProjectIndex;
  file: string;
  offset: number;
  /** The text at a span of a file, for readable assertions. */
  textAt(file: string, span: Span): string;
}

export function cursorFixture(source: string): CursorFixture {
  const { files } = parseFixture(source);
  let cursor: { file: string; offset: number } | undefined;
  for (const [path, text] of files) {
    const at = text.indexOf('|');
    if (at < 0) continue;
    if (cursor) throw new Error(`more than one cursor marker: ${cursor.file} and ${path}`);
    cursor = { file: path, offset: at };
    files.set(path, text.slice(0, at) + text.slice(at + 1));
  }
  if (!cursor) throw new Error('the fixture has no `|` cursor marker');
  const index = checkWorkspace(files).index;
  return { index, ...cursor, textAt: (file, span) => index.text(file)!.slice(span.start, span.end) };
}

/** The shop project the navigation tests share; `cursor` is spliced in where the test needs it. */
export function shop(overrides: Record<string, string> = {}): string {
  const files: Record<string, string> = {
    'dbt_project.yml': "name: shop\nversion: '1.0.0'\nprofile: shop\nmodels:\n  shop:\n    marts:\n      +materialized: table\n",
    'models/staging/_sources.yml': [
      'version: 2',
      'sources:',
      '  - name: raw',
      '    description: Replicated shop tables.',
      '    freshness:',
      '      warn_after: {count: 6, period: hour}',
      '    tables:',
      '      - name: orders',
      '        description: One row per order.',
      '        columns:',
      '          - name: amount_cents',
      '            description: Total in cents.',
      '      - name: customers',
    ].join('\n'),
    'models/staging/_models.yml': [
      'version: 2',
      'models:',
      '  - name: stg_orders',
      '    description: Orders, cleaned.',
      '    config:',
      '      tags: [finance]',
      '      meta: {owner: data-team}',
      '    columns:',
      '      - name: order_id',
      '        data_type: int64',
      '        description: Primary key.',
    ].join('\n'),
    'models/staging/stg_orders.sql': "select id, {{ cents_to_dollars('amount_cents') }} as amount from {{ source('raw', 'orders') }}",
    'models/staging/stg_customers.sql': "select id from {{ source('raw', 'customers') }}",
    'models/marts/fct_orders.sql': "with orders as (\n  select * from {{ ref('stg_orders') }}\n),\ncustomers as (\n  select * from {{ ref('stg_customers') }}\n)\nselect orders.id from orders",
    'macros/cents_to_dollars.sql': '{% macro cents_to_dollars(column_name) %}({{ column_name }} / 100){% endmacro %}',
    ...overrides,
  };
  return Object.entries(files)
    .map(([path, text]) => `${/\.ya?ml$/.test(path) ? '#' : '--'} @file ${path}\n${text}\n`)
    .join('\n');
}
