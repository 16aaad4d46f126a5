/**
 * The multi-file fixture format used by rule examples, rule tests and generated docs:
 *
 *     -- @file models/stg_orders.sql       starts a SQL file
 *     # @file models/_models.yml           starts a YAML file
 *     # @base models/_models.yml           the git-base version of a file, for diff rules
 *     select * from {{ ref('x') }}  -- expect: dag/unknown-ref
 *     "type": "string"  // expect: event/schema     (JSON files: event schemas accept comments)
 *
 * An `expect:` marker says a finding of that rule must start on its line.
 * In the manner of rust-analyzer's fixture strings and ruff's inline annotations.
 */

export interface FixtureExpectation {
  file: string;
  /** Zero-based line. */
  line: number;
  rule: string;
}

export interface Fixture {
  files: Map<string, string>;
  baseFiles: Map<string, string>;
  expectations: FixtureExpectation[];
}

const HEADER = /^\s*(?:--|#)\s*@(file|base)\s+(\S+)\s*$/;
const EXPECT = /(?:--|#|\{#|\/\/)\s*expect:\s*([a-z0-9-]+\/[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+\/[a-z0-9-]+)*)/;

/** Default files a fixture gets unless it writes its own, so examples stay short. */
export const FIXTURE_DEFAULTS: Record<string, string> = {
  'dbt_project.yml': "name: fixture\nversion: '1.0.0'\nprofile: fixture\n",
  'dplens.yml': 'adapter: bigquery\n',
};

export function parseFixture(source: string, options: { defaults?: boolean } = {}): Fixture {
  const files = new Map<string, string>();
  const baseFiles = new Map<string, string>();
  const expectations: FixtureExpectation[] = [];
  let current: { kind: 'file' | 'base'; path: string; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    // Fixtures are written indented inside template literals; common indentation is removed.
    const text = dedent(current.lines).replace(/\n*$/, '\n');
    (current.kind === 'file' ? files : baseFiles).set(current.path, text);
    if (current.kind === 'file') {
      text.split('\n').forEach((line, index) => {
        const match = EXPECT.exec(line);
        if (match) for (const rule of match[1].split(',')) expectations.push({ file: current!.path, line: index, rule: rule.trim() });
      });
    }
  };
  for (const line of source.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      flush();
      current = { kind: header[1] as 'file' | 'base', path: header[2], lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  flush();
  if (options.defaults !== false) {
    for (const [path, text] of Object.entries(FIXTURE_DEFAULTS)) if (!files.has(path)) files.set(path, text);
  }
  return { files, baseFiles, expectations };
}

function dedent(lines: string[]): string {
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n');
}

/** The fixture's files as written, without defaults or expectation markers, for documentation. */
export function fixtureFilesForDocs(source: string): { path: string; text: string; atBase?: boolean }[] {
  const fixture = parseFixture(source, { defaults: false });
  const strip = (text: string) => text.replace(/\s*(?:--|#|\{#|\/\/)\s*expect:[^\n]*?(#\})?$/gm, '');
  // The base versions come first, as a diff reads: what the file was, then what it is.
  return [...[...fixture.baseFiles].map(([path, text]) => ({ path, text, atBase: true })), ...[...fixture.files].map(([path, text]) => ({ path, text: strip(text) }))];
}
