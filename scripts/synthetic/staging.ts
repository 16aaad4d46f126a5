/**
 * Sources and the staging layer: source systems with their raw tables, and one staging model
 * per source table (plus variants such as `_history` or `_daily`) that renames, casts and cleans it.
 */
import type { GeneratorContext } from './context';
import { configBlock, partitionConfig } from './model-config';
import type { Col, Source, SourceTable } from './types';
import {
  BOOL_ATTRS, CENT_ATTRS, CHANNEL_VALUES, ENTITIES, EVENT_LIKE, INT_ATTRS, SOURCE_SYSTEMS, STAGING_VARIANTS, STATUS_VALUES, STR_ATTRS, TS_ATTRS,
  singular, words,
} from './vocabulary';

/** Makes the source systems, about one raw table per three staging models, 8–16 tables per system. */
export function makeSources(ctx: GeneratorContext, staging: number): void {
  if (staging === 0) return;
  const tables = Math.max(1, Math.round(staging / 3));
  let made = 0;
  for (let s = 0; made < tables; s++) {
    const base = SOURCE_SYSTEMS[s % SOURCE_SYSTEMS.length];
    const name = s < SOURCE_SYSTEMS.length ? base : `${base}_${Math.floor(s / SOURCE_SYSTEMS.length) + 1}`;
    const k = Math.min(tables - made, ctx.rng.int(8, 16));
    const entities = ctx.rng.sample(ENTITIES, k);
    const src: Source = { name, tables: [] };
    for (const entity of entities) src.tables.push({ name: entity, entity: singular(entity), raw: rawColumns(ctx, entity) });
    ctx.sources.push(src);
    ctx.stagingBySource.push([]);
    made += k;
  }
}

/** The raw columns of a source table: an id, foreign keys, strings, cents, counts, timestamps and flags. */
function rawColumns(ctx: GeneratorContext, table: string): Col[] {
  const r = ctx.rng;
  const cols: Col[] = [{ name: 'id', kind: 'id' }];
  const self = singular(table);
  for (const fk of r.sample(ENTITIES, r.int(1, 3))) {
    const n = `${singular(fk)}_id`;
    if (singular(fk) !== self) cols.push({ name: n, kind: 'id' });
  }
  for (const a of r.sample(STR_ATTRS, r.int(2, 5))) {
    const values = a === 'status' ? STATUS_VALUES : a === 'channel' ? CHANNEL_VALUES : undefined;
    cols.push({ name: a, kind: 'str', values });
  }
  for (const a of r.sample(CENT_ATTRS, r.int(1, 3))) cols.push({ name: a, kind: 'int' });
  for (const a of r.sample(INT_ATTRS, r.int(0, 2))) cols.push({ name: a, kind: 'int' });
  for (const a of ['created_at', 'updated_at', ...r.sample(TS_ATTRS.slice(2), r.int(0, 2))]) cols.push({ name: a, kind: 'ts' });
  for (const a of r.sample(BOOL_ATTRS, r.int(0, 2))) cols.push({ name: a, kind: 'bool' });
  cols.push({ name: '_loaded_at', kind: 'ts' });
  return cols;
}

/** Makes `count` staging models, grouped by source system and table so that folders read in order. */
export function makeStaging(ctx: GeneratorContext, count: number): void {
  if (count === 0) return;
  // Every source table gets one staging model; the rest are variants (history, latest, …).
  const slots: Array<[number, number]> = [];
  ctx.sources.forEach((src, s) => src.tables.forEach((_, t) => slots.push([s, t])));
  const plan: Array<[number, number, number]> = slots.map(([s, t]) => [s, t, 0]);
  const variantsOf = new Map<string, number>();
  while (plan.length < count) {
    const [s, t] = ctx.rng.pick(slots);
    const key = `${s}/${t}`;
    const v = (variantsOf.get(key) ?? 0) + 1;
    variantsOf.set(key, v);
    plan.push([s, t, v]);
  }
  plan.length = count;
  plan.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  for (const [s, t, v] of plan) stagingModel(ctx, s, ctx.sources[s].tables[t], v);
}

