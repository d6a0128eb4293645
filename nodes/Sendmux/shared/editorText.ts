/**
 * n8n's editor shows an error's description as HTML (through its sanitiser, which drops any tag
 * it does not allow): `Name <name@example.com>` would lose its address and line breaks would run
 * together. Every description we write goes through here: text escaped, lines kept apart with
 * `<br>` (and a newline, for logs and the API).
 */
const TEXT_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
};

export function editorDescription(lines: Array<string | undefined>): string {
  return lines
    .filter((line): line is string => typeof line === "string" && line !== "")
    .map((line) => line.replace(/[&<>]/g, (char) => TEXT_ESCAPES[char]))
    .join("<br>\n");
}

/** Descriptions already made by `editorDescription`, one after the other. */
export function joinDescriptions(
  descriptions: Array<string | undefined>,
): string {
  return descriptions
    .filter((part): part is string => typeof part === "string" && part !== "")
    .join("<br>\n");
}
