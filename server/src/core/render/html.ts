/**
 * The one place where text becomes HTML. Every string that reaches a page —
 * from a record, the catalog or a diagnostic — goes through `escapeHtml`,
 * usually via the `html` template tag, which escapes each interpolation
 * unless it is already an `Html` fragment built the same way.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes `& < > " '`, so the result is safe as element text and inside quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** Markup that is already safe: produced by `html` or a trusted constant from this module tree. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

/**
 * Template tag: `html\`<p title="${hover}">${text}</p>\`` escapes `hover` and
 * `text`. Arrays are joined; null, undefined and false render nothing, so
 * optional sections read naturally (`${cond && html\`…\`}`).
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += toMarkup(values[i]) + strings[i + 1];
  return new Html(out);
}

function toMarkup(value: Interpolation): string {
  if (value instanceof Html) return value.markup;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(toMarkup).join('');
  return escapeHtml(String(value));
}

/** Trusted constant markup (stylesheets, the page script). Never pass record data here. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become
 * `\u003c`-style escapes, so no value can close the block (`</script>`) or
 * open a comment, and `JSON.parse` still reads the exact original strings.
 */
export function jsonForScriptBlock(value: unknown): Html {
  const json = JSON.stringify(value) ?? 'null';
  return new Html(
    json
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}

/**
 * The URL when it is an absolute http(s) URL, else undefined: `javascript:`,
 * `data:`, `vscode:` and relative URLs are shown as text, never as links.
 */
export function httpUrl(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? trimmed : undefined;
  } catch {
    return undefined;
  }
}
