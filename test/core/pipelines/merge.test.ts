/**
 * The merging of dag-factory defaults (server/src/core/pipelines/merged.ts), mirroring dagfactory.py `build_dags` and
 * utils.py `merge_configs`: defaults.yml files from the root down (nearer wins), then the file's `default:` block,
 * then the DAG's own keys, with the origin of each merged value.
 */
import assert from 'node:assert/strict';
import { mergedDagsOf } from '../../../server/src/core/pipelines/merged';
import { WorkspaceIndex } from '../../../server/src/core/project/workspace-index';

interface Case {
  name: string;
  files: Record<string, string>;
  /** The merged values (key → [value, file that set it]) of the first DAG of `dags/team/etl.yml`. */
  keys?: Record<string, [unknown, string]>;
  defaultArgs?: Record<string, [unknown, string]>;
  defaultsFiles?: string[];
}

const DAG = 'etl:\n  tasks:\n    - task_id: a\n      operator: x.A\n';

const cases: Case[] = [
  {
    name: 'the nearer defaults.yml wins key by key over the farther one',
    files: {
      'dags/defaults.yml': 'default_args:\n  owner: root\n  retries: 1\ncatchup: true\n',
      'dags/team/defaults.yml': 'default_args:\n  owner: team\n',
      'dags/team/etl.yml': DAG,
    },
    defaultArgs: { owner: ['team', 'dags/team/defaults.yml'], retries: [1, 'dags/defaults.yml'] },
    keys: { catchup: [true, 'dags/defaults.yml'] },
    defaultsFiles: ['dags/defaults.yml', 'dags/team/defaults.yml'],
  },
  {
    name: "the file's default block overrides the defaults files' default_args, and the DAG its default block",
    files: {
      'dags/defaults.yml': 'default_args:\n  owner: root\n  retries: 1\n  email: a@x\n',
      'dags/team/etl.yml': 'default:\n  default_args:\n    owner: file\n    retries: 2\n' + 'etl:\n  default_args:\n    retries: 3\n  tasks:\n    - task_id: a\n      operator: x.A\n',
    },
    defaultArgs: { owner: ['file', 'dags/team/etl.yml'], retries: [3, 'dags/team/etl.yml'], email: ['a@x', 'dags/defaults.yml'] },
  },
  {
    name: "a DAG-level key of a defaults.yml wins over the file's default block, as in dag-factory",
    files: {
      'dags/defaults.yml': 'default_args: {}\ncatchup: true\nmax_active_runs: 3\n',
      'dags/team/etl.yml': 'default:\n  catchup: false\n  schedule: "@daily"\n' + DAG,
    },
    keys: { catchup: [true, 'dags/defaults.yml'], max_active_runs: [3, 'dags/defaults.yml'], schedule: ['@daily', 'dags/team/etl.yml'] },
  },
  {
    name: "the DAG's own keys win over everything",
    files: {
      'dags/defaults.yml': 'default_args: {}\ncatchup: true\n',
      'dags/team/etl.yml': 'default:\n  schedule: "@daily"\netl:\n  catchup: false\n  schedule: "@hourly"\n  tasks: {}\n',
    },
    keys: { catchup: [false, 'dags/team/etl.yml'], schedule: ['@hourly', 'dags/team/etl.yml'] },
  },
  {
    name: 'the tags of the defaults files are united and sorted',
    files: {
      'dags/defaults.yml': 'default_args: {}\ntags: [b, a]\n',
      'dags/team/defaults.yml': 'default_args: {}\ntags: [c, a]\n',
      'dags/team/etl.yml': DAG,
    },
    keys: { tags: [['a', 'b', 'c'], 'dags/team/defaults.yml'] },
  },
  {
    name: 'defaults.yml is preferred over defaults.yaml in one folder',
    files: {
      'dags/team/defaults.yml': 'default_args:\n  owner: yml\n',
      'dags/team/defaults.yaml': 'default_args:\n  owner: yaml\n',
      'dags/team/etl.yml': DAG,
    },
    defaultArgs: { owner: ['yml', 'dags/team/defaults.yml'] },
    defaultsFiles: ['dags/team/defaults.yml'],
  },
  {
    name: 'mappings set on both the DAG and the default block merge recursively, the DAG winning',
    files: { 'dags/team/etl.yml': 'default:\n  params: {a: 1, b: 1}\netl:\n  params: {b: 2}\n  tasks: {}\n' },
    keys: { params: [{ a: 1, b: 2 }, 'dags/team/etl.yml'] },
    defaultsFiles: [],
  },
  {
    name: 'a defaults.yml in a sibling folder does not apply',
    files: { 'dags/other/defaults.yml': 'default_args:\n  owner: other\n', 'dags/team/etl.yml': DAG },
    defaultArgs: {},
    defaultsFiles: [],
  },
];

describe('dag-factory defaults merging', () => {
  for (const entry of cases) {
    it(entry.name, () => {
      const index = WorkspaceIndex.build(new Map(Object.entries(entry.files)));
      assert.equal(index.fileKind('dags/team/etl.yml'), 'pipeline');
      const [merged] = mergedDagsOf(index, 'dags/team/etl.yml');
      assert.ok(merged, 'no merged DAG');
      const view = (keys: typeof merged.keys, names: string[]) => Object.fromEntries(names.map((name) => [name, keys[name] ? [keys[name].value, keys[name].origin.file] : undefined]));
      if (entry.keys) assert.deepEqual(view(merged.keys, Object.keys(entry.keys)), entry.keys);
      if (entry.defaultArgs) {
        assert.deepEqual(view(merged.defaultArgs, Object.keys(merged.defaultArgs)), entry.defaultArgs);
      }
      if (entry.defaultsFiles) assert.deepEqual(merged.defaultsFiles, entry.defaultsFiles);
    });
  }

  it('locates an inherited value on the key that set it', () => {
    const text = 'default_args:\n  owner: root\n';
    const index = WorkspaceIndex.build(new Map([['dags/defaults.yml', text], ['dags/team/etl.yml', DAG]]));
    const owner = mergedDagsOf(index, 'dags/team/etl.yml')[0].defaultArgs.owner;
    assert.deepEqual(owner.origin.path, ['default_args', 'owner']);
    assert.equal(text.slice(owner.origin.keySpan!.start, owner.origin.keySpan!.end), 'owner');
  });

  it('follows an edit of a defaults.yml', () => {
    const index = WorkspaceIndex.build(new Map([['dags/defaults.yml', 'default_args:\n  owner: before\n'], ['dags/team/etl.yml', DAG]]));
    assert.equal(mergedDagsOf(index, 'dags/team/etl.yml')[0].defaultArgs.owner.value, 'before');
    const update = index.updateFile('dags/defaults.yml', 'default_args:\n  owner: after\n');
    assert.ok(update.affected.includes('dags/team/etl.yml'), 'the DAG file is not re-checked');
    assert.equal(mergedDagsOf(index, 'dags/team/etl.yml')[0].defaultArgs.owner.value, 'after');
  });
});
