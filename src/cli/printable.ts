// Text that is safe to show on a terminal. Every answer is untrusted: a user's name, an error's
// description, a token's claims are written by whoever controls the server or the token, and a
// terminal obeys what it is sent — ESC sequences recolour, move the cursor, retitle the window or
// rewrite lines already printed; a newline in a value fakes a line of our own (`usable yes`);
// bidi overrides reorder what a line seems to say. So every character that does anything but
// show itself is replaced by a visible escape before it is printed. Terminal (terminal.ts) applies
// this at its output boundary, to every line; nothing else needs to call it but a table, whose
// columns are measured after escaping.

// C0 controls (newline and tab included: one value, one line), DEL, C1 controls (0x9B is a
// one-byte CSI), the Arabic letter mark, LRM/RLM, the line and paragraph separators, and the bidi
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (char: string, width: number) => (char.codePointAt(0) ?? 0).toString(16).padStart(width, "0");

/** `text` as one line, each unsafe character shown as an escape: `\x1b`, `\n`, `\u202e`. */
export function printable(text: string): string {
  return text.replace(unsafe, (char) => {
    if (char === "\n") return "\\n";
    if (char === "\r") return "\\r";
    if (char === "\t") return "\\t";
    return char <= "\u00ff" ? `\\x${hex(char, 2)}` : `\\u${hex(char, 4)}`;
  });
}

// JSON.stringify escapes C0 already; the rest it leaves raw. As \uXXXX they are still the same
// string to every JSON reader, so JSON stays data, exact, and safe on a terminal too.
const unsafeInJson = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON text (as JSON.stringify writes it) with every unsafe character as a \u escape: the same value. */
export function printableJson(json: string): string {
  return json.replace(unsafeInJson, (char) => `\\u${hex(char, 4)}`);
}

/** Whether `text` holds a character printable() would escape. */
export function hasUnsafe(text: string): boolean {
  return new RegExp(unsafe.source).test(text);
}

/** Rows of cells as aligned columns (two spaces apart), each cell escaped first so the widths are true. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const cells = rows.map((row) => row.map(printable));
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? "")].length))) ?? [];
  return cells.map((row) => row.map((cell, i) => cell.padEnd((widths[i] ?? 0) + cell.length - [...cell].length)).join("  ").trimEnd());
}
