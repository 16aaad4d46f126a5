/**
 * Finds the dbt invocations in a shell command string (an Airflow task's `bash_command`) and reads their node
 * selection: `cd analytics && dbt build --select tag:finance --exclude stg_legacy --target prod`.
 *
 * The string is split into words as a POSIX shell does (single and double quotes, backslash escapes) and into
 * commands at `&&`, `||`, `;`, `|` and line ends. Each word keeps where it is written, so a finding can point
 * at one criterion inside the string. Reading never throws; what is not dbt is skipped.
 */
import type { Span } from '../text';
import type { SelectionWord } from './syntax';

export type DbtSubcommand = 'run' | 'build' | 'test' | 'seed' | 'snapshot' | 'compile' | 'source freshness' | 'ls' | 'list';

/** A shell word: its value after quote removal, and where it is written. */
export interface ShellWord {
  text: string;
  span: Span;
  /** True when each character of `text` sits at `contentStart + i` in the string (no escapes, one quoting). */
  contiguous: boolean;
  /** The offset of the word's first character once quotes are removed. */
  contentStart: number;
  /** The offset of each character of `text` in the string. */
  offsets: number[];
}

export interface DbtInvocation {
  subcommand: DbtSubcommand;
  /** From `dbt` to the invocation's last word. */
  span: Span;
  /** The words of every `--select`, `-s`, `--models`, `-m` (legacy), each a union member. */
  select: SelectionWord[];
  exclude: SelectionWord[];
  /** `--selector name`. */
  selector?: SelectionWord;
  /** `--resource-type` values (build, list), which narrow what the selection runs. */
  resourceTypes: string[];
  excludeResourceTypes: string[];
  /** True when `--models`/`-m` was used instead of `--select`. */
  usesLegacyModelsFlag: boolean;
  /** Where dbt runs: the folder of a preceding `cd` in the same command, or `--project-dir`. */
  projectDir?: string;
  /** Every word of the invocation, for locating findings on flags. */
  words: ShellWord[];
}

const SUBCOMMANDS = new Set(['run', 'build', 'test', 'seed', 'snapshot', 'compile', 'ls', 'list', 'source']);
const SELECT_FLAGS = new Set(['--select', '-s', '--models', '--model', '-m']);
const LEGACY_FLAGS = new Set(['--models', '--model', '-m']);
/** Flags that take no value, so the next word is not theirs. Others (`--target prod`) take one. */
const VALUE_FLAGS = new Set(['--target', '-t', '--profile', '--vars', '--threads', '--project-dir', '--profiles-dir', '--state', '--defer-state', '--target-path', '--log-path', '--favor-state', '--full-refresh-cost']);

/** The dbt invocations of a shell command string, in order. */
export function parseDbtCommands(command: string): DbtInvocation[] {
  const invocations: DbtInvocation[] = [];
  let cwd: string | undefined;
  for (const words of splitCommands(command)) {
    if (words.length === 0) continue;
    const program = words[0].text;
    if (program === 'cd' && words[1]) {
      cwd = joinDir(cwd, words[1].text);
      continue;
    }
    const dbtAt = words.findIndex((word) => /(^|\/)dbt$/.test(word.text));
    // `dbt` may follow an environment assignment or a wrapper (`poetry run dbt`, `DBT_TARGET=x dbt`).
    if (dbtAt < 0) continue;
    const invocation = readInvocation(words.slice(dbtAt), cwd);
    if (invocation) invocations.push(invocation);
  }
  return invocations;
}

function joinDir(cwd: string | undefined, dir: string): string {
  if (dir.startsWith('/') || !cwd) return dir;
  return `${cwd.replace(/\/+$/, '')}/${dir}`;
}

