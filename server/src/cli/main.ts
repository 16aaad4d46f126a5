/**
 * The `dplens` command: a thin shell over the core. Exit codes: 0 clean, 1 findings fail the run,
 * 2 usage, configuration or IO errors (one line, never a stack trace), 3 a rule failed (`dplens check` still
 * reports the other rules' findings).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRuleDoc } from '../core/rules/docs';
import { RULES, ruleById } from '../core/rules/registry';
import { ruleDocsPath } from '../core/findings';
import { closestName } from '../core/rules/suggest';
import { parseCommandLine, USAGE, UsageError } from './args';
import { CliError, runCheck, type CheckEnvironment } from './check-command';
import { runContractDiff } from './contract-command';
import { runCost } from './cost-command';
import { runLineage } from './lineage-command';
import { runPipelines } from './pipelines-command';
import { TOOL_VERSION } from './version';

export async function main(argv: string[], cwd = process.cwd(), environment: Pick<CheckEnvironment, 'rules'> = {}): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    switch (command.command) {
      case 'help':
        process.stdout.write(USAGE + '\n');
        return 0;
      case 'version':
        process.stdout.write(TOOL_VERSION + '\n');
        return 0;
      case 'rules':
        process.stdout.write(command.format === 'json' ? rulesJson() : rulesText());
        return 0;
      case 'explain': {
        const rule = ruleById(command.rule);
        if (!rule) {
          const suggestion = closestName(command.rule, RULES.map((candidate) => candidate.id));
          throw new CliError(`no rule \`${command.rule}\`${suggestion ? `; did you mean \`${suggestion}\`?` : '; `dplens rules` lists them'}`);
        }
        process.stdout.write(renderRuleDoc(rule));
        return 0;
      }
      case 'lineage':
        process.stdout.write(await runLineage(command, cwd));
        return 0;
      case 'cost':
        process.stdout.write(runCost(command, cwd));
        return 0;
      case 'pipelines':
        process.stdout.write(runPipelines(command, cwd));
        return 0;
      case 'contract-diff': {
        const diff = runContractDiff(command, cwd);
        process.stdout.write(diff.output);
        return diff.exitCode;
      }
      case 'check': {
        const run = await runCheck(command, cwd, environment);
        writeChunks(run.chunks(), command.output ? path.resolve(cwd, command.output) : undefined);
        for (const note of run.notes) process.stderr.write(note + '\n');
        return run.exitCode;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`dplens: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      process.stderr.write(`dplens: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`dplens: internal error: ${message}. Please report it with the command you ran.\n`);
    if (process.env.DPLENS_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 2;
  }
}

function rulesJson(): string {
  const rules = RULES.map((rule) => ({
    id: rule.id,
    severity: rule.severity,
    description: rule.description,
    equivalents: rule.equivalents,
    fixable: rule.fix !== 'none',
    docs: ruleDocsPath(rule.id),
  }));
  return JSON.stringify({ version: 1, rules }, null, 2) + '\n';
}

function rulesText(): string {
  const width = Math.max(...RULES.map((rule) => rule.id.length));
  return RULES.map((rule) => `${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.description}`).join('\n') + '\n';
}

if (require.main === module) {
  // Setting exitCode rather than calling exit lets the output drain, so piped JSON is never cut short.
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

/**
 * Writes a report piece by piece, in blocks of about 64 KB, to a file or to standard output (synchronous for files
 * and pipes on POSIX), so a large report is never held whole in memory.
 */
function writeChunks(chunks: Iterable<string>, file: string | undefined): void {
  const fd = file === undefined ? undefined : fs.openSync(file, 'w');
  const write = (text: string) => (fd === undefined ? process.stdout.write(text) : fs.writeSync(fd, text));
  try {
    let block = '';
    for (const chunk of chunks) {
      block += chunk;
      if (block.length >= 65536) {
        write(block);
        block = '';
      }
    }
    if (block.length > 0) write(block);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
