// Program strings (relation names, values, file text) reach the page only through these functions
// or through the client's textContent: a `.ded` file can never inject markup or script.

/** Text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * JSON for a `<script type="application/json">` element. Escaping every `<` means no string can
 * close the element (`</script>`) or open a comment that changes how it is parsed (`<!--`);
 * JSON.parse reads `\u003c` back as `<`.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * A library's or the client's source for an inline `<script>`: drops source-map comments (they
 * would name files that are not there) and defuses any `</script` inside it.
 */
export function inlineScript(source: string): string {
  return source.replace(/^\/\/# sourceMappingURL=.*$/gm, '').replace(/<\/(script)/gi, '<\\/$1');
}
