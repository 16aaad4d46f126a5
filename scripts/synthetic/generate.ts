/**
 * Deterministic generator of large, realistic dbt projects, for benchmarks.
 *
 * `generateProject({ models, seed, adapter })` returns every file of the project as a
 * map of relative path (forward slashes) → content. It is pure: no IO, no clock, no
 * Math.random; the same options always give the same bytes.
 *
 * Shape of what it writes (percentages of `models`):
 * - sources YAML: one file per source system, ~1 source table per 3 staging models,
 *   12 ± 4 tables per source, freshness + loaded_at_field on every source;
 * - staging ~45%: `models/staging/<src>/stg_<src>__<entity>[_<variant>].sql`, each reading
 *   exactly one source table (rename/cast CTEs, dedup with window functions, macros);
 * - intermediate ~25%: `models/intermediate/<domain>/int_<domain>__<entity>_<verb>.sql`,
 *   joining 2–4 staging/intermediate models with aggregation CTEs, case expressions and
 *   window functions;
 * - marts ~30%: `models/marts/<domain>/{fct_,dim_}*.sql` reading 2–6 upstream models, some
 *   incremental with `{% if is_incremental() %}` filters, partition_by/cluster_by configs,
 *   dbt_utils surrogate keys;
 * - `{{ config(...) }}` in ~40% of models, `{% set %}`/`{% for %}` in ~10%, the ref-making
 *   macro `simple_cte` in ~2%; average model ~2.5 KB;
 * - one properties YAML per folder (folders hold 20–50 models) documenting ~40% of the
 *   models with 6–12 columns, descriptions and tests (`data_tests:` or, in some folders,
 *   the older `tests:`);
 * - dbt_project.yml with folder-level +configs, profiles.yml, packages.yml, macros/.
 *
 * The graph is a DAG: a model only refs models generated before it.
 */
import { Rng } from './rng';

export type Adapter = 'bigquery' | 'snowflake';

export interface GenerateOptions {
  /** Number of SQL models to generate. */
  models: number;
  /** PRNG seed; default 1. */
  seed?: number;
  /** SQL dialect and config style; default 'bigquery'. */
  adapter?: Adapter;
}

/** Share of models per layer. */
export const LAYER_SHARES = { staging: 0.45, intermediate: 0.25, marts: 0.3 } as const;

/** The number of models of each layer that `generateProject` makes for `models` models. */
export function layerCounts(models: number): { staging: number; intermediate: number; marts: number } {
  const n = Math.max(0, Math.floor(models));
  if (n === 0) return { staging: 0, intermediate: 0, marts: 0 };
  const staging = Math.max(1, Math.round(n * LAYER_SHARES.staging));
  const intermediate = Math.min(n - staging, Math.round(n * LAYER_SHARES.intermediate));
  return { staging, intermediate, marts: n - staging - intermediate };
}


// ---------------------------------------------------------------------------------------
// Vocabulary

const SOURCE_SYSTEMS = [
  'shop', 'erp', 'crm', 'billing', 'payments', 'ads', 'web', 'app', 'support', 'inventory',
  'logistics', 'hr', 'ledger', 'subscriptions', 'catalog', 'pos', 'loyalty', 'email',
  'surveys', 'wms', 'fleet', 'partners', 'identity', 'reviews',
];

const ENTITIES = [
  'customers', 'accounts', 'orders', 'order_lines', 'invoices', 'invoice_lines', 'payments',
  'refunds', 'products', 'product_variants', 'prices', 'stores', 'employees', 'shipments',
  'shipment_events', 'returns', 'carts', 'cart_items', 'sessions', 'page_views', 'events',
  'campaigns', 'ad_groups', 'ad_spend', 'contacts', 'leads', 'opportunities', 'tickets',
  'ticket_comments', 'subscriptions', 'plans', 'coupons', 'discounts', 'suppliers',
  'purchase_orders', 'stock_levels', 'warehouses', 'transfers', 'gl_entries',
  'journal_entries', 'cost_centers', 'budgets', 'users', 'devices', 'ratings', 'surveys',
  'responses', 'deliveries', 'routes', 'vehicles', 'drivers', 'contracts', 'commissions',
  'members', 'point_transactions', 'gift_cards', 'tax_rates', 'exchange_rates', 'quotes',
  'visits',
];

