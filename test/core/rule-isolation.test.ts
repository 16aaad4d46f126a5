/**
 * Rule isolation in the engine: a rule that throws in `check`, in `appliesTo`, while building a fix or in a
 * finding it reports is skipped only where it failed; every other finding is kept, and the failure comes back as
 * plain data (`ruleFailures`), never as a finding about the user's code. Without `isolateRules` the exception
 * propagates, so that tests and fuzzing see every defect.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWorkspace, type RuleFailure } from '../../server/src/core/check';
import type { Fix } from '../../server/src/core/findings';
import { parseFixture } from '../../server/src/core/rules/fixture';
import { RULES } from '../../server/src/core/rules/registry';
import { defineRule, type FileRule, type FileRuleContext, type ProjectRule } from '../../server/src/core/rules/rule';
import { distinctRuleFailures, ISSUES_URL } from '../../server/src/core/rules/rule-failure';
import type { YamlPath } from '../../server/src/core/yaml';

const STG = 'models/staging/stg_orders.sql';
const FCT = 'models/marts/fct_orders.sql';
const OLD = 'models/legacy/old_orders.sql';

/** Three models, two of them with a misspelt ref: dag/unknown-ref stands for "every other rule". */
const WORKSPACE = parseFixture(`
-- @file ${STG}
select 1 as order_id
-- @file ${FCT}
select * from {{ ref('stg_ordres') }}
-- @file ${OLD}
select * from {{ ref('stg_ordrs') }}
`).files;

const OTHER_RULE_FINDINGS = [`${FCT} dag/unknown-ref`, `${OLD} dag/unknown-ref`];

const METADATA: Pick<FileRule, 'severity' | 'description' | 'docs' | 'examples' | 'equivalents' | 'fix'> = {
  severity: 'warning',
  description: 'A test double that throws.',
  docs: { why: 'It stands for a rule with a defect.' },
  examples: { invalid: [], valid: [] },
  equivalents: [],
  fix: 'none',
};

/** A file rule over models that reports one finding at the start of each file it checks. */
function fileRule(id: string, overrides: Partial<Pick<FileRule, 'appliesTo' | 'check'>> = {}): FileRule {
  return defineRule({
    ...METADATA,
    id,
    scope: 'file',
    appliesTo: (file) => file.kind === 'model',
    check: (ctx) => reportAtStart(ctx, ctx.file.path),
    ...overrides,
  });
}

function reportAtStart(ctx: Pick<FileRuleContext, 'report'>, file: string, fixes?: Fix[]): void {
  ctx.report({ file, span: { start: 0, end: 6 }, message: 'Seen.', fixes });
}

/** Shared by two rules, as rule families share one predicate; it throws on fct_orders. */
const throwingPredicate = (file: { kind: string; path: string }) => {
  if (file.path === FCT) throw new TypeError('appliesTo broke');
  return file.kind === 'model';
};

interface Case {
  name: string;
  rules: (FileRule | ProjectRule)[];
  findings: string[];
  failures: Pick<RuleFailure, 'rule' | 'file' | 'phase' | 'message'>[];
}

const CASES: Case[] = [
  {
    name: 'a check that throws on one file: the rule still checks the other files',
    rules: [
      fileRule('test/throws-in-check', {
        check(ctx) {
          if (ctx.file.path === FCT) throw new RangeError('check broke');
          reportAtStart(ctx, ctx.file.path);
        },
      }),
    ],
    findings: [`${OLD} test/throws-in-check`, `${STG} test/throws-in-check`],
    failures: [{ rule: 'test/throws-in-check', file: FCT, phase: 'check', message: 'check broke' }],
  },
  {
    name: 'a check that throws after reporting: what it reported before is kept',
    rules: [
      fileRule('test/throws-after-report', {
        check(ctx) {
          reportAtStart(ctx, ctx.file.path);
          if (ctx.file.path === FCT) throw new Error('check broke late');
        },
      }),
    ],
    findings: [`${FCT} test/throws-after-report`, `${OLD} test/throws-after-report`, `${STG} test/throws-after-report`],
    failures: [{ rule: 'test/throws-after-report', file: FCT, phase: 'check', message: 'check broke late' }],
  },
  {
    name: 'an appliesTo that throws: recorded for each rule sharing it, which check every other file',
    rules: [fileRule('test/throws-in-applies-to', { appliesTo: throwingPredicate }), fileRule('test/shares-the-predicate', { appliesTo: throwingPredicate })],
    findings: [`${OLD} test/shares-the-predicate`, `${OLD} test/throws-in-applies-to`, `${STG} test/shares-the-predicate`, `${STG} test/throws-in-applies-to`],
    failures: [
      { rule: 'test/throws-in-applies-to', file: FCT, phase: 'appliesTo', message: 'appliesTo broke' },
      { rule: 'test/shares-the-predicate', file: FCT, phase: 'appliesTo', message: 'appliesTo broke' },
    ],
  },
  {
    name: 'a fix builder that throws: the finding it was building is lost, the rule’s others keep their fixes',
    rules: [
      fileRule('test/throws-in-fix', {
        check(ctx) {
          const buildFix = (): Fix => {
            if (ctx.file.path === FCT) throw new Error('fix broke');
            return { title: 'Rewrite', kind: 'safe', edits: [{ file: ctx.file.path, range: ctx.locate(ctx.file.path, { start: 0, end: 6 }), newText: 'SELECT' }] };
          };
          reportAtStart(ctx, ctx.file.path, [buildFix()]);
        },
      }),
    ],
    findings: [`${OLD} test/throws-in-fix`, `${STG} test/throws-in-fix`],
    failures: [{ rule: 'test/throws-in-fix', file: FCT, phase: 'check', message: 'fix broke' }],
  },
  {
    name: 'a finding that cannot be located: only that finding is lost',
    rules: [
      fileRule('test/unlocatable-finding', {
        check(ctx) {
          // A YAML path that is not one, as a defect would produce: locating it throws in the engine.
          if (ctx.file.path === FCT) ctx.report({ file: FCT, yamlPath: null as unknown as YamlPath, message: 'Nowhere.' });
          else reportAtStart(ctx, ctx.file.path);
        },
      }),
    ],
    findings: [`${OLD} test/unlocatable-finding`, `${STG} test/unlocatable-finding`],
    failures: [{ rule: 'test/unlocatable-finding', file: FCT, phase: 'locate', message: "Cannot read properties of null (reading 'join')" }],
  },
  {
    name: 'a project rule that throws: what it reported before is kept, and the failure names no file',
    rules: [
      defineRule({
        ...METADATA,
        id: 'test/project-throws',
        scope: 'project',
        check(ctx) {
          reportAtStart(ctx, STG);
          throw new Error('project pass broke');
        },
      }),
    ],
    findings: [`${STG} test/project-throws`],
    failures: [{ rule: 'test/project-throws', file: undefined, phase: 'check', message: 'project pass broke' }],
  },
  {
    name: 'a thrown value that is not an Error: its text is the message and the stack',
    rules: [
      fileRule('test/throws-a-string', {
        check(ctx) {
          if (ctx.file.path === OLD) throw 'a bare string';
          reportAtStart(ctx, ctx.file.path);
        },
      }),
    ],
    findings: [`${FCT} test/throws-a-string`, `${STG} test/throws-a-string`],
    failures: [{ rule: 'test/throws-a-string', file: OLD, phase: 'check', message: 'a bare string' }],
  },
];

