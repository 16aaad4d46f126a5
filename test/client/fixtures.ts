/**
 * Lineage documents as the server returns them for the shop fixture (see test/lsp/lineage.test.ts), for the
 * client's tests, which run without a server.
 */
import type { LineageDocument } from '../../client/src/lineage/protocol';

export const WORKSPACE = 'file:///work/shop';

export const FCT_ORDERS: LineageDocument = {
  version: 1,
  root: 'fct_orders',
  nodes: [
    { id: 'source:raw.customers', kind: 'source' },
    { id: 'source:raw.orders', kind: 'source' },
    { id: 'stg_customers', kind: 'model', file: 'models/staging/stg_customers.sql', materialized: 'view' },
    { id: 'stg_orders', kind: 'model', file: 'models/staging/stg_orders.sql', materialized: 'view' },
    { id: 'fct_orders', kind: 'model', file: 'models/marts/fct_orders.sql', materialized: 'table' },
  ],
  edges: [
    { from: 'source:raw.customers', to: 'stg_customers' },
    { from: 'source:raw.orders', to: 'stg_orders' },
    { from: 'stg_customers', to: 'fct_orders' },
    { from: 'stg_orders', to: 'fct_orders' },
  ],
  workspaceUri: WORKSPACE,
};

/** What expanding stg_orders one hop each way adds: a sibling consumer. */
export const STG_ORDERS_AROUND: LineageDocument = {
  version: 1,
  root: 'stg_orders',
  nodes: [
    { id: 'source:raw.orders', kind: 'source' },
    { id: 'stg_orders', kind: 'model', file: 'models/staging/stg_orders.sql', materialized: 'view' },
    { id: 'fct_orders', kind: 'model', file: 'models/marts/fct_orders.sql', materialized: 'table' },
    { id: 'orders_snapshot', kind: 'snapshot', file: 'snapshots/orders_snapshot.sql' },
  ],
  edges: [
    { from: 'source:raw.orders', to: 'stg_orders' },
    { from: 'stg_orders', to: 'fct_orders' },
    { from: 'stg_orders', to: 'orders_snapshot' },
  ],
  workspaceUri: WORKSPACE,
};

export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

/** A model whose name is markup, as a hostile or careless project could define through a versioned alias or YAML. */
export const HOSTILE: LineageDocument = {
  version: 1,
  root: HOSTILE_NAME,
  nodes: [
    { id: 'source:raw."><script>alert(2)</script>', kind: 'source' },
    { id: HOSTILE_NAME, kind: 'model', file: 'models/evil.sql', materialized: '<b>table</b>' },
  ],
  edges: [{ from: 'source:raw."><script>alert(2)</script>', to: HOSTILE_NAME }],
  workspaceUri: WORKSPACE,
};
