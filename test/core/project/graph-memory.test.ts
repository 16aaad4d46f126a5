/**
 * The project graph forgets the names a model no longer depends on. Typing a ref() changes the name on every
 * keystroke (`ref('s')`, `ref('st')`, …); the graph once kept an empty entry for each name ever resolved, which the
 * memory bench (`npm run bench -- --memory`) found as the language server's heap growing with every edit.
 */
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { ProjectGraph } from '../../../server/src/core/project/graph';
import type { Dependency, GraphNode } from '../../../server/src/core/project/index-types';

/** Node's garbage collector, exposed at run time so this test needs no `--expose-gc` flag. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function model(name: string, refs: string[]): GraphNode {
  const dependencies: Dependency[] = refs.map((ref) => ({ kind: 'ref', name: ref, file: `models/${name}.sql`, dynamic: false }));
  return { uniqueId: `model.shop.${name}`, resourceType: 'model', name, packageName: 'shop', projectId: 'shop', fqn: ['shop', name], config: {}, enabled: true, dependencies, isPackage: false };
}

describe('project graph: names typed into a ref() and deleted again', () => {
  it('keeps nothing for them: 50,000 names resolved in turn leave the heap as it was', () => {
    const gc = collector();
    const graph = new ProjectGraph(() => ['shop']);
    const orders = model('stg_orders', []);
    let editing = model('fct_revenue', ['stg_orders']);
    graph.add(orders);
    graph.add(editing);
    graph.resolveAll();
    // As the workspace index updates an edited file: its old node goes, a new one with the new ref comes.
    const retype = (name: string) => {
      graph.remove(editing.uniqueId);
      editing = model('fct_revenue', [name]);
      graph.add(editing);
      graph.resolveNode(editing);
    };
    // A first round, so that what the loop itself allocates once (compiled code, hash table growth) is counted before.
    for (let n = 0; n < 5000; n++) retype(`stg_ordrs_${n}`);
    retype('stg_orders');
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let n = 0; n < 50_000; n++) retype(`stg_orders_typed_${n}`);
    retype('stg_orders');
    gc();
    const grownMB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    // An entry kept per name costs about 150 bytes: 7 MB for 50,000 names.
    assert.ok(grownMB < 2, `the heap grew by ${grownMB.toFixed(1)} MB over 50,000 names typed and deleted`);
    // The graph still answers for the name the model reads now, and for none of those it read before.
    assert.deepEqual(graph.dependentsOfName(orders), [editing.uniqueId]);
    assert.deepEqual(graph.parents(editing.uniqueId), [orders.uniqueId]);
    assert.deepEqual(graph.dependentsOfName(model('stg_orders_typed_1', [])), []);
  });
});