const EVENT_LIKE = new Set(['shipment_events', 'page_views', 'events', 'sessions', 'gl_entries', 'journal_entries', 'point_transactions', 'visits']);

const DOMAINS = [
  'finance', 'marketing', 'sales', 'product', 'customers', 'operations', 'supply_chain',
  'support', 'people', 'growth', 'risk', 'merchandising', 'logistics', 'retail', 'partners',
];

const STAGING_VARIANTS = ['current', 'history', 'deleted', 'daily', 'latest', 'flattened'];
const INT_VERBS = ['joined', 'enriched', 'aggregated', 'pivoted', 'filtered', 'deduplicated', 'scored', 'rolled_up', 'bridged', 'windowed'];
const FCT_SUFFIXES = ['', '_daily', '_weekly', '_monthly', '_snapshot', '_events', '_summary', '_history'];
const DIM_SUFFIXES = ['', '_current', '_profile', '_attributes', '_segments'];

const STR_ATTRS = ['name', 'status', 'type', 'code', 'email', 'country_code', 'currency', 'channel', 'category', 'description', 'source', 'region', 'tier', 'reason'];
const CENT_ATTRS = ['amount_cents', 'price_cents', 'total_cents', 'tax_cents', 'cost_cents', 'discount_cents', 'fee_cents'];
const INT_ATTRS = ['quantity', 'units', 'attempts', 'line_count', 'duration_seconds', 'score'];
const TS_ATTRS = ['created_at', 'updated_at', 'completed_at', 'cancelled_at', 'started_at', 'ended_at'];
const BOOL_ATTRS = ['is_active', 'is_deleted', 'is_test'];

const STATUS_VALUES = ['active', 'pending', 'completed', 'cancelled', 'failed', 'archived'];
const CHANNEL_VALUES = ['web', 'app', 'store', 'phone', 'partner'];

// ---------------------------------------------------------------------------------------
// Model bookkeeping

type Kind = 'id' | 'str' | 'num' | 'int' | 'ts' | 'date' | 'bool';

interface Col {
  name: string;
  kind: Kind;
  /** Accepted values, when the column is an enum-like status or channel. */
  values?: string[];
}

type Layer = 'staging' | 'intermediate' | 'marts';

interface Model {
  name: string;
  layer: Layer;
  /** Folder under `models/`, e.g. `staging/crm`. */
  folder: string;
  /** Short name used for CTEs, e.g. `orders`. */
  short: string;
  /** The source table at the root of the model's main lineage, e.g. `orders`. */
  root: string;
  /** Primary key column. */
  pk: string;
  cols: Col[];
  /** Source index for staging; domain index otherwise. */
  group: number;
  /** Upstream model names (refs), for relationship tests. */
  upstream: string[];
  description: string;
}

interface SourceTable {
  name: string;
  entity: string;
  raw: Col[];
}

interface Source {
  name: string;
  tables: SourceTable[];
}

function singular(plural: string): string {
  if (plural.endsWith('ies')) return plural.slice(0, -3) + 'y';
  if (plural.endsWith('sses')) return plural.slice(0, -2);
  if (plural.endsWith('s')) return plural.slice(0, -1);
  return plural;
}

function words(name: string): string {
  return name.replace(/_/g, ' ');
}

// ---------------------------------------------------------------------------------------
// Dialects

interface Dialect {
  str: string;
  countIf(cond: string): string;
  safeDiv(a: string, b: string): string;
  tsMinusDays(ts: string, days: string): string;
  toDate(ts: string): string;
  dateTrunc(unit: string, d: string): string;
  daysBetween(later: string, earlier: string): string;
  currentTs: string;
}

const DIALECTS: Record<Adapter, Dialect> = {
  bigquery: {
    str: 'string',
    countIf: (c) => `countif(${c})`,
    safeDiv: (a, b) => `safe_divide(${a}, ${b})`,
    tsMinusDays: (ts, d) => `timestamp_sub(${ts}, interval ${d} day)`,
    toDate: (ts) => `date(${ts})`,
    dateTrunc: (u, d) => `date_trunc(${d}, ${u})`,
    daysBetween: (l, e) => `date_diff(${l}, ${e}, day)`,
    currentTs: 'current_timestamp()',
  },
  snowflake: {
    str: 'varchar',
    countIf: (c) => `count_if(${c})`,
    safeDiv: (a, b) => `div0(${a}, ${b})`,
    tsMinusDays: (ts, d) => `dateadd(day, -${d}, ${ts})`,
    toDate: (ts) => `to_date(${ts})`,
    dateTrunc: (u, d) => `date_trunc('${u}', ${d})`,
    daysBetween: (l, e) => `datediff(day, ${e}, ${l})`,
    currentTs: 'current_timestamp()',
  },
};

