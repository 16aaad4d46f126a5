/**
 * The state shared by the steps of one `generateProject` run: the files written so far, the
 * PRNG, and the models and sources made so far, which later layers pick their upstreams from.
 */
import { Dialect, DIALECTS } from './dialects';
import { Rng } from './rng';
import type { GenerateOptions, Model, Source } from './types';

export class GeneratorContext {
  readonly files = new Map<string, string>();
  readonly rng: Rng;
  readonly dialect: Dialect;
  readonly models: Model[] = [];
  readonly byName = new Map<string, Model>();
  readonly sources: Source[] = [];
  /** Staging model indexes per source index. */
  readonly stagingBySource: number[][] = [];
  /** Intermediate model indexes per domain index. */
  readonly intermediateByDomain: number[][] = [];
  readonly martsByDomain: number[][] = [];
  private readonly usedNames = new Set<string>();

  constructor(readonly opts: Required<GenerateOptions>) {
    this.rng = new Rng(opts.seed);
    this.dialect = DIALECTS[opts.adapter];
  }

  /** `base`, or `base_2`, `base_3`… when the name is already taken by another model. */
  uniqueName(base: string): string {
    let name = base;
    for (let k = 2; this.usedNames.has(name); k++) name = `${base}_${k}`;
    this.usedNames.add(name);
    return name;
  }

  /** Records a model and writes its SQL file. */
  addModel(m: Model, sql: string): void {
    this.models.push(m);
    this.byName.set(m.name, m);
    this.files.set(`models/${m.folder}/${m.name}.sql`, sql);
  }
}
