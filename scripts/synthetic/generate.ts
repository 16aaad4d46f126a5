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
 *
 * The parts live in their own modules: `vocabulary` (word lists), `dialects` (adapter SQL),
 * `staging` (sources and staging models), `upstream` and `derived` (intermediate and mart
 * models), `properties` (properties YAML) and `project-files` (dbt_project.yml, profiles,
 * packages, macros). They share one `GeneratorContext` and one PRNG, so the order of the steps
 * below fixes the output.
 */
import { GeneratorContext } from './context';
import { makeIntermediate, makeMarts } from './derived';
import { writeMacros, writeProjectFiles } from './project-files';
import { writeProperties, writeSources } from './properties';
import { makeSources, makeStaging } from './staging';
import type { GenerateOptions } from './types';

export type { Adapter, GenerateOptions } from './types';

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

/** The number of domains, so that each domain folder of a layer holds about 35 models. */
function domainCount(intermediate: number, marts: number): number {
  return Math.max(1, Math.round(Math.max(intermediate, marts) / 35));
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
  const ctx = new GeneratorContext(opts);
  const counts = layerCounts(opts.models);
  makeSources(ctx, counts.staging);
  makeStaging(ctx, counts.staging);
  const domains = domainCount(counts.intermediate, counts.marts);
  for (let i = 0; i < domains; i++) {
    ctx.intermediateByDomain.push([]);
    ctx.martsByDomain.push([]);
  }
  makeIntermediate(ctx, counts.intermediate, domains);
  makeMarts(ctx, counts.marts, domains);
  writeSources(ctx);
  writeProperties(ctx);
  writeProjectFiles(ctx, domains);
  writeMacros(ctx);
  return ctx.files;
}
