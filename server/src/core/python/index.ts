/**
 * A static reader for dbt Python models: the `dbt.ref`, `dbt.source` and `dbt.config` calls.
 *
 * The file is tokenized as Python, so calls in comments, strings and docstrings are ignored,
 * and each call's arguments are read with the same literal parser as Jinja. Nothing is executed.
 */
import { buildConfig, buildRef, buildSource } from '../jinja/calls';
import { ExprParser, type Expr } from '../jinja/expression';
import { ExprTokenizer } from '../jinja/tokens';
import type { ConfigCall, RefCall, SourceCall } from '../jinja/types';
import type { SyntaxIssue } from '../text';

export interface PythonModelAnalysis {
  refs: RefCall[];
  sources: SourceCall[];
  configs: ConfigCall[];
  errors: SyntaxIssue[];
}

const DBT_METHODS = new Set(['ref', 'source', 'config']);

export function analyzePythonModel(text: string): PythonModelAnalysis {
  const result: PythonModelAnalysis = { refs: [], sources: [], configs: [], errors: [] };
  try {
    readCalls(text, result);
  } catch (error) {
    // A bug here must not take the whole project check down: report it on the file instead.
    result.errors.push({ message: `Internal error while reading this Python model: ${String(error)}`, span: { start: 0, end: 0 } });
  }
  result.errors.sort((a, b) => a.span.start - b.span.start);
  return result;
}

function readCalls(text: string, result: PythonModelAnalysis): void {
  const parser = new ExprParser(new ExprTokenizer(text, 0, text.length, true, result.errors));
  // The object dbt passes is whatever `def model(dbt, session)` names first; `dbt` by convention.
  const receivers = new Set(['dbt']);
  while (!parser.atEnd()) {
    const token = parser.current;
    if (token.kind !== 'name') {
      parser.take();
      continue;
    }
    if (token.text === 'def' && parser.peek().kind === 'name' && parser.peek().text === 'model') {
      parser.take();
      parser.take();
      if (parser.takeOp('(')) {
        const receiver = parser.takeName();
        if (receiver) receivers.add(receiver.text);
      }
      continue;
    }
    parser.take();
    if (!receivers.has(token.text) || !parser.atOp('.')) continue;
    parser.take();
    const method = parser.current;
    if (method.kind !== 'name' || !DBT_METHODS.has(method.text) || parser.peek().kind !== 'op' || parser.peek().text !== '(') continue;
    parser.take();
    const receiver: Expr = { t: 'name', name: token.text, start: token.start, end: token.end };
    const call = parser.parseCall({ t: 'attr', object: receiver, name: method.text, start: token.start, end: method.end });
    if (method.text === 'ref') result.refs.push(buildRef(call, text));
    else if (method.text === 'source') result.sources.push(buildSource(call, text));
    else result.configs.push(buildConfig(call, text));
  }
}
