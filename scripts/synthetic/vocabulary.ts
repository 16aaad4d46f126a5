/**
 * The word lists the generator draws names from, and the helpers that turn those words into
 * model, domain and description text.
 */

export const SOURCE_SYSTEMS = [
  'shop', 'erp', 'crm', 'billing', 'payments', 'ads', 'web', 'app', 'support', 'inventory',
  'logistics', 'hr', 'ledger', 'subscriptions', 'catalog', 'pos', 'loyalty', 'email',
  'surveys', 'wms', 'fleet', 'partners', 'identity', 'reviews',
];

export const ENTITIES = [
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

export const EVENT_LIKE = new Set(['shipment_events', 'page_views', 'events', 'sessions', 'gl_entries', 'journal_entries', 'point_transactions', 'visits']);

export const DOMAINS = [
  'finance', 'marketing', 'sales', 'product', 'customers', 'operations', 'supply_chain',
  'support', 'people', 'growth', 'risk', 'merchandising', 'logistics', 'retail', 'partners',
];

export const STAGING_VARIANTS = ['current', 'history', 'deleted', 'daily', 'latest', 'flattened'];
export const INT_VERBS = ['joined', 'enriched', 'aggregated', 'pivoted', 'filtered', 'deduplicated', 'scored', 'rolled_up', 'bridged', 'windowed'];
export const FCT_SUFFIXES = ['', '_daily', '_weekly', '_monthly', '_snapshot', '_events', '_summary', '_history'];
export const DIM_SUFFIXES = ['', '_current', '_profile', '_attributes', '_segments'];

export const STR_ATTRS = ['name', 'status', 'type', 'code', 'email', 'country_code', 'currency', 'channel', 'category', 'description', 'source', 'region', 'tier', 'reason'];
export const CENT_ATTRS = ['amount_cents', 'price_cents', 'total_cents', 'tax_cents', 'cost_cents', 'discount_cents', 'fee_cents'];
export const INT_ATTRS = ['quantity', 'units', 'attempts', 'line_count', 'duration_seconds', 'score'];
export const TS_ATTRS = ['created_at', 'updated_at', 'completed_at', 'cancelled_at', 'started_at', 'ended_at'];
export const BOOL_ATTRS = ['is_active', 'is_deleted', 'is_test'];

export const STATUS_VALUES = ['active', 'pending', 'completed', 'cancelled', 'failed', 'archived'];
export const CHANNEL_VALUES = ['web', 'app', 'store', 'phone', 'partner'];

/** The singular of an English plural table name, enough for the entity names above. */
export function singular(plural: string): string {
  if (plural.endsWith('ies')) return plural.slice(0, -3) + 'y';
  if (plural.endsWith('sses')) return plural.slice(0, -2);
  if (plural.endsWith('s')) return plural.slice(0, -1);
  return plural;
}

/** A snake_case name as words, for descriptions. */
export function words(name: string): string {
  return name.replace(/_/g, ' ');
}

/** The folder name of domain `i`; past the end of the list, names repeat with a numeric suffix. */
export function domainName(i: number): string {
  const base = DOMAINS[i % DOMAINS.length];
  return i < DOMAINS.length ? base : `${base}_${Math.floor(i / DOMAINS.length) + 1}`;
}
