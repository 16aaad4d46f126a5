/**
 * The TextMate grammars, the language configuration and their contribution in package.json.
 *
 * vscode-textmate and oniguruma are not dependencies, so the grammars are checked structurally,
 * every regex is compiled as a JavaScript regex (the grammars keep to the common subset), and a
 * tiny TextMate interpreter (match, begin/end, captures, includes; end pattern tried first, earliest
 * match wins) assigns scopes to sample lines.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));

interface Rule {
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Record<string, { name: string }>;
  beginCaptures?: Record<string, { name: string }>;
  endCaptures?: Record<string, { name: string }>;
  patterns?: Rule[];
  include?: string;
}

interface Grammar {
  scopeName: string;
  name?: string;
  patterns: Rule[];
  repository?: Record<string, Rule>;
  injectionSelector?: string;
}

const PKG = readJson('package.json');
const CONTRIBUTED: { scopeName: string; path: string; language?: string; injectTo?: string[] }[] = PKG.contributes.grammars;
const GRAMMARS = new Map<string, Grammar>(CONTRIBUTED.map((entry) => [entry.scopeName, readJson(entry.path) as Grammar]));
const MAIN = 'source.sql.jinja';

/** Oniguruma syntax the grammars avoid, so that compiling them as JavaScript regexes proves something. */
const ONIGURUMA_ONLY = [/\\[hHAzZG]/, /\(\?<[=!]/, /[*+?}]\+/, /\(\?[imx]+-/, /\\p\{/];

function compile(source: string): RegExp {
  let flags = 'g';
  let body = source;
  if (body.startsWith('(?i)')) {
    flags += 'i';
    body = body.slice(4);
  }
  return new RegExp(body, flags);
}

function allRules(grammar: Grammar): Rule[] {
  const rules: Rule[] = [];
  const visit = (rule: Rule) => {
    rules.push(rule);
    for (const child of rule.patterns ?? []) visit(child);
  };
  for (const rule of grammar.patterns) visit(rule);
  for (const rule of Object.values(grammar.repository ?? {})) visit(rule);
  return rules;
}

/** Grammars VS Code ships, which a contributed grammar may include whole: the Avro grammar is the JSON one. */
const BUILT_IN_SCOPES = new Set(['source.json']);

function resolveInclude(include: string, grammar: Grammar): { rule: Rule; grammar: Grammar } | undefined {
  const [scope, key] = include.startsWith('#') ? [grammar.scopeName, include.slice(1)] : include.split('#');
  if (!key && BUILT_IN_SCOPES.has(scope)) return undefined;
  const target = GRAMMARS.get(scope);
  assert.ok(target, `include ${include}: no grammar ${scope}`);
  if (!key) return { rule: { patterns: target.patterns }, grammar: target };
  const rule = target.repository?.[key];
  assert.ok(rule, `include ${include}: no repository entry ${key} in ${scope}`);
  return { rule, grammar: target };
}

// ---------------------------------------------------------------------------------------------
// A tiny TextMate interpreter, enough for these grammars.

interface Token {
  text: string;
  scopes: string[];
}

interface Frame {
  rule: Rule;
  grammar: Grammar;
  end: RegExp;
  scopes: string[];
}

interface Candidate {
  index: number;
  match: RegExpExecArray;
  rule?: Rule;
  grammar: Grammar;
}

function flatten(rules: Rule[], grammar: Grammar, seen = new Set<Rule>()): { rule: Rule; grammar: Grammar }[] {
  const out: { rule: Rule; grammar: Grammar }[] = [];
  for (const rule of rules) {
    if (rule.include) {
      const target = resolveInclude(rule.include, grammar);
      // A built-in grammar is not interpreted here: its tokens are VS Code's.
      if (!target || seen.has(target.rule)) continue;
      const container = target.rule.match === undefined && target.rule.begin === undefined;
      out.push(...flatten(container ? target.rule.patterns ?? [] : [target.rule], target.grammar, new Set([...seen, target.rule])));
    } else {
      out.push({ rule, grammar });
    }
  }
  return out;
}

function tokenize(text: string, grammar: Grammar): Token[][] {
  const stack: Frame[] = [];
  const base = grammar.scopeName;
  const lines: Token[][] = [];
  for (const line of text.split('\n')) {
    const tokens: Token[] = [];
    const scopes = () => [base, ...stack.flatMap((frame) => frame.scopes)];
    const emit = (from: number, to: number, extra: string[] = []) => {
      if (to > from) tokens.push({ text: line.slice(from, to), scopes: [...scopes(), ...extra] });
    };
    const emitCaptures = (match: RegExpExecArray, captures: Rule['captures'], outer: string[]) => {
      // Captures are emitted only for whole-match scoping and top-level groups in order, which these grammars use.
      const start = match.index;
      const whole = captures?.['0']?.name;
      let at = start;
      const groups = match.slice(1);
      let cursor = start;
      for (let g = 0; g < groups.length; g++) {
        const value = groups[g];
        if (value === undefined || value === '') continue;
        const offset = line.indexOf(value, cursor);
        emit(at, offset, [...outer, ...(whole ? [whole] : [])]);
        const name = captures?.[String(g + 1)]?.name;
        emit(offset, offset + value.length, [...outer, ...(whole ? [whole] : []), ...(name ? [name] : [])]);
        at = cursor = offset + value.length;
      }
      emit(at, start + match[0].length, [...outer, ...(whole ? [whole] : [])]);
    };
    let pos = 0;
    let guard = 0;
    while (pos <= line.length && guard++ < 10_000) {
      const frame = stack[stack.length - 1];
      const patterns = flatten(frame ? frame.rule.patterns ?? [] : grammar.patterns, frame ? frame.grammar : grammar);
      let best: Candidate | undefined;
      if (frame) {
        frame.end.lastIndex = pos;
        const match = frame.end.exec(line);
        if (match) best = { index: match.index, match, grammar: frame.grammar };
      }
      for (const { rule, grammar: owner } of patterns) {
        const regex = compile((rule.match ?? rule.begin)!);
        regex.lastIndex = pos;
        const match = regex.exec(line);
        if (match && (!best || match.index < best.index)) best = { index: match.index, match, rule, grammar: owner };
      }
      if (!best) {
        emit(pos, line.length);
        break;
      }
      emit(pos, best.index);
      const { match } = best;
      if (!best.rule) {
        // The end of the current frame.
        const ended = stack[stack.length - 1];
        emitCaptures(match, ended.rule.endCaptures ?? ended.rule.captures, []);
        stack.pop();
      } else if (best.rule.match) {
        const name = best.rule.name ? [best.rule.name] : [];
        emitCaptures(match, best.rule.captures, name);
      } else {
        const rule = best.rule;
        const name = rule.name ? [rule.name] : [];
        emitCaptures(match, rule.beginCaptures ?? rule.captures, name);
        stack.push({ rule, grammar: best.grammar, end: compile(rule.end!), scopes: [...name, ...(rule.contentName ? [rule.contentName] : [])] });
      }
      const next = match.index + match[0].length;
      if (next === pos && best.rule?.match) {
        emit(pos, pos + 1);
        pos++;
      } else {
        pos = next;
      }
      if (pos >= line.length && (!stack.length || !compile(stack[stack.length - 1].rule.end!).test(''))) break;
    }
    lines.push(tokens);
  }
  return lines;
}

/** The scopes of the first token whose text is `text` (or contains it when no token equals it). */
function scopesOf(lines: Token[][], text: string, occurrence = 0): string[] {
  const tokens = lines.flat();
  const exact = tokens.filter((token) => token.text === text);
  const token = exact[occurrence] ?? tokens.filter((candidate) => candidate.text.includes(text))[occurrence];
  assert.ok(token, `no token ${JSON.stringify(text)} in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes;
}

function assertScope(lines: Token[][], text: string, scope: string, occurrence = 0): void {
  const scopes = scopesOf(lines, text, occurrence);
  assert.ok(scopes.some((candidate) => candidate === scope || candidate.startsWith(scope + '.')), `${JSON.stringify(text)} has ${scopes.join(' ')}, not ${scope}`);
}

// ---------------------------------------------------------------------------------------------

describe('package.json contributes (languages, grammars, snippets)', () => {
  it('declares jinja-sql without claiming any file extension', () => {
    const languages = PKG.contributes.languages;
    const jinjaSql = languages.find((language: { id: string }) => language.id === 'jinja-sql');
    assert.ok(jinjaSql);
    assert.deepEqual(jinjaSql.aliases.slice(0, 2), ['Jinja SQL', 'dbt SQL']);
    assert.ok(!jinjaSql.extensions || jinjaSql.extensions.length === 0, '.sql stays with other SQL extensions');
    assert.ok(!jinjaSql.filenamePatterns && !jinjaSql.filenames);
    assert.ok(fs.existsSync(path.join(ROOT, jinjaSql.configuration)));
  });

  it('declares avro for .avsc files, coloured by the JSON grammar', () => {
    const avro = PKG.contributes.languages.find((language: { id: string }) => language.id === 'avro');
    assert.deepEqual(avro?.extensions, ['.avsc']);
    assert.ok(fs.existsSync(path.join(ROOT, avro.configuration)));
    const grammar = CONTRIBUTED.find((entry) => entry.language === 'avro');
    assert.deepEqual(readJson(grammar!.path).patterns, [{ include: 'source.json' }]);
  });

  it('points every grammar at a file with the same scope name', () => {
    for (const entry of CONTRIBUTED) {
      const grammar = readJson(entry.path);
      assert.equal(grammar.scopeName, entry.scopeName, entry.path);
    }
    const main = CONTRIBUTED.find((entry) => entry.language === 'jinja-sql');
    assert.equal(main?.scopeName, MAIN);
    assert.deepEqual(CONTRIBUTED.filter((entry) => entry.injectTo).map((entry) => entry.injectTo), [['source.sql'], ['source.yaml']]);
  });

  it('points every snippet file at an existing JSON file', () => {
    const snippets: { language: string; path: string }[] = PKG.contributes.snippets;
    assert.deepEqual(snippets.map((entry) => entry.language).sort(), ['avro', 'jinja-sql', 'sql', 'yaml']);
    for (const entry of snippets) readJson(entry.path);
  });
});

describe('TextMate grammars', () => {
  for (const [scope, grammar] of GRAMMARS) {
    describe(scope, () => {
      it('has only rules with a valid shape, and includes that resolve', () => {
        for (const rule of allRules(grammar)) {
          const kinds = [rule.match !== undefined, rule.begin !== undefined, rule.include !== undefined, rule.patterns !== undefined && !rule.begin];
          assert.equal(kinds.filter(Boolean).length >= 1, true, JSON.stringify(rule));
          if (rule.begin !== undefined) assert.ok(typeof rule.end === 'string', `begin without end: ${rule.begin}`);
          if (rule.end !== undefined) assert.ok(typeof rule.begin === 'string', `end without begin: ${rule.end}`);
          if (rule.match !== undefined) assert.ok(!rule.begin && !rule.patterns, `match with begin or patterns: ${rule.match}`);
          if (rule.include) resolveInclude(rule.include, grammar);
          for (const name of [rule.name, rule.contentName, ...Object.values({ ...rule.captures, ...rule.beginCaptures, ...rule.endCaptures }).map((c) => c.name)]) {
            if (name !== undefined) assert.match(name, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, `scope name ${name}`);
          }
        }
      });

      it('has regexes that compile as JavaScript and use no Oniguruma-only syntax', () => {
        for (const rule of allRules(grammar)) {
          for (const source of [rule.match, rule.begin, rule.end]) {
            if (source === undefined) continue;
            for (const construct of ONIGURUMA_ONLY) assert.ok(!construct.test(source), `${source} uses ${construct}`);
            assert.doesNotThrow(() => compile(source), source);
            // Captures named in the rule exist in its regex.
            const groups = new RegExp(`${compile(source).source}|`).exec('')!.length - 1;
            const captures = source === rule.end ? rule.endCaptures : source === rule.begin ? rule.beginCaptures : rule.captures;
            for (const key of Object.keys(captures ?? {})) assert.ok(Number(key) <= groups, `${source}: capture ${key} of ${groups}`);
          }
        }
      });
    });
  }

  it('injects Jinja into SQL and YAML from the Jinja SQL grammar, never into itself or into Jinja', () => {
    const sql = GRAMMARS.get('source.sql.jinja.injection')!;
    const yaml = GRAMMARS.get('source.yaml.jinja.injection')!;
    assert.match(sql.injectionSelector!, /^L:source\.sql\b/);
    assert.match(sql.injectionSelector!, /-source\.sql\.jinja\b/);
    assert.match(yaml.injectionSelector!, /^L:source\.yaml string\b/);
    for (const grammar of [sql, yaml]) {
      assert.deepEqual(grammar.patterns, [{ include: `${MAIN}#jinja` }]);
      assert.match(grammar.injectionSelector!, /-meta\.embedded\.inline\.jinja/);
    }
  });

  describe('scopes of sample lines (source.sql.jinja)', () => {
    const grammar = GRAMMARS.get(MAIN)!;

    it('SQL keywords, identifiers, numbers, strings, operators', () => {
      const lines = tokenize("select id, amount * 10.5 as total from orders where status = 'open' and x is not null", grammar);
      assertScope(lines, 'select', 'keyword.other.sql');
      assertScope(lines, 'from', 'keyword.other.sql');
      assertScope(lines, '10.5', 'constant.numeric.sql');
      assertScope(lines, "'", 'string.quoted.single.sql');
      assertScope(lines, 'open', 'string.quoted.single.sql');
      assertScope(lines, 'and', 'keyword.operator.logical.sql');
      assertScope(lines, 'null', 'constant.language.sql');
      assertScope(lines, '*', 'keyword.operator.sql');
      assertScope(lines, '=', 'keyword.operator.sql');
      assert.deepEqual(scopesOf(lines, ' id'), [MAIN]);
    });

    it('SQL comments, functions and types, case-insensitively', () => {
      const lines = tokenize('SELECT CAST(x AS INT64), coalesce(a, b) -- note\n/* block\nstill */ FROM t', grammar);
      assertScope(lines, 'SELECT', 'keyword.other.sql');
      assertScope(lines, 'INT64', 'storage.type.sql');
      assertScope(lines, 'coalesce', 'support.function.sql');
      assertScope(lines, ' note', 'comment.line.double-dash.sql');
      assertScope(lines, 'still ', 'comment.block.sql');
      assertScope(lines, 'FROM', 'keyword.other.sql');
    });

    it('{{ }} expressions with ref, source and config as support functions', () => {
      const lines = tokenize("{{ config(materialized='incremental', unique_key='id') }}\nselect * from {{ ref('stg_orders') }} join {{ source('shop', 'orders') }}", grammar);
      assertScope(lines, '{{', 'punctuation.definition.tag.begin.jinja');
      assertScope(lines, '}}', 'punctuation.definition.tag.end.jinja');
      assertScope(lines, 'config', 'support.function.dbt.jinja');
      assertScope(lines, 'ref', 'support.function.dbt.jinja');
      assertScope(lines, 'source', 'support.function.dbt.jinja');
      assertScope(lines, 'materialized', 'variable.other.jinja');
      assertScope(lines, 'stg_orders', 'string.quoted.single.jinja');
      assertScope(lines, 'stg_orders', 'meta.embedded.inline.jinja');
      assertScope(lines, 'join', 'keyword.other.sql');
    });

    it('{% %} statements with keywords, whitespace control, numbers and operators', () => {
      const lines = tokenize("{%- if is_incremental() and var('days', 3) > 1 -%}\n{% set cols = ['a', 'b'] | join(', ') %}\n{% endif %}", grammar);
      assertScope(lines, '{%', 'punctuation.definition.tag.begin.jinja');
      assertScope(lines, '-', 'keyword.operator.whitespace-control.jinja');
      assertScope(lines, 'if', 'keyword.control.jinja');
      assertScope(lines, 'is_incremental', 'support.function.dbt.jinja');
      assertScope(lines, 'and', 'keyword.operator.logical.jinja');
      assertScope(lines, '3', 'constant.numeric.jinja');
      assertScope(lines, '>', 'keyword.operator.jinja');
      assertScope(lines, '%}', 'punctuation.definition.tag.end.jinja');
      assertScope(lines, 'set', 'keyword.control.jinja');
      assertScope(lines, '|', 'keyword.operator.filter.jinja');
      assertScope(lines, 'join', 'support.function.filter.jinja');
      assertScope(lines, 'endif', 'keyword.control.jinja');
    });

    it('macros, loops and {# #} comments over several lines', () => {
      const lines = tokenize('{% macro cents_to_dollars(column, scale=2) %}\n  ({{ column }} / 100)::numeric(16, {{ scale }})\n{% endmacro %}\n{# a comment\n   {{ not_an_expression }} #}\n{% for m in methods %}{{ loop.index }}{% endfor %}', grammar);
      assertScope(lines, 'macro', 'keyword.control.jinja');
      assertScope(lines, 'cents_to_dollars', 'entity.name.function.jinja');
      assertScope(lines, 'column', 'variable.other.jinja', 1);
      assertScope(lines, '::', 'keyword.operator.sql');
      assertScope(lines, 'endmacro', 'keyword.control.jinja');
      assertScope(lines, ' a comment', 'comment.block.jinja');
      assertScope(lines, '{#', 'punctuation.definition.comment.begin.jinja');
      assertScope(lines, '{{ not_an_expression }} ', 'comment.block.jinja');
      assertScope(lines, 'for', 'keyword.control.jinja');
      assertScope(lines, 'in', 'keyword.operator.logical.jinja');
      assertScope(lines, 'loop', 'variable.language.dbt.jinja');
      assertScope(lines, 'endfor', 'keyword.control.jinja');
    });

    it('Jinja inside SQL strings and comments, as dbt renders it there too', () => {
      const lines = tokenize("select date(ts, '{{ var(\"tz\") }}') -- built by {{ this }}", grammar);
      assertScope(lines, 'var', 'support.function.dbt.jinja');
      assertScope(lines, 'var', 'string.quoted.single.sql');
      assertScope(lines, 'this', 'variable.language.dbt.jinja');
      assertScope(lines, 'this', 'comment.line.double-dash.sql');
    });

    const injectionLines = (text: string) => tokenize(text, GRAMMARS.get('source.yaml.jinja.injection')!);

    it('the injection grammars highlight Jinja with the same rules', () => {
      const injection = GRAMMARS.get('source.sql.jinja.injection')!;
      const lines = tokenize("select * from {{ ref('orders') }} {# note #}", injection);
      assertScope(lines, 'ref', 'support.function.dbt.jinja');
      assertScope(lines, ' note ', 'comment.block.jinja');
      assertScope(injectionLines("name: '{{ env_var(\"DBT_USER\") }}'"), 'env_var', 'support.function.dbt.jinja');
    });
  });
});