// ---------------------------------------------------------------------------------------
// Generator

const PROJECT = 'synthetic_analytics';

class Generator {
  readonly files = new Map<string, string>();
  private readonly rng: Rng;
  private readonly d: Dialect;
  private readonly models: Model[] = [];
  private readonly byName = new Map<string, Model>();
  private readonly sources: Source[] = [];
  /** Staging model indexes per source index. */
  private readonly stagingBySource: number[][] = [];
  /** Intermediate model indexes per domain index. */
  private readonly intermediateByDomain: number[][] = [];
  private readonly martsByDomain: number[][] = [];
  private readonly usedNames = new Set<string>();

  constructor(private readonly opts: Required<GenerateOptions>) {
    this.rng = new Rng(opts.seed);
    this.d = DIALECTS[opts.adapter];
  }

  run(): Map<string, string> {
    const counts = layerCounts(this.opts.models);
    this.makeSources(counts.staging);
    this.makeStaging(counts.staging);
    const domains = this.domainCount(counts.intermediate, counts.marts);
    for (let i = 0; i < domains; i++) {
      this.intermediateByDomain.push([]);
      this.martsByDomain.push([]);
    }
    this.makeIntermediate(counts.intermediate, domains);
    this.makeMarts(counts.marts, domains);
    this.writeSources();
    this.writeProperties();
    this.writeProjectFiles(domains);
    this.writeMacros();
    return this.files;
  }

  private uniqueName(base: string): string {
    let name = base;
    for (let k = 2; this.usedNames.has(name); k++) name = `${base}_${k}`;
    this.usedNames.add(name);
    return name;
  }

  private domainName(i: number): string {
    const base = DOMAINS[i % DOMAINS.length];
    return i < DOMAINS.length ? base : `${base}_${Math.floor(i / DOMAINS.length) + 1}`;
  }

  private domainCount(intermediate: number, marts: number): number {
    // Folders of ~35 models per layer and domain.
    return Math.max(1, Math.round(Math.max(intermediate, marts) / 35));
  }

  // ------------------------------------------------------------------ sources + staging

  private makeSources(staging: number): void {
    if (staging === 0) return;
    const tables = Math.max(1, Math.round(staging / 3));
    let made = 0;
    for (let s = 0; made < tables; s++) {
      const base = SOURCE_SYSTEMS[s % SOURCE_SYSTEMS.length];
      const name = s < SOURCE_SYSTEMS.length ? base : `${base}_${Math.floor(s / SOURCE_SYSTEMS.length) + 1}`;
      const k = Math.min(tables - made, this.rng.int(8, 16));
      const entities = this.rng.sample(ENTITIES, k);
      const src: Source = { name, tables: [] };
      for (const entity of entities) src.tables.push({ name: entity, entity: singular(entity), raw: this.rawColumns(entity) });
      this.sources.push(src);
      this.stagingBySource.push([]);
      made += k;
    }
  }

