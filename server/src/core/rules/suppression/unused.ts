import { defineRule } from '../rule';

export default defineRule({
  id: 'suppression/unused',
  severity: 'warning',
  scope: 'file',
  description: 'An inline `dplens-disable` suppression matches no finding.',
  docs: {
    why: 'A suppression that no longer suppresses anything is noise today and a blind spot tomorrow: when the same problem comes back on that line, it is hidden without anyone having looked at it again.',
    fix: 'Remove the suppression.',
  },
  examples: {
    invalid: [
      `
      -- @file models/orders.sql
      -- dplens-disable-next-line dag/unknown-ref: legacy model  -- expect: suppression/unused
      select 1 as id
      `,
    ],
    valid: [
      `
      -- @file models/orders.sql
      -- dplens-disable-next-line dag/unknown-ref: built by an external tool
      select * from {{ ref('made_elsewhere') }}
      `,
    ],
  },
  equivalents: ['eslint:--report-unused-disable-directives', 'ruff:RUF100'],
  fix: 'none',
  // The engine evaluates suppressions itself after every other rule ran; this module carries the metadata.
  appliesTo: () => false,
  check() {},
});
