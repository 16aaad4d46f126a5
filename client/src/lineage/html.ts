/**
 * The lineage webview's HTML: a static page whose only script and stylesheet come from the extension's dist/
 * folder, under a Content Security Policy that allows nothing else. The page holds no workspace data; the script
 * receives the graph by message and builds the DOM from it.
 */
import { randomBytes } from 'node:crypto';

export interface LineageHtmlOptions {
  /** `webview.cspSource`: the origin the webview serves extension resources from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

/** A fresh nonce per page, so that no other script can run even if markup were ever injected. */
export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  // `default-src` does not cover `base-uri` and `form-action`, so they are closed explicitly.
  return [`default-src 'none'`, `base-uri 'none'`, `form-action 'none'`, `style-src ${cspSource}`, `font-src ${cspSource}`, `img-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
}

export function lineageHtml(options: LineageHtmlOptions): string {
  const nonce = options.nonce ?? createNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(options.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(options.styleUri)}">
<title>Lineage</title>
</head>
<body>
<p id="status" role="status"></p>
<p id="error" role="alert" hidden></p>
<div id="graph"></div>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}

/** The values are the extension's own, but they are escaped anyway: a path may hold a quote or an ampersand. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
