import { strict as assert } from 'node:assert';
import { loadYaml } from '../../../server/src/core/yaml/load';
import { LineIndex } from '../../../server/src/core/text';

/** The zero-based line and column where an issue starts, for readable assertions. */
function startOf(text: string, offset: number): [number, number] {
  const position = new LineIndex(text).positionAt(offset);
  return [position.line, position.character];
}

describe('loadYaml', () => {
  it('reads a valid file on the fast path', () => {
    const loaded = loadYaml('version: 2\nmodels:\n  - name: orders\n');
    assert.deepEqual(loaded, { value: { version: 2, models: [{ name: 'orders' }] }, errors: [], usedFallback: false });
  });

  it('resolves anchors and merge keys, with local keys overriding merged ones', () => {
    const text = [
      'defaults: &defaults',
      '  materialized: view',
      '  tags: [a]',
      'models:',
      '  - name: one',
      '    config:',
      '      <<: *defaults',
      '      materialized: table',
      '  - name: two',
      '    config: *defaults',
      '',
    ].join('\n');
    const loaded = loadYaml(text);
    assert.equal(loaded.usedFallback, false);
    const models = (loaded.value as { models: { config: unknown }[] }).models;
    assert.deepEqual(models[0].config, { materialized: 'table', tags: ['a'] });
    assert.deepEqual(models[1].config, { materialized: 'view', tags: ['a'] });
  });

  it('merges a list of sources with the first one winning', () => {
    const loaded = loadYaml('a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n');
    assert.deepEqual((loaded.value as { c: unknown }).c, { x: 1, y: 1, z: 2 });
  });

  it('keeps dates and YAML 1.1 booleans as strings (core schema)', () => {
    const loaded = loadYaml('date: 2024-01-31\nstamp: 2024-01-31T10:00:00Z\nanswer: yes\nflag: true\nnum: 012\n');
    assert.deepEqual(loaded.value, { date: '2024-01-31', stamp: '2024-01-31T10:00:00Z', answer: 'yes', flag: true, num: 12 });
  });

  it('is safe with a byte-order mark and CRLF line breaks, and locates errors in the original text', () => {
    assert.deepEqual(loadYaml('\uFEFFa: 1\r\nb:\r\n  - x\r\n').value, { a: 1, b: ['x'] });
    const text = '\uFEFFa: 1\r\nb: [1, 2\r\nc: 3\r\n';
    const loaded = loadYaml(text);
    assert.equal(loaded.usedFallback, true);
    assert.ok(loaded.errors.length > 0);
    // The error is reported on line 3 (`c: 3`), where the flow sequence should have been closed.
    assert.deepEqual(startOf(text, loaded.errors[0].span.start), [2, 0]);
  });

  it('returns null without errors for empty and comment-only files', () => {
    assert.deepEqual(loadYaml(''), { value: null, errors: [], usedFallback: false });
    assert.deepEqual(loadYaml('# nothing here\n'), { value: null, errors: [], usedFallback: false });
    assert.deepEqual(loadYaml('\uFEFF'), { value: null, errors: [], usedFallback: false });
  });

  it('keeps quoted Jinja as a plain string', () => {
    const loaded = loadYaml(`schema: "{{ env_var('DBT_SCHEMA') }}"\nalias: '{{ var("x") }}_suffix'\n`);
    assert.deepEqual(loaded, {
      value: { schema: "{{ env_var('DBT_SCHEMA') }}", alias: '{{ var("x") }}_suffix' },
      errors: [],
      usedFallback: false,
    });
  });

  it('reports unquoted Jinja at its exact place and keeps it as the string the author meant', () => {
    const text = `name: p\nschema: {{ env_var('DBT_SCHEMA') }}\nthreads: 4\n`;
    const loaded = loadYaml(text);
    assert.equal(loaded.usedFallback, true);
    assert.deepEqual(loaded.value, { name: 'p', schema: "{{ env_var('DBT_SCHEMA') }}", threads: 4 });
    assert.equal(loaded.errors.length, 1);
    assert.equal(text.slice(loaded.errors[0].span.start, loaded.errors[0].span.end), "{{ env_var('DBT_SCHEMA') }}");
    assert.deepEqual(startOf(text, loaded.errors[0].span.start), [1, 8]);
    assert.match(loaded.errors[0].message, /Quote/);
  });

  it('recovers unquoted Jinja whose inside is not valid YAML either', () => {
    const text = `a: {{ var("x", "y") }}\nb: 2\n`;
    const loaded = loadYaml(text);
    assert.deepEqual(loaded.value, { a: '{{ var("x", "y") }}', b: 2 });
    assert.equal(loaded.errors.length, 1);
    assert.deepEqual(startOf(text, loaded.errors[0].span.start), [0, 3]);
  });

  it('recovers unquoted Jinja followed by more text, and the lines after it', () => {
    const text = `schema: {{ target.schema }}_raw  # per target\nx: {% if a %}1{% endif %}\ntags:\n  - {{ var('t') }}\nafter: ok\n`;
    const loaded = loadYaml(text);
    assert.deepEqual(loaded.value, { schema: '{{ target.schema }}_raw', x: '{% if a %}1{% endif %}', tags: ["{{ var('t') }}"], after: 'ok' });
    assert.deepEqual(loaded.errors.map((error) => text.slice(error.span.start, error.span.end)), [
      '{{ target.schema }}_raw',
      '{% if a %}1{% endif %}',
      "{{ var('t') }}",
    ]);
  });

  it('leaves Jinja inside block scalars alone while recovering from another error', () => {
    const text = 'description: |\n  Note: {{ doc("x") }}\n  - {{ y }}\nbad: [\n';
    const loaded = loadYaml(text);
    assert.equal((loaded.value as { description: string }).description, 'Note: {{ doc("x") }}\n- {{ y }}\n');
    assert.ok(loaded.errors.every((error) => !error.message.startsWith('Unquoted Jinja')));
  });

  it('reports an alias to an unknown anchor where it is written and keeps the rest', () => {
    const text = 'a: 1\nb: *nope\nc: 3\n';
    const loaded = loadYaml(text);
    assert.deepEqual(loaded.value, { a: 1, b: null, c: 3 });
    assert.equal(loaded.errors.length, 1);
    assert.equal(text.slice(loaded.errors[0].span.start, loaded.errors[0].span.end), '*nope');
  });

  it('locates every error of a malformed file and keeps the readable rest', () => {
    const text = ['models:', '  - name: good', '    description: fine', '  - name: [broken', 'sources:', '  - name: raw', ''].join('\n');
    const loaded = loadYaml(text);
    assert.equal(loaded.usedFallback, true);
    assert.ok(loaded.errors.length >= 1);
    for (const error of loaded.errors) assert.ok(error.span.end > error.span.start, 'every error has a non-empty span');
    // The unterminated flow sequence is reported where its line ends, before `sources:` takes over.
    assert.deepEqual(startOf(text, loaded.errors[0].span.start), [4, 0]);
    const value = loaded.value as { models: { name: unknown }[]; sources?: unknown };
    assert.equal(value.models[0].name, 'good');
  });

  it('reports a bad indentation with its line and column', () => {
    const text = 'models:\n  - name: a\n   description: x\n';
    const loaded = loadYaml(text);
    assert.equal(loaded.usedFallback, true);
    assert.equal(loaded.errors.length, 1);
    assert.deepEqual(startOf(text, loaded.errors[0].span.start), [2, 3]);
  });

  it('reports duplicate keys, which dbt-core reads with a warning, and keeps the last value as dbt does', () => {
    const text = 'name: a\nversion: 1\nname: b\n';
    const loaded = loadYaml(text);
    assert.equal(loaded.errors.length, 1);
    assert.equal(loaded.errors[0].code, 'duplicate-key');
    assert.match(loaded.errors[0].message, /^`name` is written twice in this mapping: dbt keeps only the last value/);
    assert.deepEqual(startOf(text, loaded.errors[0].span.start), [2, 0]);
    assert.deepEqual(loaded.value, { name: 'b', version: 1 });
  });

  it('reports a second document', () => {
    const text = 'a: 1\n---\nb: 2\n';
    const loaded = loadYaml(text);
    assert.equal(loaded.errors.length, 1);
    assert.deepEqual(loaded.value, { a: 1 });
  });

  it('reports an unknown tag that the exact parser would silently accept', () => {
    const text = 'a: !custom x\n';
    const loaded = loadYaml(text);
    assert.equal(loaded.errors.length, 1);
    assert.deepEqual(startOf(text, loaded.errors[0].span.start), [0, 3]);
  });

  it('refuses an alias expansion attack and says so', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level <= 9; level++) {
      const previous = `*a${level - 1}`;
      lines.push(`a${level}: &a${level} [${Array(10).fill(previous).join(', ')}]`);
    }
    const started = Date.now();
    const loaded = loadYaml(lines.join('\n'));
    assert.ok(Date.now() - started < 2000, 'the guard is fast');
    assert.equal(loaded.value, null);
    assert.equal(loaded.errors.length, 1);
    assert.match(loaded.errors[0].message, /billion laughs/);
  });

  it('accepts ordinary anchor reuse', () => {
    const lines = ['cols: &cols', ...Array.from({ length: 30 }, (_, i) => `  - name: c${i}`), 'models:'];
    for (let i = 0; i < 200; i++) lines.push(`  - name: m${i}`, '    columns: *cols');
    const loaded = loadYaml(lines.join('\n'));
    assert.deepEqual(loaded.errors, []);
    assert.equal((loaded.value as { models: unknown[] }).models.length, 200);
  });

  it('reports a self-referencing alias instead of returning an endless value', () => {
    const loaded = loadYaml('a: &a [1, *a]\n');
    assert.equal(loaded.value, null);
    assert.ok(loaded.errors.length >= 1);
  });

  it('never throws, whatever the input', () => {
    for (const text of ['{', ']', ':', '- - -', '&a *a', '"unterminated', 'a: |\n  x\n y', '\t- tab', '%YAML 9.9\n---\na: 1', '\u0000']) {
      const loaded = loadYaml(text);
      assert.ok(Array.isArray(loaded.errors));
    }
  });
});