/** Writes one staging model of `table`; `variantIndex` 0 is the plain model, others are variants. */
function stagingModel(ctx: GeneratorContext, s: number, table: SourceTable, variantIndex: number): void {
  const r = ctx.rng;
  const d = ctx.dialect;
  const src = ctx.sources[s];
  const variant = variantIndex === 0 ? '' : STAGING_VARIANTS[(variantIndex - 1) % STAGING_VARIANTS.length];
  const name = ctx.uniqueName(`stg_${src.name}__${table.name}${variant ? '_' + variant : ''}`);
  const entity = table.entity;
  const pk = `${entity}_id`;
  const has = (n: string) => table.raw.some((c) => c.name === n);

  const cols: Col[] = [];
  const select: string[] = [];
  const section = (label: string) => select.push(`        -- ${label}`);
  section('ids');
  for (const c of table.raw.filter((c) => c.kind === 'id')) {
    if (c.name === 'id') {
      select.push(`        cast(id as ${d.str}) as ${pk},`);
      cols.push({ name: pk, kind: 'id' });
    } else {
      select.push(`        cast(${c.name} as ${d.str}) as ${c.name},`);
      cols.push({ name: c.name, kind: 'id' });
    }
  }
  section('strings');
  for (const c of table.raw.filter((c) => c.kind === 'str')) {
    let expr: string;
    let out = c.name;
    switch (c.name) {
      case 'name': expr = `{{ normalize_text('name') }}`; out = `${entity}_name`; break;
      case 'status': expr = 'lower(status)'; out = `${entity}_status`; break;
      case 'type': expr = 'lower(type)'; out = `${entity}_type`; break;
      case 'email': expr = 'lower(trim(email))'; break;
      case 'country_code': expr = 'upper(country_code)'; break;
      case 'currency': expr = 'upper(currency)'; out = 'currency_code'; break;
      case 'channel': expr = `coalesce(lower(channel), 'unknown')`; break;
      default: expr = r.chance(0.5) ? `nullif(trim(${c.name}), '')` : c.name;
    }
    select.push(expr === out ? `        ${out},` : `        ${expr} as ${out},`);
    cols.push({ name: out, kind: 'str', values: c.values });
  }
  section('numerics');
  for (const c of table.raw.filter((c) => c.kind === 'int')) {
    if (c.name.endsWith('_cents')) {
      const out = c.name === 'amount_cents' ? 'amount' : c.name.replace(/_cents$/, '_amount');
      select.push(`        {{ cents_to_dollars('${c.name}') }} as ${out},`);
      cols.push({ name: out, kind: 'num' });
    } else {
      select.push(`        cast(${c.name} as integer) as ${c.name},`);
      cols.push({ name: c.name, kind: 'int' });
    }
  }
  const bools = table.raw.filter((c) => c.kind === 'bool' && c.name !== 'is_test');
  if (bools.length) section('booleans');
  for (const c of bools) {
    select.push(`        coalesce(${c.name}, false) as ${c.name},`);
    cols.push({ name: c.name, kind: 'bool' });
  }
  section('timestamps');
  for (const c of table.raw.filter((c) => c.kind === 'ts')) {
    const out = c.name === '_loaded_at' ? c.name : `${entity}_${c.name}`;
    select.push(`        ${c.name === '_loaded_at' ? c.name : `cast(${c.name} as timestamp) as ${out}`},`);
    cols.push({ name: out, kind: 'ts' });
  }
  // Drop the trailing comma of the last select item.
  select[select.length - 1] = select[select.length - 1].replace(/,$/, '');
  const updatedAt = `${entity}_updated_at`;

  const where: string[] = [];
  if (has('is_test')) where.push('not coalesce(is_test, false)');
  if (variant === 'deleted' && has('is_deleted')) where.push('is_deleted');
  else if (has('is_deleted') && r.chance(0.5)) where.push('not coalesce(is_deleted, false)');

  const incremental = EVENT_LIKE.has(table.name) && variantIndex === 0 && r.chance(0.5);
  const parts: string[] = [];
  if (incremental) {
    parts.push(configBlock({ materialized: `'incremental'`, unique_key: `'${pk}'`, ...partitionConfig(ctx.opts.adapter, `${entity}_created_at`, [pk]) }));
  } else if (r.chance(0.1)) {
    parts.push(`{{ config(materialized='table') }}\n\n`);
  }
  const loop = r.chance(0.04) && cols.filter((c) => c.kind === 'str').length >= 2;
  if (loop) {
    const strs = cols.filter((c) => c.kind === 'str').slice(0, 3).map((c) => `'${c.name}'`);
    parts.push(`{% set text_columns = [${strs.join(', ')}] %}\n\n`);
  }
  if (r.chance(0.15)) parts.push(`-- Staging model for ${src.name}.${table.name}: renames, casts and light cleaning only.\n`);

  parts.push(`with

source as (

    select * from {{ source('${src.name}', '${table.name}') }}
${incremental ? `
    {% if is_incremental() %}
    where _loaded_at > (select max(_loaded_at) from {{ this }})
    {% endif %}
` : ''}
),

renamed as (

    select
${select.join('\n')}

    from source${where.length ? `\n    where ${where.join('\n      and ')}` : ''}

)`);

  let last = 'renamed';
  if (variant === 'history') {
    parts.push(`,

versioned as (

    select
        *,
        ${updatedAt} as valid_from,
        lead(${updatedAt}) over (partition by ${pk} order by ${updatedAt}) as valid_to,
        row_number() over (partition by ${pk} order by ${updatedAt} desc) = 1 as is_current_version

    from renamed

)`);
    cols.push({ name: 'valid_from', kind: 'ts' }, { name: 'valid_to', kind: 'ts' }, { name: 'is_current_version', kind: 'bool' });
    last = 'versioned';
  } else if (variant === 'daily') {
    parts.push(`,

daily as (

    select
        *,
        ${d.toDate(updatedAt)} as ${entity}_date

    from renamed
    qualify row_number() over (partition by ${pk}, ${d.toDate(updatedAt)} order by ${updatedAt} desc) = 1

)`);
    cols.push({ name: `${entity}_date`, kind: 'date' });
    last = 'daily';
  } else if (variant !== 'deleted' && (variant !== '' || r.chance(0.5))) {
    parts.push(`,

deduplicated as (

    select * from renamed
    qualify row_number() over (
        partition by ${pk}
        order by ${updatedAt} desc, _loaded_at desc
    ) = 1

)`);
    last = 'deduplicated';
  }
  if (loop) {
    parts.push(`,

cleaned as (

    select
        * replace (
            {%- for col in text_columns %}
            nullif(trim({{ col }}), '') as {{ col }}{{ ',' if not loop.last }}
            {%- endfor %}
        )

    from ${last}

)`);
    last = 'cleaned';
  }
  parts.push(`\n\nselect * from ${last}\n`);

  const folder = `staging/${src.name}`;
  ctx.addModel(
    {
      name, layer: 'staging', folder, short: table.name + (variant ? `_${variant}` : ''), root: table.name, pk, cols, group: s, upstream: [],
      description: `${variant ? `${variant[0].toUpperCase()}${variant.slice(1)} ` : ''}${words(table.name)} from the ${src.name} system, renamed and cast${variant === 'history' ? ', one row per version' : ', one row per ' + words(entity)}.`,
    },
    parts.join(''),
  );
  ctx.stagingBySource[s].push(ctx.models.length - 1);
}

