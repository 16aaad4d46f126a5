/** The properties YAML files: one sources file per source system and one models file per folder. */
import type { GeneratorContext } from './context';
import type { Col, Model } from './types';
import { EVENT_LIKE, words } from './vocabulary';

/** Writes one sources YAML file per source system, with freshness and documented columns. */
export function writeSources(ctx: GeneratorContext): void {
  const periods = [
    [6, 24], [12, 36], [1, 6], [24, 72], [3, 12],
  ];
  ctx.sources.forEach((src, s) => {
    const [warn, err] = periods[s % periods.length];
    const lines: string[] = [
      'version: 2', '', 'sources:',
      `  - name: ${src.name}`,
      `    description: Raw tables of the ${src.name} system, loaded by the ingestion platform.`,
      `    database: ${ctx.opts.adapter === 'bigquery' ? 'acme-raw' : 'RAW'}`,
      `    schema: ${ctx.opts.adapter === 'bigquery' ? `raw_${src.name}` : src.name.toUpperCase()}`,
      '    loaded_at_field: _loaded_at',
      '    freshness:',
      `      warn_after: {count: ${warn}, period: hour}`,
      `      error_after: {count: ${err}, period: hour}`,
      '', '    tables:',
    ];
    for (const t of src.tables) {
      lines.push(`      - name: ${t.name}`, `        description: One row per ${words(t.entity)} in ${src.name}.`);
      if (EVENT_LIKE.has(t.name)) lines.push('        freshness:', '          warn_after: {count: 1, period: hour}', '          error_after: {count: 6, period: hour}');
      lines.push('        columns:',
        '          - name: id', `            description: Primary key of the ${words(t.entity)}.`,
        '            data_tests:', '              - unique', '              - not_null');
      for (const c of t.raw.filter((c) => c.kind !== 'id' && c.name !== '_loaded_at').slice(0, 3)) {
        lines.push(`          - name: ${c.name}`, `            description: ${words(c.name)} as sent by ${src.name}.`);
      }
    }
    ctx.files.set(`models/staging/${src.name}/_${src.name}__sources.yml`, lines.join('\n') + '\n');
  });
}

/** Writes one properties YAML file per model folder, documenting about 40% of its models. */
export function writeProperties(ctx: GeneratorContext): void {
  const byFolder = new Map<string, Model[]>();
  for (const m of ctx.models) {
    const list = byFolder.get(m.folder) ?? [];
    list.push(m);
    byFolder.set(m.folder, list);
  }
  for (const [folder, models] of byFolder) {
    const testsKey = ctx.rng.chance(0.25) ? 'tests' : 'data_tests';
    const lines: string[] = ['version: 2', '', 'models:'];
    let documented = 0;
    for (const m of models) {
      if (!ctx.rng.chance(0.4)) continue;
      if (documented++ > 0) lines.push('');
      lines.push(`  - name: ${m.name}`, `    description: ${JSON.stringify(m.description)}`);
      if (m.layer === 'marts' && ctx.rng.chance(0.3)) {
        lines.push('    config:', `      tags: ["${m.name.startsWith('fct_') ? 'facts' : 'dimensions'}"]`, '      meta:', `        owner: "${m.folder.split('/')[1]}-analytics@acme.example"`);
      }
      lines.push('    columns:');
      const pk = m.cols.find((c) => c.name === m.pk);
      const rest = m.cols.filter((c) => c !== pk);
      const cols = [...(pk ? [pk] : []), ...rest.slice(0, ctx.rng.int(5, 11))];
      for (const c of cols) {
        lines.push(`      - name: ${c.name}`, `        description: ${JSON.stringify(columnDescription(c, m))}`);
        const tests: string[] = [];
        if (c === pk) tests.push('          - unique', '          - not_null');
        else if (c.values && ctx.rng.chance(0.6)) {
          tests.push('          - accepted_values:', `              values: [${c.values.map((v) => `"${v}"`).join(', ')}]`);
        } else if (c.kind === 'id' && ctx.rng.chance(0.35)) {
          const parent = m.upstream.map((u) => ctx.byName.get(u)!).find((u) => u.pk === c.name);
          if (parent) tests.push('          - relationships:', `              to: ref('${parent.name}')`, `              field: ${c.name}`);
          else tests.push('          - not_null');
        }
        if (tests.length) lines.push(`        ${testsKey}:`, ...tests);
      }
    }
    if (documented === 0) continue;
    const leaf = folder.split('/').slice(1).join('_') || folder.split('/')[0];
    ctx.files.set(`models/${folder}/_${leaf}__models.yml`, lines.join('\n') + '\n');
  }
}

/** A one-sentence description of a column, from its name and kind. */
function columnDescription(c: Col, m: Model): string {
  if (c.name === m.pk) return `Primary key of ${m.name}.`;
  if (c.name.endsWith('_key')) return 'Surrogate key (hash of the natural key columns).';
  switch (c.kind) {
    case 'id': return `Foreign key to the ${words(c.name.replace(/_id$/, ''))}.`;
    case 'ts': return `Timestamp (UTC) of ${words(c.name.replace(/_at$/, ''))}.`;
    case 'date': return `Calendar date of ${words(c.name.replace(/_(date|month)$/, ''))}.`;
    case 'num': return `${words(c.name)[0].toUpperCase()}${words(c.name).slice(1)}, in the account currency.`;
    case 'int': return `${words(c.name)[0].toUpperCase()}${words(c.name).slice(1)}.`;
    case 'bool': return `True when the record ${words(c.name.replace(/^is_/, 'is '))}.`;
    default: return c.values ? `One of ${c.values.join(', ')}.` : `${words(c.name)[0].toUpperCase()}${words(c.name).slice(1)}.`;
  }
}

