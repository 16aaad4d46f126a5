/**
 * The snippets expand, with their default placeholders, into files that a project accepts:
 * no finding at all from checkWorkspace, SQL that renders statically and parses with the full parser,
 * and (with ../shared) YAML that matches dbt-jsonschema and the ODCS schema.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import YAML from 'yaml';
import { checkWorkspace } from '../../server/src/core/check';
import { analyzeJinja, renderStatic } from '../../server/src/core/jinja';
import type { Dialect } from '../../server/src/core/sql/dialect';
import { loadPolyglotParser } from '../../server/src/core/sql/full-parser';
import { describeWithShared, sharedPath } from '../helpers/shared';

const ROOT = path.join(__dirname, '..', '..');

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

function readSnippets(file: string): Record<string, Snippet> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', file), 'utf8')) as Record<string, Snippet>;
}

// ---------------------------------------------------------------------------------------------
// VS Code snippet syntax, expanded with every placeholder at its default.
// Grammar: https://code.visualstudio.com/docs/editing/userdefinedsnippets#_grammar

type SnippetNode =
  | { k: 'text'; value: string }
  | { k: 'tabstop'; index: number; children?: SnippetNode[]; choices?: string[] }
  | { k: 'variable'; name: string; children?: SnippetNode[] };

class SnippetParser {
  private pos = 0;
  constructor(private readonly src: string) {}

  /** Parses until `stop` (a `}` closing a placeholder) or the end. */
  parse(stopAtBrace = false): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ k: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        // Only `$`, `}` and `\` are escapable outside choices; any other backslash is literal.
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += ch;
          this.pos++;
        }
        continue;
      }
      if (ch === '}' && stopAtBrace) {
        flush();
        this.pos++;
        return nodes;
      }
      if (ch === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
      }
      text += ch;
      this.pos++;
    }
    if (stopAtBrace) throw new Error(`Unclosed placeholder in ${JSON.stringify(this.src)}`);
    flush();
    return nodes;
  }

  private dollar(): SnippetNode | undefined {
    const rest = this.src.slice(this.pos);
    let match = /^\$(\d+)/.exec(rest);
    if (match) {
      this.pos += match[0].length;
      return { k: 'tabstop', index: Number(match[1]) };
    }
    match = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (match) {
      this.pos += match[0].length;
      return { k: 'variable', name: match[1] };
    }
    match = /^\$\{(\d+)/.exec(rest);
    if (match) {
      this.pos += match[0].length;
      const index = Number(match[1]);
      const next = this.src[this.pos];
      if (next === '}') {
        this.pos++;
        return { k: 'tabstop', index };
      }
      if (next === ':') {
        this.pos++;
        return { k: 'tabstop', index, children: this.parse(true) };
      }
      if (next === '|') {
        this.pos++;
        return { k: 'tabstop', index, choices: this.choices() };
      }
      throw new Error(`Unsupported placeholder (transforms are not used) at ${this.pos} in ${JSON.stringify(this.src)}`);
    }
    match = /^\$\{([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (match) {
      this.pos += match[0].length;
      const name = match[1];
      const next = this.src[this.pos];
      if (next === '}') {
        this.pos++;
        return { k: 'variable', name };
      }
      if (next === ':') {
        this.pos++;
        return { k: 'variable', name, children: this.parse(true) };
      }
      throw new Error(`Unsupported variable form at ${this.pos} in ${JSON.stringify(this.src)}`);
    }
    return undefined;
  }

  /** `a,b,c|}` after `${n|`; `\,`, `\|` and `\\` are escapes inside choices. */
  private choices(): string[] {
    const choices: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && /[,|\\$}]/.test(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (ch === ',') {
        choices.push(current);
        current = '';
        this.pos++;
      } else if (ch === '|' && this.src[this.pos + 1] === '}') {
        choices.push(current);
        this.pos += 2;
        return choices;
      } else {
        current += ch;
        this.pos++;
      }
    }
    throw new Error(`Unclosed choice in ${JSON.stringify(this.src)}`);
  }
}

/** Expands a snippet body with each tabstop at its default (first choice), as VS Code inserts it. */
export function expandSnippet(body: string | string[], variables: Record<string, string>): string {
  const source = Array.isArray(body) ? body.join('\n') : body;
  const nodes = new SnippetParser(source).parse();
  // A tabstop's value is its first definition with a default or choices; mirrors repeat it.
  const defaults = new Map<number, SnippetNode>();
  const collect = (list: SnippetNode[]) => {
    for (const node of list) {
      if (node.k === 'tabstop' && (node.children || node.choices) && !defaults.has(node.index)) defaults.set(node.index, node);
      if (node.k !== 'text' && node.children) collect(node.children);
    }
  };
  collect(nodes);
  const render = (list: SnippetNode[], active: Set<number>): string =>
    list
      .map((node) => {
        switch (node.k) {
          case 'text':
            return node.value;
          case 'variable':
            if (node.name in variables) return variables[node.name];
            if (node.children) return render(node.children, active);
            throw new Error(`Unknown snippet variable $${node.name}`);
          case 'tabstop': {
            if (node.index === 0) return node.children ? render(node.children, active) : '';
            const definition = defaults.get(node.index);
            if (!definition || definition.k !== 'tabstop') return '';
            if (active.has(node.index)) throw new Error(`Placeholder $${node.index} contains itself`);
            if (definition.choices) return definition.choices[0];
            return render(definition.children ?? [], new Set([...active, node.index]));
          }
        }
      })
      .join('');
  return render(nodes, new Set());
}

describe('snippet expansion (test helper)', () => {
  const vars = { TM_FILENAME_BASE: 'orders_snapshot' };
  const cases: [string, string][] = [
    ['select $1 from t$0', 'select  from t'],
    ['select ${1:a} from ${2:t}', 'select a from t'],
    ['${1:a}, $1, ${1}', 'a, a, a'],
    ['$2 then ${2:late}', 'late then late'],
    ['${1:outer ${2:inner}} $2', 'outer inner inner'],
    ['${1|merge,append|}', 'merge'],
    ['${1|a\\,b,c|}', 'a,b'],
    ['{% snapshot ${1:$TM_FILENAME_BASE} %}', '{% snapshot orders_snapshot %}'],
    ['${TM_FILENAME_BASE} ${UNKNOWN_BUT_DEFAULTED:x}', 'orders_snapshot x'],
    ['\\$1 costs \\$5 \\} \\\\ {{ a }}', '$1 costs $5 } \\ {{ a }}'],
    ['${1:a \\} b}', 'a } b'],
    ['${0:end}', 'end'],
  ];
  for (const [body, expected] of cases) {
    it(`expands ${JSON.stringify(body)}`, () => assert.equal(expandSnippet(body, vars), expected));
  }
  it('rejects unknown variables and transforms', () => {
    assert.throws(() => expandSnippet('$NOPE', vars), /Unknown snippet variable/);
    assert.throws(() => expandSnippet('${1/a/b/}', vars), /Unsupported/);
  });
});

// ---------------------------------------------------------------------------------------------
// A small project that every snippet is expanded into: the sources and models they reference.
// It is itself a golden path that meets the standards rules with their defaults: a described
// source with freshness, a staging model named stg_<source>__<entity> in staging/<source>/, a
// marts model, and a properties file beside each model with a description and a primary-key
// test (unique + not_null), so that each snippet is judged by every rule, not a chosen few.

const WORLD: Record<string, string> = {
  'dbt_project.yml': "name: snippets\nversion: '1.0.0'\nconfig-version: 2\nprofile: snippets\n",
  'models/staging/shop/_shop__sources.yml': [
    'version: 2',
    '',
    'sources:',
    '  - name: shop',
    '    description: Raw tables of the storefront database.',
    '    schema: raw_shop',
    '    loaded_at_field: _loaded_at',
    '    freshness:',
    '      warn_after: {count: 12, period: hour}',
    '    tables:',
    '      - name: orders',
    '        description: One row per order.',
    '        columns:',
    '          - name: id',
    '            data_tests: [unique, not_null]',
    '',
  ].join('\n'),
  'models/staging/shop/_shop__models.yml': [
    'version: 2',
    '',
    'models:',
    '  - name: stg_shop__orders',
    '    description: One row per order, renamed from the storefront.',
    '    columns:',
    '      - name: order_id',
    '        description: Primary key of the order.',
    '        data_tests: [unique, not_null]',
    '',
  ].join('\n'),
  'models/staging/shop/stg_shop__orders.sql': [
    'select',
    '    id as order_id,',
    '    created_at as ordered_at,',
    '    updated_at',
    "from {{ source('shop', 'orders') }}",
    '',
  ].join('\n'),
  'models/marts/_marts__models.yml': [
    'version: 2',
    '',
    'models:',
    '  - name: fct_orders',
    '    description: One row per order.',
    '    columns:',
    '      - name: order_id',
    '        description: Primary key of the order.',
    '        data_tests: [unique, not_null]',
    // The ODCS snippet promises `ordered_at` as required: the model that implements it tests the promise.
    '      - name: ordered_at',
    '        description: When the order was placed.',
    '        data_tests: [not_null]',
    '',
  ].join('\n'),
  'models/marts/fct_orders.sql': "select order_id, ordered_at, updated_at from {{ ref('stg_shop__orders') }}\n",
};

interface Placement {
  /** Where the expanded snippet is written; it replaces the world's file there, if any. */
  path: string;
  adapter: Dialect;
  /** Another snippet the expansion needs, written too at its own placement: the Avro schema an ODCS contract references. */
  alongside?: string;
}

const PLACEMENTS: Record<string, Placement> = {
  'dbt staging model from a source': { path: 'models/staging/shop/stg_shop__orders.sql', adapter: 'bigquery' },
  'dbt incremental model (BigQuery)': { path: 'models/marts/fct_orders.sql', adapter: 'bigquery' },
  'dbt incremental model (Snowflake)': { path: 'models/marts/fct_orders.sql', adapter: 'snowflake' },
  'dbt incremental model (Databricks)': { path: 'models/marts/fct_orders.sql', adapter: 'databricks' },
  'dbt snapshot': { path: 'snapshots/orders_snapshot.sql', adapter: 'bigquery' },
  'dbt model properties with a contract': { path: 'models/marts/_marts__models.yml', adapter: 'bigquery' },
  'dbt source with freshness': { path: 'models/staging/shop/_shop__sources.yml', adapter: 'bigquery' },
  'ODCS data contract': { path: 'contracts/orders.odcs.yaml', adapter: 'bigquery' },
  'dag-factory DAG running dbt': { path: 'pipelines/orders_dbt.yml', adapter: 'bigquery' },
  'Avro record': { path: 'events/order.avsc', adapter: 'bigquery' },
  'ODCS data contract for Avro events': { path: 'contracts/order-events.odcs.yaml', adapter: 'bigquery', alongside: 'Avro record' },
};

const SNIPPET_FILES = ['jinja-sql.json', 'yaml.json', 'avro.json'];

/** A snippet by name, from whichever snippet file holds it. */
function snippetNamed(name: string): Snippet {
  const snippet = SNIPPET_FILES.map((file) => readSnippets(file)[name]).find((found) => found !== undefined);
  assert.ok(snippet, `no snippet named ${name}`);
  return snippet;
}

function expandInto(name: string, snippet: Snippet): { files: Map<string, string>; placement: Placement; text: string } {
  const placement = PLACEMENTS[name];
  const base = path.posix.basename(placement.path).replace(/\.[^.]*$/, '').replace(/\.odcs$/, '');
  const text = expandSnippet(snippet.body, { TM_FILENAME_BASE: base, TM_FILENAME: path.posix.basename(placement.path) });
  const files = new Map(Object.entries(WORLD));
  files.set('dplens.yml', `adapter: ${placement.adapter}\n`);
  files.set(placement.path, text);
  if (placement.alongside) files.set(PLACEMENTS[placement.alongside].path, expandInto(placement.alongside, snippetNamed(placement.alongside)).text);
  return { files, placement, text };
}

describe('snippets', () => {
  it('the world project alone has no findings', () => {
    const files = new Map(Object.entries(WORLD));
    files.set('dplens.yml', 'adapter: bigquery\n');
    assert.deepEqual(checkWorkspace(files).findings, []);
  });

  for (const file of SNIPPET_FILES) {
    describe(`snippets/${file}`, () => {
      const snippets = readSnippets(file);

      it('is well-formed: a prefix, a description and a body for each, and every snippet placed by this test', () => {
        assert.ok(Object.keys(snippets).length > 0);
        for (const [name, snippet] of Object.entries(snippets)) {
          const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
          assert.ok(prefixes.length > 0 && prefixes.every((prefix) => /^[a-z][a-z0-9-]*$/.test(prefix)), `${name}: prefix`);
          assert.ok(snippet.description.length > 10, `${name}: description`);
          assert.ok(Array.isArray(snippet.body) && snippet.body.length > 1, `${name}: body`);
          assert.ok(snippet.body.every((line) => !line.includes('\t')), `${name}: indent with spaces (YAML and SQL alike)`);
          assert.ok(PLACEMENTS[name], `${name}: add it to PLACEMENTS in this test`);
        }
      });

      for (const [name, snippet] of Object.entries(snippets)) {
        it(`"${name}" expands into a project with no findings`, () => {
          const { files, placement } = expandInto(name, snippet);
          const outcome = checkWorkspace(files);
          assert.deepEqual(outcome.configProblems, []);
          assert.deepEqual(outcome.settingsProblems, []);
          assert.deepEqual(
            outcome.findings.map((finding) => `${finding.file}:${finding.range.start.line + 1} ${finding.rule} ${finding.message}`),
            [],
            `${placement.path}:\n${files.get(placement.path)}`,
          );
        });

        if (PLACEMENTS[name]?.path.endsWith('.sql')) {
          it(`"${name}" renders statically to SQL that the full parser reads`, async () => {
            const { placement, text } = expandInto(name, snippet);
            const analysis = analyzeJinja(text);
            assert.deepEqual(analysis.errors, []);
            const parser = await loadPolyglotParser();
            for (const incremental of [false, true]) {
              const rendered = renderStatic(text, analysis, { incremental });
              const result = parser.parse(rendered.text, placement.adapter);
              assert.ok(result.ok, `${placement.adapter}, incremental=${incremental}: ${JSON.stringify(result.errors)}\n${rendered.text}`);
            }
          });
        }
      }
    });
  }
});

describeWithShared('snippets against the shared schemas', () => {
  const snippets = readSnippets('yaml.json');

  it('model properties and sources match dbt-jsonschema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(sharedPath('dbt-jsonschema', 'schemas', 'dbt_yml_files-latest.json'), 'utf8')));
    for (const name of ['dbt model properties with a contract', 'dbt source with freshness']) {
      const data = YAML.parse(expandInto(name, snippets[name]).text);
      assert.ok(validate(data), `${name}: ${JSON.stringify(validate.errors, null, 1)}`);
    }
  });

  it('the ODCS contract matches the ODCS v3.1.0 JSON schema', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(sharedPath('odcs', 'schema', 'odcs-json-schema-v3.1.0.json'), 'utf8')));
    for (const name of ['ODCS data contract', 'ODCS data contract for Avro events']) {
      const data = YAML.parse(expandInto(name, snippets[name]).text);
      assert.equal(data.apiVersion, 'v3.1.0');
      assert.ok(validate(data), `${name}: ${JSON.stringify(validate.errors, null, 1)}`);
    }
  });

  it('the ODCS contract for Avro events references the path where the Avro record snippet is placed', () => {
    const data = YAML.parse(expandInto('ODCS data contract for Avro events', snippets['ODCS data contract for Avro events']).text);
    assert.deepEqual(data.schema[0].customProperties, [{ property: 'avroSchema', value: PLACEMENTS['Avro record'].path }]);
  });
});