  private rawColumns(table: string): Col[] {
    const r = this.rng;
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

  private makeStaging(count: number): void {
    if (count === 0) return;
    // Every source table gets one staging model; the rest are variants (history, latest, …).
    const slots: Array<[number, number]> = [];
    this.sources.forEach((src, s) => src.tables.forEach((_, t) => slots.push([s, t])));
    const plan: Array<[number, number, number]> = slots.map(([s, t]) => [s, t, 0]);
    const variantsOf = new Map<string, number>();
    while (plan.length < count) {
      const [s, t] = this.rng.pick(slots);
      const key = `${s}/${t}`;
      const v = (variantsOf.get(key) ?? 0) + 1;
      variantsOf.set(key, v);
      plan.push([s, t, v]);
    }
    plan.length = count;
    plan.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    for (const [s, t, v] of plan) this.stagingModel(s, this.sources[s].tables[t], v);
  }

  private stagingModel(s: number, table: SourceTable, variantIndex: number): void {
    const r = this.rng;
    const d = this.d;
    const src = this.sources[s];
    const variant = variantIndex === 0 ? '' : STAGING_VARIANTS[(variantIndex - 1) % STAGING_VARIANTS.length];
    const name = this.uniqueName(`stg_${src.name}__${table.name}${variant ? '_' + variant : ''}`);
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
      parts.push(this.configBlock({ materialized: `'incremental'`, unique_key: `'${pk}'`, ...this.partitionConfig(`${entity}_created_at`, [pk]) }));
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
    this.addModel(
      {
        name, layer: 'staging', folder, short: table.name + (variant ? `_${variant}` : ''), root: table.name, pk, cols, group: s, upstream: [],
        description: `${variant ? `${variant[0].toUpperCase()}${variant.slice(1)} ` : ''}${words(table.name)} from the ${src.name} system, renamed and cast${variant === 'history' ? ', one row per version' : ', one row per ' + words(entity)}.`,
      },
      parts.join(''),
    );
    this.stagingBySource[s].push(this.models.length - 1);
  }

  private configBlock(entries: Record<string, string>): string {
    const lines = Object.entries(entries).map(([k, v]) => `        ${k}=${v}`);
    return `{{\n    config(\n${lines.join(',\n')}\n    )\n}}\n\n`;
  }

  private partitionConfig(tsCol: string, clusterCols: string[]): Record<string, string> {
    if (this.opts.adapter === 'bigquery') {
      return {
        partition_by: `{'field': '${tsCol}', 'data_type': 'timestamp', 'granularity': 'day'}`,
        cluster_by: `[${clusterCols.map((c) => `'${c}'`).join(', ')}]`,
      };
    }
    return { cluster_by: `['to_date(${tsCol})'${clusterCols.length ? ', ' : ''}${clusterCols.map((c) => `'${c}'`).join(', ')}]` };
  }

  private addModel(m: Model, sql: string): void {
    this.models.push(m);
    this.byName.set(m.name, m);
    this.files.set(`models/${m.folder}/${m.name}.sql`, sql);
  }

  // ------------------------------------------------------------------ intermediate + marts

  /** Picks `k` distinct upstream model indexes, mostly from the domain's "home" groups. */
  private pickUpstream(layer: 'intermediate' | 'marts', domain: number, k: number): number[] {
    const r = this.rng;
    const chosen = new Set<number>();
    const homeSources = this.homeSources(domain);
    for (let attempts = 0; chosen.size < k && attempts < k * 20; attempts++) {
      let pool: number[] | undefined;
      const roll = r.next();
      if (layer === 'intermediate') {
        if (roll < 0.55) pool = this.stagingBySource[r.pick(homeSources)];
        else if (roll < 0.7) pool = this.stagingBySource[r.int(0, this.stagingBySource.length - 1)];
        else if (roll < 0.92) pool = this.intermediateByDomain[domain];
        else pool = this.intermediateByDomain[r.int(0, this.intermediateByDomain.length - 1)];
      } else {
        if (roll < 0.45) pool = this.intermediateByDomain[domain];
        else if (roll < 0.6) pool = this.intermediateByDomain[r.int(0, this.intermediateByDomain.length - 1)];
        else if (roll < 0.8) pool = this.stagingBySource[r.pick(homeSources)];
        else pool = this.martsByDomain[domain].filter((i) => this.models[i].name.startsWith('dim_'));
      }
      if (!pool || pool.length === 0) pool = this.fallbackPool(layer);
      if (pool.length === 0) break;
      // Prefer recent models of a pool a little: real projects build on what was just added.
      const idx = pool[Math.min(pool.length - 1, Math.floor(pool.length * Math.sqrt(r.next())))];
      chosen.add(idx);
    }
    return [...chosen];
  }

  /** A non-empty pool of earlier models: a random source's staging models, or a domain's intermediates. */
  private fallbackPool(layer: 'intermediate' | 'marts'): number[] {
    const pools = layer === 'marts' && this.rng.chance(0.5) ? this.intermediateByDomain : this.stagingBySource;
    const start = this.rng.int(0, Math.max(0, pools.length - 1));
    for (let k = 0; k < pools.length; k++) {
      const pool = pools[(start + k) % pools.length];
      if (pool.length > 0) return pool;
    }
    return this.stagingBySource.find((p) => p.length > 0) ?? [];
  }

  private homeSources(domain: number): number[] {
    const n = this.stagingBySource.length;
    if (n === 0) return [];
    const home: number[] = [];
    for (let i = 0; i < Math.min(n, 4); i++) home.push((domain * 3 + i * 5) % n);
    return [...new Set(home)];
  }

  private makeIntermediate(count: number, domains: number): void {
    for (let i = 0; i < count; i++) {
      const domain = Math.floor((i * domains) / count);
      const ups = this.pickUpstream('intermediate', domain, this.rng.int(2, 4));
      if (ups.length === 0) break;
      this.derivedModel('intermediate', domain, ups);
      this.intermediateByDomain[domain].push(this.models.length - 1);
    }
  }

  private makeMarts(count: number, domains: number): void {
    for (let i = 0; i < count; i++) {
      const domain = Math.floor((i * domains) / count);
      const ups = this.pickUpstream('marts', domain, this.rng.int(2, 6));
      if (ups.length === 0) break;
      this.derivedModel('marts', domain, ups);
      this.martsByDomain[domain].push(this.models.length - 1);
    }
  }

  private derivedModel(layer: 'intermediate' | 'marts', domain: number, upIdx: number[]): void {
    const r = this.rng;
    const d = this.d;
    const dom = this.domainName(domain);
    const ups = upIdx.map((i) => this.models[i]);
    const base = ups[0];
    const root = base.root;
    const otherRoot = ups.find((u) => u.root !== root)?.root;
    const entity = singular(root);

    let name: string;
    let kind: 'int' | 'fct' | 'dim' = 'int';
    if (layer === 'intermediate') {
      name = this.uniqueName(`int_${root}${otherRoot ? `_${otherRoot}` : ''}_${r.pick(INT_VERBS)}`);
    } else {
      kind = r.chance(0.6) ? 'fct' : 'dim';
      const stem = kind === 'fct' ? root : entity;
      const withOther = otherRoot && r.chance(0.5) ? `_${kind === 'fct' ? otherRoot : singular(otherRoot)}` : '';
      name = this.uniqueName(`${kind}_${stem}${withOther}${r.pick(kind === 'fct' ? FCT_SUFFIXES : DIM_SUFFIXES)}`);
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
        Object.assign(cfg, this.partitionConfig(tsCol, [base.pk]));
      } else if (layer === 'intermediate') {
        cfg.materialized = r.pick([`'table'`, `'view'`, `'ephemeral'`]);
        if (r.chance(0.3)) cfg.tags = `['${dom}', 'heavy']`;
      } else {
        cfg.materialized = `'table'`;
        if (r.chance(0.5)) Object.assign(cfg, this.partitionConfig(tsCol, [base.pk]));
        else if (r.chance(0.4)) cfg.tags = `['${dom}', '${kind === 'fct' ? 'facts' : 'dimensions'}']`;
      }
      parts.push(this.configBlock(cfg));
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
    const baseSel = this.pickBaseColumns(base, r.int(5, 10), required);
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
      const key = this.joinKey(base, u);
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
    const short = this.shortName(layer === 'intermediate' ? name.replace(/^int_/, '') : name.replace(/^(fct|dim)_/, ''));
    this.addModel({ name, layer, folder: `${layer}/${dom}`, short, root, pk, cols: outCols, group: domain, upstream: ups.map((u) => u.name), description }, parts.join(''));
  }

  private shortName(s: string): string {
    let t = s.replace(/[^a-z0-9_]/g, '_').replace(/^_+|_+$/g, '');
    const parts = t.split('_');
    if (parts.length > 4) t = [...parts.slice(0, 3), parts[parts.length - 1]].join('_');
    return /^[a-z]/.test(t) ? t : `m_${t}`;
  }

  private pickBaseColumns(base: Model, k: number, required: string[]): Col[] {
    const pk = base.cols.find((c) => c.name === base.pk);
    const rest = base.cols.filter((c) => c.name !== base.pk && c.name !== '_loaded_at' && !required.includes(c.name));
    const chosen = this.rng.sample(rest, Math.max(0, Math.min(rest.length, k - 1 - required.length)));
    for (const name of required) {
      const c = base.cols.find((x) => x.name === name);
      if (c && c !== pk && !chosen.includes(c)) chosen.push(c);
    }
    // Keep the upstream's column order: it reads like hand-written SQL.
    chosen.sort((a, b) => base.cols.indexOf(a) - base.cols.indexOf(b));
    return pk ? [pk, ...chosen] : chosen;
  }

  /** A join key between the base model and another upstream: a shared id column. */
  private joinKey(base: Model, other: Model): { left: string; right: string } {
    const otherIds = new Set(other.cols.filter((c) => c.kind === 'id').map((c) => c.name));
    if (otherIds.has(base.pk)) return { left: base.pk, right: base.pk };
    for (const c of base.cols) if (c.kind === 'id' && otherIds.has(c.name)) return { left: c.name, right: c.name };
    // No shared key: the other model's key column is assumed to carry the base key.
    return { left: base.pk, right: other.pk };
  }

  // ------------------------------------------------------------------ YAML

  private writeSources(): void {
    const periods = [
      [6, 24], [12, 36], [1, 6], [24, 72], [3, 12],
    ];
    this.sources.forEach((src, s) => {
      const [warn, err] = periods[s % periods.length];
      const lines: string[] = [
        'version: 2', '', 'sources:',
        `  - name: ${src.name}`,
        `    description: Raw tables of the ${src.name} system, loaded by the ingestion platform.`,
        `    database: ${this.opts.adapter === 'bigquery' ? 'acme-raw' : 'RAW'}`,
        `    schema: ${this.opts.adapter === 'bigquery' ? `raw_${src.name}` : src.name.toUpperCase()}`,
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
      this.files.set(`models/staging/${src.name}/_${src.name}__sources.yml`, lines.join('\n') + '\n');
    });
  }

  private writeProperties(): void {
    const byFolder = new Map<string, Model[]>();
    for (const m of this.models) {
      const list = byFolder.get(m.folder) ?? [];
      list.push(m);
      byFolder.set(m.folder, list);
    }
    for (const [folder, models] of byFolder) {
      const testsKey = this.rng.chance(0.25) ? 'tests' : 'data_tests';
      const lines: string[] = ['version: 2', '', 'models:'];
      let documented = 0;
      for (const m of models) {
        if (!this.rng.chance(0.4)) continue;
        if (documented++ > 0) lines.push('');
        lines.push(`  - name: ${m.name}`, `    description: ${JSON.stringify(m.description)}`);
        if (m.layer === 'marts' && this.rng.chance(0.3)) {
          lines.push('    config:', `      tags: ["${m.name.startsWith('fct_') ? 'facts' : 'dimensions'}"]`, '      meta:', `        owner: "${m.folder.split('/')[1]}-analytics@acme.example"`);
        }
        lines.push('    columns:');
        const pk = m.cols.find((c) => c.name === m.pk);
        const rest = m.cols.filter((c) => c !== pk);
        const cols = [...(pk ? [pk] : []), ...rest.slice(0, this.rng.int(5, 11))];
        for (const c of cols) {
          lines.push(`      - name: ${c.name}`, `        description: ${JSON.stringify(this.columnDescription(c, m))}`);
          const tests: string[] = [];
          if (c === pk) tests.push('          - unique', '          - not_null');
          else if (c.values && this.rng.chance(0.6)) {
            tests.push('          - accepted_values:', `              values: [${c.values.map((v) => `"${v}"`).join(', ')}]`);
          } else if (c.kind === 'id' && this.rng.chance(0.35)) {
            const parent = m.upstream.map((u) => this.byName.get(u)!).find((u) => u.pk === c.name);
            if (parent) tests.push('          - relationships:', `              to: ref('${parent.name}')`, `              field: ${c.name}`);
            else tests.push('          - not_null');
          }
          if (tests.length) lines.push(`        ${testsKey}:`, ...tests);
        }
      }
      if (documented === 0) continue;
      const leaf = folder.split('/').slice(1).join('_') || folder.split('/')[0];
      this.files.set(`models/${folder}/_${leaf}__models.yml`, lines.join('\n') + '\n');
    }
  }

  private columnDescription(c: Col, m: Model): string {
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

  // ------------------------------------------------------------------ project files + macros

  private writeProjectFiles(domains: number): void {
    const bq = this.opts.adapter === 'bigquery';
    const lines: string[] = [
      `name: ${PROJECT}`,
      'version: "1.0.0"',
      'config-version: 2',
      `profile: ${PROJECT}`,
      '',
      'model-paths: ["models"]',
      'macro-paths: ["macros"]',
      'seed-paths: ["seeds"]',
      'test-paths: ["tests"]',
      'snapshot-paths: ["snapshots"]',
      'clean-targets: ["target", "dbt_packages"]',
      '',
      'vars:',
      '  lookback_days: 3',
      '  start_date: "2020-01-01"',
      '',
      'models:',
      `  ${PROJECT}:`,
      '    +materialized: view',
      '    staging:',
      '      +materialized: view',
      '      +schema: staging',
      '      +tags: ["staging"]',
    ];
    for (const src of this.sources) lines.push(`      ${src.name}:`, `        +tags: ["${src.name}"]`);
    lines.push('    intermediate:', '      +materialized: ephemeral', '      +tags: ["intermediate"]');
    for (let i = 0; i < domains; i++) lines.push(`      ${this.domainName(i)}:`, `        +tags: ["${this.domainName(i)}"]`);
    lines.push('    marts:', '      +materialized: table', '      +tags: ["marts"]');
    for (let i = 0; i < domains; i++) {
      lines.push(`      ${this.domainName(i)}:`, `        +schema: ${this.domainName(i)}`, `        +tags: ["${this.domainName(i)}"]`);
      if (bq && i % 3 === 0) lines.push('        +labels:', `          domain: ${this.domainName(i)}`);
    }
    this.files.set('dbt_project.yml', lines.join('\n') + '\n');

    this.files.set('packages.yml', 'packages:\n  - package: dbt-labs/dbt_utils\n    version: [">=1.1.0", "<2.0.0"]\n');
    this.files.set('profiles.yml', bq
      ? `${PROJECT}:\n  target: dev\n  outputs:\n    dev:\n      type: bigquery\n      method: oauth\n      project: acme-analytics\n      dataset: dbt_dev\n      threads: 8\n      location: EU\n`
      : `${PROJECT}:\n  target: dev\n  outputs:\n    dev:\n      type: snowflake\n      account: "{{ env_var('SNOWFLAKE_ACCOUNT') }}"\n      user: "{{ env_var('SNOWFLAKE_USER') }}"\n      authenticator: externalbrowser\n      role: TRANSFORMER\n      warehouse: TRANSFORMING\n      database: ANALYTICS\n      schema: DBT_DEV\n      threads: 8\n`);
  }

  private writeMacros(): void {
    const d = this.d;
    this.files.set('macros/cents_to_dollars.sql', `{% macro cents_to_dollars(column_name, scale=2) -%}
    round(cast({{ column_name }} as numeric) / 100, {{ scale }})
{%- endmacro %}
`);
    this.files.set('macros/normalize_text.sql', `{% macro normalize_text(column_name) -%}
    nullif(lower(trim({{ column_name }})), '')
{%- endmacro %}
`);
    this.files.set('macros/ratio.sql', `{% macro ratio(numerator, denominator) -%}
    ${d.safeDiv('{{ numerator }}', '{{ denominator }}')}
{%- endmacro %}
`);
    this.files.set('macros/simple_cte.sql', `{#
    Import CTEs from a list of (cte_name, model_name) pairs; the refs are made here.
#}
{% macro simple_cte(tuple_list) -%}
with
{%- for cte_ref in tuple_list %}

{{ cte_ref[0] }} as (

    select * from {{ ref(cte_ref[1]) }}

){%- if not loop.last -%},{%- endif -%}
{%- endfor -%}
{%- endmacro %}
`);
    this.files.set('macros/generate_schema_name.sql', `{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if target.name == 'prod' and custom_schema_name is not none -%}
        {{ custom_schema_name | trim }}
    {%- elif custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ target.schema }}_{{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
`);
  }
}

/**
 * Generates a synthetic dbt project. Returns relative path → file content; pure and
 * deterministic for given options.
 */
export function generateProject(options: GenerateOptions): Map<string, string> {
  const opts: Required<GenerateOptions> = {
    models: Math.max(0, Math.floor(options.models)),
    seed: options.seed ?? 1,
    adapter: options.adapter ?? 'bigquery',
  };
  if (opts.adapter !== 'bigquery' && opts.adapter !== 'snowflake') {
    throw new Error(`unknown adapter ${String(opts.adapter)}`);
  }
  return new Generator(opts).run();
}
