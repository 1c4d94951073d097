/**
 * What the preview and the overview panels share: webview options, nonces,
 * and the small pages shown while waiting or after a failure. Those pages go
 * through the renderer's own `renderPage` and `html` tag, so they get the same
 * CSP, theme styles and escaping as the real pages.
 */
import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { html } from '../../server/src/core/render/html';
import { renderPage } from '../../server/src/core/render/page';

/**
 * Scripts are on because both pages carry one nonce'd script (scroll position,
 * sorting and filtering); command URIs are off so no record text can run a
 * command; only the extension's media folder is loadable.
 */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    retainContextWhenHidden: false,
  };
}

/** The panel icon: the extension's own. */
export function panelIcon(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
}

/** A fresh CSP nonce for every page: 144 random bits, base64. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/** `message`: what is loading, as a sentence ("Loading the preview…"). */
export function loadingPage(webview: vscode.Webview, message: string): string {
  return renderPage(
    { title: message, body: html`<main><p class="placeholder">${message}</p></main>` },
    { cspSource: webview.cspSource, nonce: createNonce() },
  );
}

/** Shown instead of a blank panel when the server cannot render; every string is escaped. */
export function errorPage(webview: vscode.Webview, heading: string, detail: string): string {
  const body = html`<main>
    <section class="problems problems-error" role="alert">
      <h2>${heading}</h2>
      <p>${detail}</p>
      <p>${l10n.t('Run {0} for details, or {1}.', 'Meeting Records: ' + l10n.t('Show Output'), 'Meeting Records: ' + l10n.t('Restart Language Server'))}</p>
    </section>
  </main>`;
  return renderPage({ title: heading, body }, { cspSource: webview.cspSource, nonce: createNonce() });
}
