/**
 * Reading dbt invocations out of shell command strings: quoting, several commands, flags, and the span of each
 * selection word in the string.
 */
import assert from 'node:assert/strict';
import { parseDbtCommands } from '../../../server/src/core/selection/dbt-command';

/** Each invocation as plain data; each selection word with the text found at its offset in the command. */
function read(command: string) {
  return parseDbtCommands(command).map((invocation) => ({
    subcommand: invocation.subcommand,
    select: invocation.select.map((word) => `${word.text}@${command.slice(word.offset, word.offset + word.text.length) === word.text ? 'exact' : word.offset}`),
    exclude: invocation.exclude.map((word) => word.text),
    selector: invocation.selector?.text,
    resourceTypes: invocation.resourceTypes,
    legacy: invocation.usesLegacyModelsFlag,
    projectDir: invocation.projectDir,
  }));
}

const base = { select: [], exclude: [], selector: undefined, resourceTypes: [], legacy: false, projectDir: undefined };

const CASES: { title: string; command: string; expected: ReturnType<typeof read> }[] = [
  { title: 'a plain run', command: 'dbt run', expected: [{ ...base, subcommand: 'run' }] },
  { title: '--select with several words and a target', command: 'dbt build --select tag:finance stg_orders+ --target prod', expected: [{ ...base, subcommand: 'build', select: ['tag:finance@exact', 'stg_orders+@exact'] }] },
  { title: 'cd before dbt, joined with &&', command: 'cd /opt/dbt/shop && dbt run -s marts', expected: [{ ...base, subcommand: 'run', select: ['marts@exact'], projectDir: '/opt/dbt/shop' }] },
  { title: 'several invocations joined with ; and &&', command: 'dbt seed; dbt run --exclude tag:slow && dbt test -s tag:x', expected: [{ ...base, subcommand: 'seed' }, { ...base, subcommand: 'run', exclude: ['tag:slow'] }, { ...base, subcommand: 'test', select: ['tag:x@exact'] }] },
  { title: 'a double-quoted union keeps exact offsets', command: 'dbt run --select "tag:a tag:b"', expected: [{ ...base, subcommand: 'run', select: ['tag:a tag:b@exact'] }] },
  { title: 'single quotes and --select=', command: "dbt ls --select='+fct_revenue' --resource-type model", expected: [{ ...base, subcommand: 'ls', select: ['+fct_revenue@exact'], resourceTypes: ['model'] }] },
  { title: 'legacy --models and -m', command: 'dbt run --models a -m b', expected: [{ ...base, subcommand: 'run', select: ['a@exact', 'b@exact'], legacy: true }] },
  { title: '--selector', command: 'dbt build --selector nightly --full-refresh', expected: [{ ...base, subcommand: 'build', selector: 'nightly' }] },
  { title: 'source freshness', command: 'dbt source freshness --select source:raw', expected: [{ ...base, subcommand: 'source freshness', select: ['source:raw@exact'] }] },
  { title: 'global flags before the subcommand, --project-dir', command: 'dbt --no-partial-parse run --project-dir shop -s x', expected: [{ ...base, subcommand: 'run', select: ['x@exact'], projectDir: 'shop' }] },
  { title: 'a line continuation', command: 'dbt run \\\n  --select a', expected: [{ ...base, subcommand: 'run', select: ['a@exact'] }] },
  { title: 'an operator inside quotes is text', command: 'echo "a && dbt run" && dbt test', expected: [{ ...base, subcommand: 'test' }] },
  { title: 'commands that are not dbt runs', command: 'dbt deps && dbt debug && python x.py', expected: [] },
  { title: 'a wrapper and an environment assignment', command: 'DBT_TARGET=prod poetry run dbt snapshot -s orders_snapshot', expected: [{ ...base, subcommand: 'snapshot', select: ['orders_snapshot@exact'] }] },
  { title: 'an escaped quote loses exact offsets', command: 'dbt run -s "a\\"b"', expected: [{ ...base, subcommand: 'run', select: ['a"b@12'] }] },
];

describe('dbt commands in shell strings', () => {
  for (const { title, command, expected } of CASES) {
    it(`${title}: ${command.replace(/\n/g, '\\n')}`, () => {
      assert.deepEqual(read(command), expected);
    });
  }

  it('gives each word its span in the string', () => {
    const [invocation] = parseDbtCommands("cd x && dbt run -s 'a b'");
    assert.deepEqual(
      invocation.words.map((word) => [word.text, word.span.start, word.span.end]),
      [['dbt', 8, 11], ['run', 12, 15], ['-s', 16, 18], ['a b', 19, 24]],
    );
  });
});
