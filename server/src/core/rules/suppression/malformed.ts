import { defineRule } from '../rule';

export default defineRule({
  id: 'suppression/malformed',
  severity: 'warning',
  scope: 'file',
  description: 'An inline `dplens-disable` suppression names no rule, gives no reason, or names something that is not a rule id.',
  docs: {
    why: 'A suppression is an exception to the team\'s conventions; its reason is what lets a reviewer judge it later. A malformed suppression suppresses nothing, so the finding it meant to hide is still reported.',
    fix: 'Write `dplens-disable-next-line <rule-id>[, <rule-id>]: <reason>` (or `dplens-disable-file`), in a comment of the file\'s language.',
  },
  examples: {
    invalid: [
      `
      -- @file models/orders.sql
      -- dplens-disable-next-line dag/unknown-ref  -- expect: suppression/malformed
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
  equivalents: ['eslint:eslint-comments/require-description'],
  fix: 'none',
  // The engine evaluates suppressions itself after every other rule ran; this module carries the metadata.
  appliesTo: () => false,
  check() {},
});