function readInvocation(words: ShellWord[], cwd: string | undefined): DbtInvocation | undefined {
  let index = 1;
  // Global flags may come before the subcommand (`dbt --no-partial-parse run`).
  while (index < words.length && words[index].text.startsWith('-')) index++;
  const first = words[index]?.text;
  if (!first || !SUBCOMMANDS.has(first)) return undefined;
  let subcommand = first as DbtSubcommand;
  index++;
  if (first === 'source') {
    if (words[index]?.text !== 'freshness') return undefined;
    subcommand = 'source freshness';
    index++;
  }
  const invocation: DbtInvocation = {
    subcommand,
    span: { start: words[0].span.start, end: words[words.length - 1].span.end },
    select: [],
    exclude: [],
    resourceTypes: [],
    excludeResourceTypes: [],
    usesLegacyModelsFlag: false,
    projectDir: cwd,
    words,
  };
  while (index < words.length) {
    const word = words[index];
    const inline = /^(--?[\w-]+)=/.exec(word.text);
    const flag = inline ? inline[1] : word.text;
    const values: SelectionWord[] = [];
    index++;
    if (inline) values.push({ text: word.text.slice(inline[0].length), offset: word.offsets[inline[0].length] ?? word.span.end });
    else if (flag.startsWith('-')) {
      const takesMany = SELECT_FLAGS.has(flag) || flag === '--exclude' || flag === '--resource-type' || flag === '--resource-types' || flag === '--exclude-resource-type';
      const takesOne = VALUE_FLAGS.has(flag) || flag === '--selector';
      while (index < words.length && !words[index].text.startsWith('-') && (takesMany || (takesOne && values.length === 0))) {
        values.push({ text: words[index].text, offset: words[index].contentStart });
        index++;
      }
    } else continue;
    if (SELECT_FLAGS.has(flag)) {
      invocation.select.push(...values);
      if (LEGACY_FLAGS.has(flag)) invocation.usesLegacyModelsFlag = true;
    } else if (flag === '--exclude') invocation.exclude.push(...values);
    else if (flag === '--selector' && values[0]) invocation.selector = values[0];
    else if (flag === '--resource-type' || flag === '--resource-types') invocation.resourceTypes.push(...values.flatMap((value) => value.text.split(/\s+/)));
    else if (flag === '--exclude-resource-type') invocation.excludeResourceTypes.push(...values.flatMap((value) => value.text.split(/\s+/)));
    else if (flag === '--project-dir' && values[0]) invocation.projectDir = joinDir(cwd, values[0].text);
  }
  return invocation;
}

/**
 * Splits a shell string into commands of words. Operators inside quotes are text; a `#` starting a word starts a
 * comment; `\` followed by a line end continues the line.
 */
export function splitCommands(text: string): ShellWord[][] {
  const commands: ShellWord[][] = [];
  let words: ShellWord[] = [];
  let current: { text: string; start: number; contentStart: number; contiguous: boolean; lastOffset: number; offsets: number[] } | undefined;
  const endWord = (end: number) => {
    if (current) words.push({ text: current.text, span: { start: current.start, end }, contiguous: current.contiguous, contentStart: current.contentStart, offsets: current.offsets });
    current = undefined;
  };
  const endCommand = (end: number) => {
    endWord(end);
    if (words.length > 0) commands.push(words);
    words = [];
  };
  const append = (char: string, at: number) => {
    if (!current) current = { text: '', start: at, contentStart: at, contiguous: true, lastOffset: at - 1, offsets: [] };
    if (current.text === '') current.contentStart = at;
    else if (at !== current.lastOffset + 1) current.contiguous = false;
    current.text += char;
    current.offsets.push(at);
    current.lastOffset = at;
  };
  const open = (at: number) => {
    if (!current) current = { text: '', start: at, contentStart: at + 1, contiguous: true, lastOffset: at, offsets: [] };
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      endWord(i);
      i += text[i + 1] === '\r' ? 3 : 2;
    } else if (char === '\\') {
      if (i + 1 < text.length) append(text[i + 1], i + 1);
      if (current) current.contiguous = false;
      i += 2;
    } else if (char === "'" || char === '"') {
      open(i);
      const close = findClose(text, i + 1, char);
      for (let j = i + 1; j < close; j++) {
        if (char === '"' && text[j] === '\\' && /["\\$`]/.test(text[j + 1] ?? '')) {
          current!.contiguous = false;
          j++;
        }
        append(text[j], j);
      }
      i = close + 1;
    } else if (char === '#' && !current) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (/\s/.test(char)) {
      if (char === '\n') endCommand(i);
      else endWord(i);
      i++;
    } else if (char === ';' || char === '|' || char === '&') {
      endCommand(i);
      i += text[i + 1] === char ? 2 : 1;
    } else {
      append(char, i);
      i++;
    }
  }
  endCommand(text.length);
  return commands;
}

function findClose(text: string, from: number, quote: string): number {
  for (let j = from; j < text.length; j++) {
    if (quote === '"' && text[j] === '\\') j++;
    else if (text[j] === quote) return j;
  }
  return text.length;
}
