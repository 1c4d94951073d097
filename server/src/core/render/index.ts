/** The pure HTML renderer shared by the VS Code webviews and the CLI's `render` command. */
export { renderPreviewPage, type PreviewInput, type PreviewPage } from './preview';
export { renderOverviewPage } from './overview';
export { escapeHtml } from './html';
export { contentSecurityPolicy, type PageOptions } from './page';
