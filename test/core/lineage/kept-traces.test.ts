/**
 * Column lineage traces are kept across hovers, keyed by what they were computed from, and a hover traces for a
 * bounded time. Before, every hover on a mart traced the whole chain above it again (4–5 s at 1,000 models, with
 * every other request waiting).
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { loadColumnTracer, warmColumnLineage, type ColumnTracer } from '../../../server/src/core/lineage';
import { hoverAt } from '../../../server/src/core/navigation';
import type { WorkspaceIndex } from '../../../server/src/core/project/workspace-index';

/** A chain of `length` models, each selecting every column of the one before and adding its own. */
function chain(length: number): Map<string, string> {
  const files = new Map([['dbt_project.yml', "name: shop\nversion: '1.0.0'\nconfig-version: 2\nprofile: shop\n"]]);
  files.set('models/m0.sql', 'select 1 as c0');
  for (let n = 1; n < length; n++) files.set(`models/m${n}.sql`, `select *, c${n - 1} + 1 as c${n} from {{ ref('m${n - 1}') }}`);
  return files;
}

/** The real tracer, counting the models it traces and taking at least `delayMs` for each, like a slow machine. */
function countingTracer(real: ColumnTracer, delayMs = 0): ColumnTracer & { calls: number } {
  const tracer = {
    calls: 0,
    trace: (...args: Parameters<ColumnTracer['trace']>) => {
      tracer.calls++;
      const until = performance.now() + delayMs;
      while (performance.now() < until);
      return real.trace(...args);
    },
  };
  return tracer;
}

describe('column lineage: kept traces and the hover time budget', function () {
  this.timeout(60_000);
  let real: ColumnTracer;
  before(async () => {
    real = await loadColumnTracer();
  });

  const LAST = 'models/m11.sql';
  const cursor = (index: WorkspaceIndex) => index.text(LAST)!.indexOf('as c11') + 4;

  it('traces the chain once; later hovers reuse it until a model above changes', () => {
    const { index } = checkWorkspace(chain(12));
    const tracer = countingTracer(real);
    const first = hoverAt(index, LAST, cursor(index), { tracer })!;
    assert.match(first.markdown, /`c10` of model `m10`/);
    assert.equal(tracer.calls, 12, 'each model once (the hovered column is an output column of the last one)');
    tracer.calls = 0;
    assert.equal(hoverAt(index, LAST, cursor(index), { tracer })!.markdown, first.markdown);
    assert.equal(tracer.calls, 0, 'nothing traced again');
    // A new column in the middle of the chain changes what every model below it produces.
    index.updateFile('models/m5.sql', "select *, c4 + 1 as c5, 'x' as extra from {{ ref('m4') }}");
    tracer.calls = 0;
    hoverAt(index, LAST, cursor(index), { tracer });
    assert.equal(tracer.calls, 7, 'm5 to m11 again; m0 to m4 kept');
  });

  it('stops tracing at the budget, says so, and a warm-up in slices finishes the same lineage', () => {
    const { index } = checkWorkspace(chain(12));
    const tracer = countingTracer(real, 20);
    const pending = hoverAt(index, LAST, cursor(index), { tracer, traceBudgetMs: 50 })!;
    assert.match(pending.markdown, /still being traced/);
    assert.equal(pending.lineagePending, 'model.shop.m11');
    assert.ok(tracer.calls < 12, `stopped early: ${tracer.calls} traces`);
    let slices = 0;
    while (!warmColumnLineage(index, index.node('model.shop.m11')!, tracer, 30)) assert.ok(++slices < 50, 'the warm-up makes progress');
    const ready = hoverAt(index, LAST, cursor(index), { tracer, traceBudgetMs: 50 })!;
    assert.equal(ready.lineagePending, undefined);
    const { index: fresh } = checkWorkspace(chain(12));
    assert.equal(ready.markdown, hoverAt(fresh, LAST, cursor(fresh), { tracer: real })!.markdown);
  });
});
