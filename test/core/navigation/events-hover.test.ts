/**
 * Hover on a field of an Avro schema, on cursor-marked fixtures with `@base` sections: the field's type, default,
 * doc and aliases, and its status against the git base under the file's compatibility mode, the same verdict the
 * `event/*` rules give; nothing outside a field's name, and no status without a base.
 */
import assert from 'node:assert/strict';
import { readConfigScopes } from '../../../server/src/core/config/config-scopes';
import { buildBaseState, fixtureBase } from '../../../server/src/core/contract/base';
import { hoverAt } from '../../../server/src/core/navigation';
import { WorkspaceIndex, type IndexOptions } from '../../../server/src/core/project/workspace-index';
import { parseFixture } from '../../../server/src/core/rules/fixture';

const ORDER_AT_BASE = `
  # @base events/order.avsc
  {
    "type": "record",
    "name": "Order",
    "namespace": "com.acme",
    "fields": [
      {"name": "id", "type": "string"},
      {"name": "amount", "type": "int"}
    ]
  }
`;

/** An order schema at head, with `fields` as its field lines (one holds the `|` cursor). */
function orderAtHead(...fields: string[]): string {
  return `
  # @file events/order.avsc
  {
    "type": "record",
    "name": "Order",
    "namespace": "com.acme",
    "fields": [
      ${fields.join(',\n      ')}
    ]
  }
`;
}

/** The hover at the `|` of a fixture, with the base of its `@base` sections (none when it has none). */
function hover(source: string): { markdown: string; hovered: string } | undefined {
  const { files, baseFiles } = parseFixture(source);
  const [file, text] = [...files].find(([, content]) => content.includes('|'))!;
  const offset = text.indexOf('|');
  files.set(file, text.slice(0, offset) + text.slice(offset + 1));
  const scopes = readConfigScopes(files);
  const options: IndexOptions = { config: scopes.root, configFor: (root) => scopes.byProjectRoot.get(root) };
  const index = WorkspaceIndex.build(files, options);
  const input = fixtureBase(baseFiles);
  const found = hoverAt(index, file, offset, { base: input && buildBaseState(index, files, input, options) });
  return found && { markdown: found.markdown, hovered: index.text(file)!.slice(found.span.start, found.span.end) };
}

