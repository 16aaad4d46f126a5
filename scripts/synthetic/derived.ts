/**
 * The intermediate and mart layers: models that join two to six upstream models through
 * aggregation CTEs, with configs, incremental filters, pivots, window functions and surrogate keys.
 */
import type { GeneratorContext } from './context';
import { configBlock, partitionConfig } from './model-config';
import type { Col } from './types';
import { joinKey, pickBaseColumns, pickUpstream } from './upstream';
import { DIM_SUFFIXES, FCT_SUFFIXES, INT_VERBS, domainName, singular, words } from './vocabulary';

/** Makes `count` intermediate models, spread evenly over the domains. */
export function makeIntermediate(ctx: GeneratorContext, count: number, domains: number): void {
  for (let i = 0; i < count; i++) {
    const domain = Math.floor((i * domains) / count);
    const ups = pickUpstream(ctx, 'intermediate', domain, ctx.rng.int(2, 4));
    if (ups.length === 0) break;
    derivedModel(ctx, 'intermediate', domain, ups);
    ctx.intermediateByDomain[domain].push(ctx.models.length - 1);
  }
}

/** Makes `count` fact and dimension models, spread evenly over the domains. */
export function makeMarts(ctx: GeneratorContext, count: number, domains: number): void {
  for (let i = 0; i < count; i++) {
    const domain = Math.floor((i * domains) / count);
    const ups = pickUpstream(ctx, 'marts', domain, ctx.rng.int(2, 6));
    if (ups.length === 0) break;
    derivedModel(ctx, 'marts', domain, ups);
    ctx.martsByDomain[domain].push(ctx.models.length - 1);
  }
}