describe('loadYaml accepts what PyYAML accepts', () => {
  it('reads a flow sequence whose closing bracket is less indented than its items, without errors', () => {
    const text = [
      'version: 2',
      'models:',
      '  - name: orders',
      '    columns:',
      '      - name: status',
      '        tests:',
      '          - accepted_values:',
      '              values: [',
      "                'placed',",
      "                'shipped'",
      '            ]',
      '',
    ].join('\n');
    const loaded = loadYaml(text);
    assert.deepEqual(loaded.errors, []);
    assert.deepEqual((loaded.value as any).models[0].columns[0].tests[0].accepted_values.values, ['placed', 'shipped']);
  });
});

describe('loadYaml follows PyYAML where js-yaml is stricter', () => {
  it('accepts a closing bracket at the indentation of its key, as cal-itp writes it', () => {
    const text = ['tests:', '  - accepted_values:', '      arguments:', '        values: [', '          "a",', '          "b"', '        ]', ''].join('\n');
    const loaded = loadYaml(text);
    assert.deepEqual(loaded.errors, []);
    assert.deepEqual((loaded.value as any).tests[0].accepted_values.arguments.values, ['a', 'b']);
  });

  it('still rejects an unknown tag, as PyYAML does', () => {
    assert.equal(loadYaml('a: !custom value\n').errors.length > 0, true);
  });
});