describe('hover on an Avro field', () => {
  const CASES: { title: string; fixture: string; hovered: string; markdown: string[] }[] = [
    {
      title: 'type, default, doc and aliases, without a base',
      fixture: orderAtHead('{"name": "id", "type": "string"}', '{"name": "cur|rency", "type": ["null", "string"], "default": null, "doc": "ISO 4217 code.", "aliases": ["ccy"]}'),
      hovered: '"currency"',
      markdown: ['**field** `currency` of record `com.acme.Order`', '', 'ISO 4217 code.', '', '- Type: `[null, string]`', '- Default: `null`', '- Aliases: `ccy`'],
    },
    {
      title: 'a field added with a default: compatible under BACKWARD',
      fixture: ORDER_AT_BASE + orderAtHead('{"name": "id", "type": "string"}', '{"name": "amount", "type": "int"}', '{"name": "no|te", "type": ["null", "string"], "default": null}'),
      hovered: '"note"',
      markdown: ['**field** `note` of record `com.acme.Order`', '', '- Type: `[null, string]`', '- Default: `null`', '- Added since `main`, with a default: compatible under BACKWARD.'],
    },
    {
      title: 'a field added without a default: breaks BACKWARD, with the fix',
      fixture: ORDER_AT_BASE + orderAtHead('{"name": "id", "type": "string"}', '{"name": "amount", "type": "int"}', '{"name": "|total", "type": "double"}'),
      hovered: '"total"',
      markdown: [
        '**field** `total` of record `com.acme.Order`',
        '',
        '- Type: `double`',
        '- No default',
        '- Added since `main`, without a default: **breaks BACKWARD**.',
        '  - Field `total` (double) was added to record `com.acme.Order` without a default, so consumers using this schema cannot read events written with the version at `main` (0000000): those events have no value for it. This breaks BACKWARD compatibility. Add a `"default"` to the field (for an optional field, the type `["null", ...]` with `"default": null`), or register the schema under a new subject (a new topic) so that consumers migrate knowingly.',
      ],
    },
    {
      title: 'the same field under FORWARD: compatible',
      fixture: '# @file dplens.yml\nadapter: bigquery\nevents:\n  compatibility: FORWARD\n' + ORDER_AT_BASE + orderAtHead('{"name": "id", "type": "string"}', '{"name": "amount", "type": "int"}', '{"name": "|total", "type": "double"}'),
      hovered: '"total"',
      markdown: ['**field** `total` of record `com.acme.Order`', '', '- Type: `double`', '- No default', '- Added since `main`, without a default: compatible under FORWARD.'],
    },
    {
      title: 'a legal promotion',
      fixture: ORDER_AT_BASE + orderAtHead('{"name": "id", "type": "string"}', '{"name": "amo|unt", "type": "long"}'),
      hovered: '"amount"',
      markdown: ['**field** `amount` of record `com.acme.Order`', '', '- Type: `long`', '- No default', '- The type changed from `int` to `long` since `main`: compatible under BACKWARD.'],
    },
    {
      title: 'a rename with an alias',
      fixture: ORDER_AT_BASE + orderAtHead('{"name": "id", "type": "string"}', '{"name": "amount_cents|", "type": "int", "aliases": ["amount"]}'),
      hovered: '"amount_cents"',
      markdown: ['**field** `amount_cents` of record `com.acme.Order`', '', '- Type: `int`', '- No default', '- Aliases: `amount`', '- Renamed from `amount` (an alias) since `main`: compatible under BACKWARD.'],
    },
    {
      title: 'an unchanged field of a changed file',
      fixture: ORDER_AT_BASE + orderAtHead('{"name": "i|d", "type": "string"}', '{"name": "amount", "type": "int"}', '{"name": "note", "type": ["null", "string"], "default": null}'),
      hovered: '"id"',
      markdown: ['**field** `id` of record `com.acme.Order`', '', '- Type: `string`', '- No default', '- Unchanged since `main`: compatible under BACKWARD.'],
    },
    {
      title: 'a file under mode NONE',
      fixture: '# @file dplens.yml\nadapter: bigquery\nevents:\n  compatibility: NONE\n' + ORDER_AT_BASE + orderAtHead('{"name": "id", "type": "string"}', '{"name": "amount", "type": "int"}', '{"name": "|total", "type": "double"}'),
      hovered: '"total"',
      markdown: ['**field** `total` of record `com.acme.Order`', '', '- Type: `double`', '- No default', '- Not compared: the compatibility mode of this file is NONE.'],
    },
    {
      title: 'a file new since the base',
      fixture: '# @base events/order.avsc\n(absent)\n' + orderAtHead('{"name": "i|d", "type": "string"}'),
      hovered: '"id"',
      markdown: ['**field** `id` of record `com.acme.Order`', '', '- Type: `string`', '- No default', '- New since `main`: there is no earlier version to be compatible with.'],
    },
    {
      title: 'an unavailable base',
      fixture: '# @base (unavailable)\ninfo: not a git repository\n' + orderAtHead('{"name": "i|d", "type": "string"}'),
      hovered: '"id"',
      markdown: ['**field** `id` of record `com.acme.Order`', '', '- Type: `string`', '- No default', '- Not compared with a git base: not a git repository'],
    },
  ];
  for (const { title, fixture, hovered, markdown } of CASES) {
    it(`shows ${title}`, () => {
      const found = hover(fixture);
      assert.ok(found, 'a hover');
      assert.equal(found.hovered, hovered);
      assert.equal(found.markdown, markdown.join('\n'));
    });
  }

  it('shows nothing outside a field name', () => {
    assert.equal(hover(orderAtHead('{"name": "id", "type": "str|ing"}')), undefined);
    assert.equal(hover(orderAtHead('{"name": "id", "type": "string"}').replace('"Order"', '"Or|der"')), undefined);
  });
});
