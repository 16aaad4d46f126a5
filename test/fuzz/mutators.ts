/**
 * Mutations of real-shaped inputs: the damage files really suffer (cut mid-write, pasted twice, half-typed) and the
 * hostile shapes a parser must survive (random bytes, lone surrogates, deep nesting, huge numbers, alias bombs).
 * Each mutation is a pure function of the text and the generator, so a case is rebuilt exactly from its seed.
 */
import type { Prng } from './prng';

export interface Mutation {
  name: string;
  apply(text: string, rng: Prng): string;
}

/** Characters that break naive code: NUL, BOM, CR alone, lone surrogates, line and paragraph separators, astral pairs. */
const HOSTILE_CHARS = ['\0', '\uFEFF', '\r', '\r\n', '\n', '\t', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u2028', '\u2029', '\u0085', '\u00A0', '\u200B', '\u0301', '😀', '\u{10FFFF}', '\\', '"', "'", '`', '#', '%', '$'];

/** Tokens of the languages in these files: inserting them makes half-typed constructs rather than noise. */
const TOKENS = [
  '{{', '}}', '{%', '%}', '{#', '#}', '{%-', '-%}', "ref('", "source('", "')", ')', '(', ',', 'select', 'from', 'where', 'with', ' as ', 'join', 'union all', '*', '--', '/*', '*/',
  ':', ': ', '- ', '  ', '\n  - name: ', '\n    ', '[', ']', '{', '}', '&a ', '*a', '<<: ', '!!str ', '!custom ', '|', '>-', '? ', '---\n', '...\n', '"', "'",
  '{% if x %}', '{% endif %}', '{% for i in range(10) %}', '{% endfor %}', '{% macro m(a) %}', '{% endmacro %}', '{% set x = ', "{{ config(materialized='table') }}", '{{ var("x") }}',
  'null', 'true', '~', 'NaN', '-.inf', '0x1F', '1e309', '2024-13-45', '"name":', '"nodes": {', '"columns": [',
];

const HUGE_NUMBERS = ['1e309', '-1e309', '9'.repeat(400), '0.' + '0'.repeat(300) + '1', '18446744073709551616', '-0', '0x' + 'f'.repeat(40), '1_000_000', '.inf', 'NaN', '123456789012345678901234567890'];

function at(text: string, rng: Prng): number {
  return rng.int(text.length + 1);
}

function insert(text: string, offset: number, piece: string): string {
  return text.slice(0, offset) + piece + text.slice(offset);
}

/** A range of up to `max` characters starting inside the text. */
function range(text: string, rng: Prng, max: number): [number, number] {
  const start = at(text, rng);
  return [start, Math.min(text.length, start + rng.between(1, max))];
}

function randomBytes(rng: Prng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String.fromCharCode(rng.int(256));
  return out;
}

function randomUnicode(rng: Prng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    if (rng.chance(0.5)) out += rng.pick(HOSTILE_CHARS);
    // Any UTF-16 code unit, surrogates included: editors hand the server exactly such strings mid-edit.
    else out += String.fromCharCode(rng.int(0x10000));
  }
  return out;
}

/** Deeply nested constructs of each language, 500 levels: recursion in a parser or renderer must not overflow. */
function deepNesting(rng: Prng, depth: number): string {
  switch (rng.int(8)) {
    case 0: return '['.repeat(depth) + ']'.repeat(rng.chance(0.5) ? depth : 0);
    case 1: return '{'.repeat(depth) + '}'.repeat(rng.chance(0.5) ? depth : 0);
    case 2: return '{% if x %}'.repeat(depth) + (rng.chance(0.5) ? '{% endif %}'.repeat(depth) : '');
    case 3: return '('.repeat(depth) + 'select 1' + ')'.repeat(rng.chance(0.5) ? depth : 0);
    case 4: return '{{ ' + 'f('.repeat(depth) + ')'.repeat(depth) + ' }}';
    case 5: return Array.from({ length: depth }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' v';
    case 6: return '{% for i in x %}'.repeat(depth) + (rng.chance(0.5) ? '{% endfor %}'.repeat(depth) : '');
    default: return '- '.repeat(depth) + 'x';
  }
}

/** YAML anchors and aliases: merge keys, an alias to a missing anchor, and a small billion-laughs expansion. */
function yamlAliases(rng: Prng): string {
  switch (rng.int(4)) {
    case 0: {
      const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
      return '\n' + lines.join('\n') + '\n';
    }
    case 1: return '\nbase: &base {name: x, columns: [{name: id}]}\nuse:\n  <<: *base\n  other: *base\n';
    case 2: return ' *missing_anchor ';
    default: return '\nself: &self\n  - *self\n';
  }
}

export const MUTATIONS: readonly Mutation[] = [
  { name: 'delete-range', apply: (text, rng) => { const [s, e] = range(text, rng, 64); return text.slice(0, s) + text.slice(e); } },
  { name: 'delete-large-range', apply: (text, rng) => { const [s, e] = range(text, rng, 2000); return text.slice(0, s) + text.slice(e); } },
  { name: 'duplicate-range', apply: (text, rng) => { const [s, e] = range(text, rng, 400); return insert(text, at(text, rng), text.slice(s, e)); } },
  { name: 'duplicate-whole', apply: (text) => text + text },
  { name: 'truncate', apply: (text, rng) => text.slice(0, at(text, rng)) },
  { name: 'truncate-start', apply: (text, rng) => text.slice(at(text, rng)) },
  { name: 'random-bytes', apply: (text, rng) => insert(text, at(text, rng), randomBytes(rng, rng.between(1, 32))) },
  { name: 'overwrite-bytes', apply: (text, rng) => { const [s, e] = range(text, rng, 16); return text.slice(0, s) + randomBytes(rng, e - s) + text.slice(e); } },
  { name: 'random-unicode', apply: (text, rng) => insert(text, at(text, rng), randomUnicode(rng, rng.between(1, 16))) },
  { name: 'token', apply: (text, rng) => insert(text, at(text, rng), rng.pick(TOKENS)) },
  { name: 'tokens', apply: (text, rng) => { let out = text; for (let i = rng.between(2, 8); i > 0; i--) out = insert(out, at(out, rng), rng.pick(TOKENS)); return out; } },
  { name: 'deep-nesting', apply: (text, rng) => insert(text, at(text, rng), deepNesting(rng, 500)) },
  { name: 'huge-number', apply: (text, rng) => { const [s, e] = range(text, rng, 6); return text.slice(0, s) + rng.pick(HUGE_NUMBERS) + text.slice(e); } },
  { name: 'long-line', apply: (text, rng) => insert(text, at(text, rng), rng.pick(['x', 'a ', '{{', '- ', ', a', '"', ' ']).repeat(rng.between(500, 5000))) },
  { name: 'yaml-aliases', apply: (text, rng) => insert(text, rng.chance(0.5) ? text.length : at(text, rng), yamlAliases(rng)) },
  { name: 'line-endings', apply: (text, rng) => rng.pick([(t: string) => t.replace(/\n/g, '\r\n'), (t: string) => t.replace(/\n/g, '\r'), (t: string) => t.replace(/\n/g, () => (rng.chance(0.5) ? '\r\n' : '\n'))])(text) },
  { name: 'bom', apply: (text, rng) => (rng.chance(0.5) ? '\uFEFF' + text : insert(text, at(text, rng), '\uFEFF')) },
  { name: 'swap-lines', apply: (text, rng) => { const lines = text.split('\n'); const i = rng.int(lines.length); const j = rng.int(lines.length); [lines[i], lines[j]] = [lines[j], lines[i]]; return lines.join('\n'); } },
  { name: 'indent-shift', apply: (text, rng) => { const lines = text.split('\n'); const i = rng.int(lines.length); lines[i] = rng.chance(0.5) ? ' '.repeat(rng.between(1, 9)) + lines[i] : lines[i].trimStart(); return lines.join('\n'); } },
  { name: 'empty', apply: () => '' },
];

/** One to three mutations stacked; the names say what happened, for the report and for replay. */
export function mutate(text: string, rng: Prng): { text: string; mutations: string[] } {
  let out = text;
  const names: string[] = [];
  for (let i = rng.between(1, 3); i > 0; i--) {
    const mutation = rng.pick(MUTATIONS);
    out = mutation.apply(out, rng);
    names.push(mutation.name);
  }
  return { text: out, mutations: names };
}
