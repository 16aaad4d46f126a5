// Helpers for the tests that run inside the extension host, with the real `vscode` API. The language server works
// asynchronously (it indexes in the background and publishes diagnostics when it is done), so every expectation
// about its results is polled until it holds, and a timeout says what was awaited and what was last seen.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'data-platform-lens.data-platform-lens';
const SOURCE = 'dplens';
const DOCS = 'https://github.com/data-platform-lens/data-platform-lens/blob/main/docs/rules/';
/** Generous: a cold extension host and language server on a two-core machine take seconds. */
const TIMEOUT = Number(process.env.DPLENS_E2E_WAIT_MS || 30000);

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `read` until `accept` holds for its value, and returns that value. */
async function waitFor(what, read, accept = (value) => Boolean(value), timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch (error) {
      last = `<threw: ${error && error.message}>`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}; last seen: ${describe(last)}`);
    await sleep(100);
  }
}

function describe(value) {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, (key, item) => (item instanceof vscode.Uri ? item.toString() : item))?.slice(0, 2000);
  } catch {
    return String(value);
  }
}

/** The extension under test, activated. */
async function activeExtension() {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded: check the extensionDevelopmentPath`);
  await extension.activate();
  return extension;
}

/** The workspace folder of the given name, or the first one. */
function folder(name) {
  const folders = vscode.workspace.workspaceFolders || [];
  const found = name === undefined ? folders[0] : folders.find((candidate) => candidate.name === name);
  assert.ok(found, `no workspace folder ${name ?? ''} among ${folders.map((candidate) => candidate.name).join(', ') || 'none'}`);
  return found;
}

/** A file of a workspace folder by its path relative to the folder. */
function fileUri(relative, folderName) {
  return vscode.Uri.joinPath(folder(folderName).uri, ...relative.split('/'));
}

/** Opens a file in an editor, as a user would, so the language client sends it to the server. */
async function open(relative, folderName) {
  const document = await vscode.workspace.openTextDocument(fileUri(relative, folderName));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** The position of the `|` in `marked`, a unique piece of the document's text with a `|` at the wanted spot. */
function positionOf(document, marked) {
  const cursor = marked.indexOf('|');
  assert.ok(cursor >= 0, `no | in ${marked}`);
  const needle = marked.slice(0, cursor) + marked.slice(cursor + 1);
  const text = document.getText();
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${JSON.stringify(needle)} is not in ${path.basename(document.uri.path)}`);
  assert.equal(text.indexOf(needle, at + 1), -1, `${JSON.stringify(needle)} occurs more than once in ${path.basename(document.uri.path)}`);
  return document.positionAt(at + cursor);
}

function ruleOf(diagnostic) {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/** This extension's diagnostics of one file. */
function diagnosticsOf(uri) {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** Waits until the rules reported for a file (sorted, duplicates kept) satisfy `accept`. */
function waitForRules(uri, accept, what) {
  return waitFor(
    `${what} in ${vscode.workspace.asRelativePath(uri)}`,
    () => diagnosticsOf(uri),
    (diagnostics) => accept(diagnostics.map(ruleOf).sort()),
  );
}

/** Every file of a folder with diagnostics of this extension, as `relative path -> rule ids`. */
function rulesByFile(folderName) {
  const root = folder(folderName).uri.path;
  const result = {};
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    const ours = diagnostics.filter((diagnostic) => diagnostic.source === SOURCE);
    if (ours.length === 0 || !uri.path.startsWith(`${root}/`)) continue;
    result[uri.path.slice(root.length + 1)] = ours.map(ruleOf).sort();
  }
  return result;
}

/** Text of hovers, joined. */
function hoverText(hovers) {
  return (hovers || []).flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n---\n');
}

/**
 * Records the messages the extension shows (information, warning, error) until `restore()`. The test files live in
 * the extension's folder, so the extension host hands them the very `vscode` API object it hands the extension,
 * and replacing its functions here reaches the extension's calls too. The messages are still shown.
 */
function captureMessages() {
  const messages = [];
  const window = vscode.window;
  const originals = {};
  for (const [name, level] of [['showInformationMessage', 'info'], ['showWarningMessage', 'warning'], ['showErrorMessage', 'error']]) {
    originals[name] = window[name];
    window[name] = function (message, ...rest) {
      messages.push({ level, message: String(message) });
      return originals[name].call(window, message, ...rest);
    };
  }
  return {
    messages,
    /** Waits for a message of the level whose text matches. */
    next: (level, pattern) => waitFor(`a${level === 'info' ? 'n' : ''} ${level} message matching ${pattern}`, () => messages, (seen) => seen.some((m) => m.level === level && pattern.test(m.message))).then((seen) => seen.find((m) => m.level === level && pattern.test(m.message))),
    restore: () => Object.assign(window, originals),
  };
}

/** Every open tab, in every group. */
function tabs() {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs);
}

async function closeAllEditors() {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

module.exports = {
  DOCS,
  EXTENSION_ID,
  SOURCE,
  TIMEOUT,
  activeExtension,
  captureMessages,
  closeAllEditors,
  diagnosticsOf,
  fileUri,
  folder,
  hoverText,
  open,
  positionOf,
  ruleOf,
  rulesByFile,
  sleep,
  tabs,
  waitFor,
  waitForRules,
};
