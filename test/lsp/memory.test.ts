/**
 * The language server's memory stays flat while a user edits: the fast variant of `npm run bench -- --memory`
 * (scripts/bench/memory.ts), 1,000 edit cycles on a 200-model synthetic workspace with the bench's rule (RSS after
 * the last cycle within 10% of RSS after cycle 100), and the edit cycles it is driven by.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { measureMemory, memoryVerdict, type MemorySample } from '../../scripts/bench/memory';
import { addRefCte, canCycle, MemoryCycles } from '../../scripts/bench/memory-cycles';
import { generateProject } from '../../scripts/synthetic/generate';

const SERVER = path.join(__dirname, '..', '..', 'dist', 'server.js');

const MART = `{{ config(materialized='table') }}

with

orders as (

    select * from {{ ref('stg_shop__orders') }}

),

final as (

    select
        order_id,
        amount

    from orders

)

select * from final
`;

function writeProject(files: ReadonlyMap<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-memory-test-'));
  for (const [relative, content] of files) {
    const full = path.join(root, ...relative.split('/'));
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return root;
}

describe('memory bench: the edit cycles (scripts/bench/memory-cycles.ts)', () => {
  const models = [
    { file: 'models/marts/fct_a.sql', text: MART },
    { file: 'models/marts/fct_b.sql', text: MART.replace('stg_shop__orders', 'stg_shop__payments') },
  ];

  it('goes round add ref, remove ref, add column, remove column per model, alternating a real and a misspelt ref', () => {
    const cycles = new MemoryCycles(models, ['stg_shop__customers']);
    const kinds = Array.from({ length: 16 }, (_, n) => `${cycles.edit(n).file.slice(-8, -4)} ${cycles.edit(n).kind}`);
    assert.deepEqual(kinds, [
      'ct_a add-ref', 'ct_b add-ref', 'ct_a remove-ref', 'ct_b remove-ref', 'ct_a add-column', 'ct_b add-column', 'ct_a remove-column', 'ct_b remove-column',
      'ct_a add-misspelt-ref', 'ct_b add-misspelt-ref', 'ct_a remove-ref', 'ct_b remove-ref', 'ct_a add-column', 'ct_b add-column', 'ct_a remove-column', 'ct_b remove-column',
    ]);
  });

  it('puts every model back as it was every second cycle, so the workspace never grows', () => {
    const cycles = new MemoryCycles(models, ['stg_shop__customers', 'stg_shop__products']);
    for (let n = 0; n < 80; n++) {
      const edit = cycles.edit(n);
      const base = models.find((model) => model.file === edit.file)!.text;
      const turn = Math.floor(n / models.length);
      if (turn % 2 === 1) assert.equal(edit.text, base, `cycle ${n} (${edit.kind}) does not restore ${edit.file}`);
      else assert.notEqual(edit.text, base, `cycle ${n} (${edit.kind}) changes nothing`);
    }
  });

  it('names each misspelt ref after its cycle, and expects it in the diagnostics until the next edit removes it', () => {
    const cycles = new MemoryCycles(models, ['stg_shop__customers']);
    const add = cycles.edit(8);
    assert.equal(add.kind, 'add-misspelt-ref');
    assert.equal(add.mentions, 'stg_shop__customers_v8');
    assert.ok(add.text.includes("{{ ref('stg_shop__customers_v8') }}"));
    const remove = cycles.edit(10);
    assert.deepEqual([remove.kind, remove.file, remove.omits], ['remove-ref', add.file, 'stg_shop__customers_v8']);
    const real = cycles.edit(0);
    assert.deepEqual([real.kind, real.mentions, real.text.includes("{{ ref('stg_shop__customers') }}")], ['add-ref', undefined, true]);
    const column = cycles.edit(4);
    assert.deepEqual([column.kind, column.text.includes('as bench_col_4')], ['add-column', true]);
  });

  it('adds the CTE first in the `with`, and refuses models it cannot edit', () => {
    assert.ok(addRefCte(MART, 'stg_x').includes("with\n\nbench_extra as (\n\n    select * from {{ ref('stg_x') }}\n\n),\n\norders as ("));
    assert.equal(canCycle(MART), true);
    assert.equal(canCycle("select * from {{ ref('a') }}"), false);
    assert.throws(() => new MemoryCycles([{ file: 'models/x.sql', text: 'select 1' }], ['a']), /has no `with` line/);
  });
});

describe('memory bench: the verdict', () => {
  const sample = (rssMB: number, heapUsedMB = 20): MemorySample => ({ cycle: 0, rssMB, heapUsedMB, heapTotalMB: 30, externalMB: 3, arrayBuffersMB: 0.4 });
  const cases: [baseline: number, final: number, ok: boolean][] = [
    [100, 100, true],
    [100, 110, true],
    [100, 110.1, false],
    [150, 140, true],
  ];
  for (const [baseline, final, ok] of cases) {
    it(`${final} MB after ${baseline} MB is ${ok ? 'within' : 'beyond'} 10%`, () => {
      assert.equal(memoryVerdict(sample(baseline), sample(final), 0.1).ok, ok);
    });
  }
});

describe('memory bench: the language server over 1,000 edit cycles on 200 models', function () {
  this.timeout(120_000);
  let root: string | undefined;

  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('keeps its RSS within 10% of the RSS after 100 cycles, and publishes each version\'s diagnostics', async () => {
    assert.ok(fs.existsSync(SERVER), 'dist/server.js is missing: run `npm run build` (npm test does)');
    root = writeProject(generateProject({ models: 200, seed: 1 }));
    const result = await measureMemory({ root, serverPath: SERVER, cycles: 1000, baselineCycle: 100, sampleEvery: 500, openModels: 10, tolerance: 0.1 });
    const trend = result.samples.map((taken) => `${taken.cycle}: ${taken.rssMB} MB (heap ${taken.heapUsedMB} MB)`).join(', ');
    assert.equal(result.staleCycles, 0, `${result.staleCycles} cycles published diagnostics that were not those of the version sent`);
    assert.ok((result.kinds['add-misspelt-ref'] ?? 0) > 0, 'no cycle added a misspelt ref');
    assert.ok(result.rssRatio <= 1.1, `RSS grew by ${((result.rssRatio - 1) * 100).toFixed(1)}% over ${result.cycles} cycles: ${trend}`);
    assert.ok(result.ok);
  });
});
