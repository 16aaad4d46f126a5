import { defineRule, type FileRuleContext } from '../rule';
import { isSqlSummary } from '../../project/summary';

export default defineRule({
  id: 'jinja/syntax',
  severity: 'error',
  scope: 'file',
  description: 'A SQL file has broken Jinja: an unterminated `{{`, `{%` or `{#`, or an `if`/`for`/`macro` block without its end tag.',
  docs: {
    why: 'dbt renders every model, macro and test with Jinja before anything else; a template error stops `dbt compile` and `dbt run` for the whole project. Until it is fixed, checks that need this file\'s SQL are skipped.',
    fix: 'Close the tag or block at the reported position (`}}`, `%}`, `#}`, `{% endif %}`, `{% endfor %}`, `{% endmacro %}`).',
    references: ['https://jinja.palletsprojects.com/en/stable/templates/'],
  },
  examples: {
    invalid: [
      `
      -- @file models/orders.sql
      select 1 as id
      {% if target.name == 'dev' %}  -- expect: jinja/syntax
      limit 10
      `,
    ],
    valid: [
      `
      -- @file models/orders.sql
      select 1 as id
      {% if target.name == 'dev' %}
      limit 10
      {% endif %}
      `,
    ],
  },
  equivalents: ['sqlfluff:TMP', 'dbt-core:compilation-error'],
  fix: 'none',
  appliesTo: isSqlSummary,
  check(ctx: FileRuleContext) {
    if (!isSqlSummary(ctx.file)) return;
    for (const error of ctx.file.jinja.errors) {
      ctx.report({ file: ctx.file.path, span: error.span, message: `${error.message.replace(/\.$/, '')}. dbt cannot render this file, so it fails to compile; SQL checks of this file were skipped.` });
    }
  },
});
