/**
 * How intermediate and mart models choose what they read: which earlier models they ref, which
 * columns of their base model they keep, and on which key they join the others.
 */
import type { GeneratorContext } from './context';
import type { Col, Model } from './types';

/** Picks `k` distinct upstream model indexes, mostly from the domain's "home" groups. */
export function pickUpstream(ctx: GeneratorContext, layer: 'intermediate' | 'marts', domain: number, k: number): number[] {
  const r = ctx.rng;
  const chosen = new Set<number>();
  const homeSources = homeSourceIndexes(ctx, domain);
  for (let attempts = 0; chosen.size < k && attempts < k * 20; attempts++) {
    let pool: number[] | undefined;
    const roll = r.next();
    if (layer === 'intermediate') {
      if (roll < 0.55) pool = ctx.stagingBySource[r.pick(homeSources)];
      else if (roll < 0.7) pool = ctx.stagingBySource[r.int(0, ctx.stagingBySource.length - 1)];
      else if (roll < 0.92) pool = ctx.intermediateByDomain[domain];
      else pool = ctx.intermediateByDomain[r.int(0, ctx.intermediateByDomain.length - 1)];
    } else {
      if (roll < 0.45) pool = ctx.intermediateByDomain[domain];
      else if (roll < 0.6) pool = ctx.intermediateByDomain[r.int(0, ctx.intermediateByDomain.length - 1)];
      else if (roll < 0.8) pool = ctx.stagingBySource[r.pick(homeSources)];
      else pool = ctx.martsByDomain[domain].filter((i) => ctx.models[i].name.startsWith('dim_'));
    }
    if (!pool || pool.length === 0) pool = fallbackPool(ctx, layer);
    if (pool.length === 0) break;
    // Prefer recent models of a pool a little: real projects build on what was just added.
    const idx = pool[Math.min(pool.length - 1, Math.floor(pool.length * Math.sqrt(r.next())))];
    chosen.add(idx);
  }
  return [...chosen];
}

/** A non-empty pool of earlier models: a random source's staging models, or a domain's intermediates. */
function fallbackPool(ctx: GeneratorContext, layer: 'intermediate' | 'marts'): number[] {
  const pools = layer === 'marts' && ctx.rng.chance(0.5) ? ctx.intermediateByDomain : ctx.stagingBySource;
  const start = ctx.rng.int(0, Math.max(0, pools.length - 1));
  for (let k = 0; k < pools.length; k++) {
    const pool = pools[(start + k) % pools.length];
    if (pool.length > 0) return pool;
  }
  return ctx.stagingBySource.find((p) => p.length > 0) ?? [];
}

/** The source systems a domain mostly reads from: up to four, spread over all sources. */
function homeSourceIndexes(ctx: GeneratorContext, domain: number): number[] {
  const n = ctx.stagingBySource.length;
  if (n === 0) return [];
  const home: number[] = [];
  for (let i = 0; i < Math.min(n, 4); i++) home.push((domain * 3 + i * 5) % n);
  return [...new Set(home)];
}

/** The base model's key, the `required` columns and random others, `k` columns in all, in the base model's order. */
export function pickBaseColumns(ctx: GeneratorContext, base: Model, k: number, required: string[]): Col[] {
  const pk = base.cols.find((c) => c.name === base.pk);
  const rest = base.cols.filter((c) => c.name !== base.pk && c.name !== '_loaded_at' && !required.includes(c.name));
  const chosen = ctx.rng.sample(rest, Math.max(0, Math.min(rest.length, k - 1 - required.length)));
  for (const name of required) {
    const c = base.cols.find((x) => x.name === name);
    if (c && c !== pk && !chosen.includes(c)) chosen.push(c);
  }
  // Keep the upstream's column order: it reads like hand-written SQL.
  chosen.sort((a, b) => base.cols.indexOf(a) - base.cols.indexOf(b));
  return pk ? [pk, ...chosen] : chosen;
}

/** A join key between the base model and another upstream: a shared id column. */
export function joinKey(base: Model, other: Model): { left: string; right: string } {
  const otherIds = new Set(other.cols.filter((c) => c.kind === 'id').map((c) => c.name));
  if (otherIds.has(base.pk)) return { left: base.pk, right: base.pk };
  for (const c of base.cols) if (c.kind === 'id' && otherIds.has(c.name)) return { left: c.name, right: c.name };
  // No shared key: the other model's key column is assumed to carry the base key.
  return { left: base.pk, right: other.pk };
}

