/**
 * Sends `dplens/lineage` and checks the answer's shape, so the views never render something else.
 * The server's error messages are written for users, so callers show them as they are.
 */
import type { LanguageClient } from 'vscode-languageclient/node';
import { isLineageDocument, LINEAGE_REQUEST, type LineageDocument, type LineageParams } from './protocol';

export type RequestLineage = (params: LineageParams) => Promise<LineageDocument>;

export function lineageRequester(client: LanguageClient): RequestLineage {
  return async (params) => {
    const answer: unknown = await client.sendRequest(LINEAGE_REQUEST, params);
    if (!isLineageDocument(answer)) throw new Error('Data Platform Lens: the language server answered the lineage request with something that is not a lineage graph.');
    return answer;
  };
}