function check(rules: (FileRule | ProjectRule)[], isolateRules = true) {
  return checkWorkspace(WORKSPACE, { rules: [...RULES, ...rules], only: ['dag/unknown-ref', ...rules.map((rule) => rule.id)], isolateRules });
}

describe('rule isolation in the engine', () => {
  for (const testCase of CASES) {
    it(testCase.name, () => {
      const outcome = check(testCase.rules);
      const findings = outcome.findings.map((finding) => `${finding.file} ${finding.rule}`).sort();
      assert.deepEqual(findings, [...OTHER_RULE_FINDINGS, ...testCase.findings].sort(), 'every other finding is kept');
      assert.deepEqual(
        outcome.ruleFailures.map(({ rule, file, phase, message }) => ({ rule, file, phase, message })),
        testCase.failures.map(({ rule, file, phase, message }) => ({ rule, file, phase, message })),
      );
      for (const failure of outcome.ruleFailures) {
        assert.ok(failure.stack.includes(failure.message), `the stack of ${failure.rule} carries its message`);
        if (failure.message !== 'a bare string') assert.match(failure.stack, /\n\s+at /, `the stack of ${failure.rule} has frames`);
      }
      assert.ok(!outcome.findings.some((finding) => /broke|Nowhere/.test(finding.message)), 'no failure is reported as a finding about the code');
    });
  }

  it('keeps the fixes of the findings a rule did report', () => {
    const outcome = check(CASES.find((testCase) => testCase.rules[0].id === 'test/throws-in-fix')!.rules);
    const fixed = outcome.findings.filter((finding) => finding.rule === 'test/throws-in-fix');
    assert.deepEqual(fixed.map((finding) => finding.fixes?.[0]?.title), ['Rewrite', 'Rewrite']);
  });

  it('lets the exception propagate without isolateRules, so tests and fuzzing see every defect', () => {
    for (const testCase of CASES) assert.throws(() => check(testCase.rules, false), (error) => error !== undefined, testCase.name);
  });

  it('reports no failure for rules that do not throw', () => {
    assert.deepEqual(check([fileRule('test/well-behaved')]).ruleFailures, []);
  });

  it('groups failures by rule and message, with the files each one hit', () => {
    const failures: RuleFailure[] = [
      { rule: 'a/rule', file: 'x.sql', phase: 'check', message: 'boom', stack: 'boom' },
      { rule: 'a/rule', file: 'y.sql', phase: 'check', message: 'boom', stack: 'boom' },
      { rule: 'a/rule', file: 'x.sql', phase: 'check', message: 'boom', stack: 'boom' },
      { rule: 'a/rule', file: 'z.sql', phase: 'check', message: 'other', stack: 'other' },
      { rule: 'b/rule', phase: 'check', message: 'boom', stack: 'boom' },
    ];
    assert.deepEqual(
      distinctRuleFailures(failures).map(({ failure, files }) => `${failure.rule} ${failure.message}: ${files.join(', ')}`),
      ['a/rule boom: x.sql, y.sql', 'a/rule other: z.sql', 'b/rule boom: '],
    );
  });

  it('sends users to the issues of the repository named in package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { repository: { url: string } };
    assert.equal(ISSUES_URL, `${pkg.repository.url.replace(/\.git$/, '')}/issues`);
  });
});
