/**
 * The few ANSI styles the text reporter uses, and the escaping that keeps file contents
 * from writing their own escape sequences to the user's terminal.
 */

export interface Styler {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
}

/** Each style closes with its own reset code, so styles can nest without cancelling each other. */
function wrap(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const COLORED: Styler = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  green: wrap(32, 39),
};

const identity = (text: string): string => text;

const PLAIN: Styler = { bold: identity, dim: identity, red: identity, yellow: identity, cyan: identity, green: identity };

export function styler(color: boolean): Styler {
  return color ? COLORED : PLAIN;
}

/**
 * Shows control characters (other than tab and line feed) as `\xNN` escapes.
 * Messages quote names and text from the analysed files, and a stray ESC or CR there
 * could otherwise recolour, overwrite or hide lines of the report.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => {
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}