/** Writes one intermediate or mart model that reads the upstream models `upIdx`, the first being its base. */
function derivedModel(ctx: GeneratorContext, layer: 'intermediate' | 'marts', domain: number, upIdx: number[]): void {
  const r = ctx.rng;
  const d = ctx.dialect;
  const dom = domainName(domain);
  const ups = upIdx.map((i) => ctx.models[i]);
  const base = ups[0];
  const root = base.root;
  const otherRoot = ups.find((u) => u.root !== root)?.root;
  const entity = singular(root);

  let name: string;
  let kind: 'int' | 'fct' | 'dim' = 'int';
  if (layer === 'intermediate') {
    name = ctx.uniqueName(`int_${root}${otherRoot ? `_${otherRoot}` : ''}_${r.pick(INT_VERBS)}`);
  } else {
    kind = r.chance(0.6) ? 'fct' : 'dim';
    const stem = kind === 'fct' ? root : entity;
    const withOther = otherRoot && r.chance(0.5) ? `_${kind === 'fct' ? otherRoot : singular(otherRoot)}` : '';
    name = ctx.uniqueName(`${kind}_${stem}${withOther}${r.pick(kind === 'fct' ? FCT_SUFFIXES : DIM_SUFFIXES)}`);
  }

  // CTE names: the upstream short names, made unique within the model.
  const cteNames: string[] = [];
  for (const u of ups) {
    let c = u.short;
    for (let k = 2; cteNames.includes(c) || c === 'final' || c === 'joined' || c.endsWith('_agg'); k++) c = `${u.short}_${k}`;
    cteNames.push(c);
  }
  // Labels of aggregated columns: the upstream's root table, unless two upstreams share it.
  const labels = ups.map((u, i) => (ups.filter((v) => v.root === u.root).length > 1 ? cteNames[i] : u.root));

  const tsCols = base.cols.filter((c) => c.kind === 'ts' && c.name !== '_loaded_at');
  const tsCol = (tsCols.find((c) => c.name.endsWith('_created_at')) ?? tsCols[0])?.name ?? '_loaded_at';
  const updatedCol = base.cols.find((c) => c.name.endsWith('_updated_at'))?.name ?? tsCol;

  const incremental = kind === 'fct' && r.chance(0.4);
  const useMacro = !incremental && r.chance(0.036);
  const surrogate = kind !== 'int' && r.chance(0.2);
  const other = ups.length > 1 ? ups[1] : undefined;
  const otherStr = other?.cols.find((c) => c.kind === 'str' && c.values !== undefined);
  const doPivot = otherStr !== undefined && r.chance(layer === 'intermediate' ? 0.22 : 0.26);

  const parts: string[] = [];
  // ---- config
  if (incremental || r.chance(layer === 'intermediate' ? 0.38 : 0.85)) {
    const cfg: Record<string, string> = {};
    if (incremental) {
      cfg.materialized = `'incremental'`;
      cfg.unique_key = `'${base.pk}'`;
      cfg.incremental_strategy = `'merge'`;
      cfg.on_schema_change = `'append_new_columns'`;
      Object.assign(cfg, partitionConfig(ctx.opts.adapter, tsCol, [base.pk]));
    } else if (layer === 'intermediate') {
      cfg.materialized = r.pick([`'table'`, `'view'`, `'ephemeral'`]);
      if (r.chance(0.3)) cfg.tags = `['${dom}', 'heavy']`;
    } else {
      cfg.materialized = `'table'`;
      if (r.chance(0.5)) Object.assign(cfg, partitionConfig(ctx.opts.adapter, tsCol, [base.pk]));
      else if (r.chance(0.4)) cfg.tags = `['${dom}', '${kind === 'fct' ? 'facts' : 'dimensions'}']`;
    }
    parts.push(configBlock(cfg));
  }

  if (r.chance(0.12)) {
    parts.push(`{# ${kind === 'int' ? 'Intermediate' : kind === 'fct' ? 'Fact' : 'Dimension'} model of the ${dom} domain, at the grain of one ${words(entity)}${incremental ? '; reprocesses a look-back window on each run' : ''}. #}\n\n`);
  }
  if (doPivot) parts.push(`{%- set pivot_values = [${otherStr!.values!.map((v) => `'${v}'`).join(', ')}] -%}\n\n`);

  // ---- import CTEs
  const incrementalFilter = incremental
    ? `

    {% if is_incremental() %}
    where ${updatedCol} >= (
        select ${d.tsMinusDays(`max(${updatedCol})`, `{{ var('lookback_days') }}`)}
        from {{ this }}
    )
    {% endif %}`
    : '';
  if (useMacro) {
    const tuples = ups.map((u, i) => `    ('${cteNames[i]}', '${u.name}')`).join(',\n');
    parts.push(`{{ simple_cte([\n${tuples}\n]) }}`);
  } else {
    const imports = ups.map((u, i) => `${cteNames[i]} as (

    select * from {{ ref('${u.name}') }}${i === 0 ? incrementalFilter : ''}

)`);
    parts.push(`with\n\n${imports.join(',\n\n')}`);
  }

  // ---- one aggregation CTE per non-base upstream, at the grain of the join key
  const required = [tsCol, ...(incremental ? [updatedCol] : [])];
  const baseSel = pickBaseColumns(ctx, base, r.int(5, 10), required);
  const outNames = new Set<string>(baseSel.map((c) => c.name));
  const outCols: Col[] = [];
  const joins: string[] = [];
  const aggSelect: string[] = [];
  const aggCols: Col[] = [];
  const plain = (c: Col) => !/^(total|avg|cumulative|first|last|distinct|days_since)_|_per_/.test(c.name);
  for (let i = 1; i < ups.length; i++) {
    const u = ups[i];
    const cte = cteNames[i];
    const label = labels[i];
    const key = joinKey(base, u);
    const num = u.cols.find((c) => c.kind === 'num' && plain(c));
    const ts = u.cols.find((c) => c.kind === 'ts' && c.name !== '_loaded_at' && plain(c));
    const agg: string[] = [key.right === key.left ? `        ${key.left}` : `        ${key.right} as ${key.left}`];
    const cols: Col[] = [{ name: `${label}_count`, kind: 'int' }];
    agg.push(`        count(*) as ${label}_count`);
    if (num) {
      agg.push(`        sum(${num.name}) as total_${label}_${num.name}`);
      cols.push({ name: `total_${label}_${num.name}`, kind: 'num' });
      if (r.chance(0.4)) {
        agg.push(`        avg(${num.name}) as avg_${label}_${num.name}`);
        cols.push({ name: `avg_${label}_${num.name}`, kind: 'num' });
      }
    }
    if (ts) {
      agg.push(`        min(${ts.name}) as first_${label}_at`, `        max(${ts.name}) as last_${label}_at`);
      cols.push({ name: `first_${label}_at`, kind: 'ts' }, { name: `last_${label}_at`, kind: 'ts' });
    }
    if (i === 1 && doPivot) {
      agg.push(`        {%- for value in pivot_values %}
        ${d.countIf(`${otherStr!.name} = '{{ value }}'`)} as {{ value }}_${label}_count
        {%- if not loop.last %},{% endif %}
        {%- endfor %}`);
    }
    parts.push(`,

${cte}_agg as (

    select
${agg.join(',\n')}

    from ${cte}
    group by 1

)`);
    joins.push(`    left join ${cte}_agg
        on ${cteNames[0]}.${key.left} = ${cte}_agg.${key.left}`);
    for (const c of cols) {
      if (outNames.has(c.name)) continue;
      outNames.add(c.name);
      aggSelect.push(c.kind === 'int' || c.kind === 'num'
        ? `        coalesce(${cte}_agg.${c.name}, 0) as ${c.name}`
        : `        ${cte}_agg.${c.name}`);
      aggCols.push(c);
    }
  }

  // ---- joined CTE
  const sel: string[] = [];
  if (surrogate) {
    const keyName = `${kind === 'fct' ? root : entity}_key`;
    if (!outNames.has(keyName)) {
      sel.push(`        {{ dbt_utils.generate_surrogate_key(['${cteNames[0]}.${base.pk}', '${cteNames[0]}.${tsCol}']) }} as ${keyName}`);
      outCols.push({ name: keyName, kind: 'id' });
      outNames.add(keyName);
    }
  }
  for (const c of baseSel) {
    sel.push(`        ${cteNames[0]}.${c.name}`);
    outCols.push(c);
  }
  sel.push(...aggSelect);
  outCols.push(...aggCols);
  const derive = (expr: string, col: Col) => {
    if (outNames.has(col.name)) return;
    outNames.add(col.name);
    sel.push(`${expr} as ${col.name}`);
    outCols.push(col);
  };
  const firstCount = aggCols.find((c) => c.name.endsWith('_count'));
  if (firstCount) {
    const countRef = `coalesce(${cteNames[1]}_agg.${firstCount.name}, 0)`;
    derive(`        case
            when ${countRef} = 0 then 'none'
            when ${countRef} < 5 then 'low'
            when ${countRef} < 50 then 'medium'
            else 'high'
        end`, { name: `${entity}_activity_tier`, kind: 'str', values: ['none', 'low', 'medium', 'high'] });
  }
  const partitionKey = baseSel.find((c) => c.kind === 'id' && c.name !== base.pk)?.name ?? base.pk;
  derive(`        row_number() over (
            partition by ${cteNames[0]}.${partitionKey}
            order by ${cteNames[0]}.${tsCol}
        )`, { name: `${entity}_sequence_number`, kind: 'int' });
  const amount = baseSel.find((c) => c.kind === 'num' && plain(c));
  if (amount) {
    derive(`        sum(${cteNames[0]}.${amount.name}) over (
            partition by ${cteNames[0]}.${partitionKey}
            order by ${cteNames[0]}.${tsCol}
            rows between unbounded preceding and current row
        )`, { name: `cumulative_${amount.name}`, kind: 'num' });
  }
  if (tsCol !== '_loaded_at') {
    derive(`        ${d.daysBetween(d.toDate(d.currentTs), d.toDate(`${cteNames[0]}.${tsCol}`))}`, { name: `days_since_${tsCol.replace(/_at$/, '')}`, kind: 'int' });
  }

  parts.push(`,

joined as (

    select
${sel.join(',\n')}

    from ${cteNames[0]}
${joins.join('\n')}

)`);

  // ---- final CTE: daily facts aggregate, other marts add ratios and dates
  let pk = base.pk;
  const countCols = outCols.filter((c) => c.kind === 'int' && c.name.endsWith('_count') && c.name !== `${entity}_count` && plain(c));
  const daily = kind === 'fct' && !incremental && name.includes('_daily') && countCols.length > 0;
  if (daily) {
    const dateCol = `${entity}_date`;
    const sums = countCols.slice(0, 4);
    parts.push(`,

final as (

    select
        ${d.toDate(tsCol)} as ${dateCol},
        count(*) as ${entity}_count,
        count(distinct ${partitionKey}) as distinct_${partitionKey}_count,
${sums.map((c) => `        sum(${c.name}) as ${c.name}`).join(',\n')}

    from joined
    group by 1

)`);
    pk = dateCol;
    outCols.length = 0;
    outCols.push({ name: dateCol, kind: 'date' }, { name: `${entity}_count`, kind: 'int' }, { name: `distinct_${partitionKey}_count`, kind: 'int' }, ...sums);
  } else if (layer === 'marts') {
    const extra: string[] = [];
    const add = (expr: string, col: Col) => {
      if (outNames.has(col.name)) return;
      outNames.add(col.name);
      extra.push(`,\n        ${expr} as ${col.name}`);
      outCols.push(col);
    };
    if (countCols.length >= 2) {
      const ratioName = `${countCols[1].name.replace(/_count$/, '')}_per_${countCols[0].name.replace(/_count$/, '')}`;
      add(d.safeDiv(countCols[1].name, countCols[0].name), { name: ratioName, kind: 'num' });
    }
    add(d.toDate(tsCol), { name: `${entity}_date`, kind: 'date' });
    add(d.dateTrunc('month', d.toDate(tsCol)), { name: `${entity}_month`, kind: 'date' });
    parts.push(`,

final as (

    select
        *${extra.join('')}

    from joined
    ${kind === 'dim' && outNames.has('is_deleted') ? 'where not is_deleted' : `where ${tsCol} is not null`}

)`);
  } else {
    parts.push(`,

final as (

    select * from joined

)`);
  }
  parts.push(`\n\nselect * from final\n`);

  const others = [...new Set(ups.slice(1).map((u) => words(u.root)))].join(', ') || 'no other models';
  const description = kind === 'int'
    ? `${words(root)} ${words(name.slice(name.lastIndexOf('_') + 1))} with ${others}.`
    : kind === 'fct'
      ? `Fact table of ${words(root)}${daily ? ' per day' : ''}, with measures from ${others}.`
      : `Dimension of ${words(root)}, with attributes from ${others}.`;
  const short = shortName(layer === 'intermediate' ? name.replace(/^int_/, '') : name.replace(/^(fct|dim)_/, ''));
  ctx.addModel({ name, layer, folder: `${layer}/${dom}`, short, root, pk, cols: outCols, group: domain, upstream: ups.map((u) => u.name), description }, parts.join(''));
}

/** A CTE-friendly short name: at most four words, starting with a letter. */
function shortName(s: string): string {
  let t = s.replace(/[^a-z0-9_]/g, '_').replace(/^_+|_+$/g, '');
  const parts = t.split('_');
  if (parts.length > 4) t = [...parts.slice(0, 3), parts[parts.length - 1]].join('_');
  return /^[a-z]/.test(t) ? t : `m_${t}`;
}