describe('language-configuration.json', () => {
  const config = readJson('language-configuration.json');

  it('has SQL comments and brackets', () => {
    assert.deepEqual(config.comments, { lineComment: '--', blockComment: ['/*', '*/'] });
    assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
    assert.ok(config.surroundingPairs.length >= 5);
  });

  it('auto-closes Jinja delimiters with their spaces', () => {
    const pairs = new Map<string, string>(config.autoClosingPairs.map((pair: { open: string; close: string }) => [pair.open, pair.close]));
    assert.equal(pairs.get('{{ '), ' }}');
    assert.equal(pairs.get('{% '), ' %}');
    assert.equal(pairs.get('{# '), ' #}');
    // A `{` pair would close each brace as it is typed and leave `}}}}` after `{{ `.
    assert.equal(pairs.has('{'), false);
  });

  it('folds macro, if and for blocks (and -- region markers)', () => {
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    for (const line of ['{% macro cents(x) %}', '  {%- if is_incremental() %}', '{% for m in methods %}', '-- region imports', '{% snapshot s %}']) {
      assert.ok(start.test(line), line);
      assert.ok(!end.test(line), line);
    }
    for (const line of ['{% endmacro %}', '  {%- endif -%}', '{% endfor %}', '-- endregion', '{% endsnapshot %}']) {
      assert.ok(end.test(line), line);
      assert.ok(!start.test(line), line);
    }
    for (const line of ['{% else %}', '{% set x = 1 %}', 'select if(a, b, c) from t']) assert.ok(!start.test(line) && !end.test(line), line);
  });
});
