/**
 * The HTML document around a preview or overview body: strict CSP, one
 * nonce'd stylesheet, at most one nonce'd script.
 */
import { currentLocale } from '../l10n';
import { html, trusted, type Html } from './html';
import { BASE_STYLES } from './styles';

export interface PageOptions {
  /** The webview's `cspSource`; `'self'` for the CLI's standalone file. */
  cspSource: string;
  /** Fresh per render; only elements carrying it may run or style. */
  nonce: string;
}

export interface PageParts {
  title: string;
  /** Page-specific CSS appended to the shared stylesheet (a trusted constant). */
  styles?: string;
  body: Html;
  /** Trusted constant script source; never built from record data. */
  script?: string;
  /** Extra blocks placed before the script, e.g. a JSON data block. */
  head?: Html;
}

/**
 * `default-src 'none'` forbids everything not granted: no inline handlers, no
 * `javascript:` URLs, no remote loads; styles and the one script need the nonce.
 */
export function contentSecurityPolicy({ cspSource, nonce }: PageOptions): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource} data:;`;
}

export function renderPage(parts: PageParts, options: PageOptions): string {
  const { nonce } = options;
  return html`<!DOCTYPE html>
<html lang="${currentLocale()}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${parts.title}</title>
<style nonce="${nonce}">${trusted(BASE_STYLES)}${parts.styles && trusted(parts.styles)}</style>
</head>
<body>
${parts.body}
${parts.head}
${parts.script && html`<script nonce="${nonce}">${trusted(parts.script)}</script>`}
</body>
</html>
`.markup;
}
