/**
 * Shared stylesheet. Colours come from VS Code's theme variables so the page
 * follows light, dark and high-contrast themes; each has a fallback for a plain
 * browser (the CLI's output), with a dark set under prefers-color-scheme.
 * No style attributes anywhere: the CSP allows only this nonce'd sheet.
 */
export const BASE_STYLES = String.raw`
:root {
  --mr-fg: var(--vscode-foreground, #1f2328);
  --mr-bg: var(--vscode-editor-background, #ffffff);
  --mr-link: var(--vscode-textLink-foreground, #0969da);
  --mr-link-active: var(--vscode-textLink-activeForeground, #0550ae);
  --mr-badge-bg: var(--vscode-badge-background, #0969da);
  --mr-badge-fg: var(--vscode-badge-foreground, #ffffff);
  --mr-focus: var(--vscode-focusBorder, #0969da);
  --mr-error: var(--vscode-errorForeground, #cf222e);
  --mr-error-border: var(--vscode-inputValidation-errorBorder, #cf222e);
  --mr-warning: var(--vscode-editorWarning-foreground, #9a6700);
  --mr-warning-border: var(--vscode-inputValidation-warningBorder, #bf8700);
  --mr-green: var(--vscode-charts-green, #1a7f37);
  --mr-blue: var(--vscode-charts-blue, #0969da);
  --mr-purple: var(--vscode-charts-purple, #8250df);
  --mr-orange: var(--vscode-charts-orange, #bc4c00);
  --mr-mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
}
/*
 * Surfaces are mixed from the theme's own foreground and background rather
 * than taken from further variables, so cards, chips and banners stay in tune
 * with any theme, even one that defines only a few colours.
 */
:root {
  --mr-muted: var(--vscode-descriptionForeground, color-mix(in srgb, var(--mr-fg) 68%, var(--mr-bg)));
  --mr-border: var(--vscode-panel-border, color-mix(in srgb, var(--mr-fg) 18%, var(--mr-bg)));
  --mr-input-bg: var(--vscode-input-background, var(--mr-bg));
  --mr-input-fg: var(--vscode-input-foreground, var(--mr-fg));
  --mr-input-border: var(--vscode-input-border, var(--mr-border));
  --mr-card: color-mix(in srgb, var(--mr-fg) 4%, var(--mr-bg));
  --mr-chip-bg: color-mix(in srgb, var(--mr-fg) 8%, var(--mr-bg));
  --mr-hover: var(--vscode-list-hoverBackground, color-mix(in srgb, var(--mr-fg) 8%, var(--mr-bg)));
  --mr-error-bg: color-mix(in srgb, var(--mr-error) 10%, var(--mr-bg));
  --mr-warning-bg: color-mix(in srgb, var(--mr-warning) 10%, var(--mr-bg));
}
@media (prefers-color-scheme: dark) {
  :root {
    --mr-fg: var(--vscode-foreground, #e6edf3);
    --mr-bg: var(--vscode-editor-background, #0d1117);
    --mr-link: var(--vscode-textLink-foreground, #4493f8);
    --mr-link-active: var(--vscode-textLink-activeForeground, #79b8ff);
    --mr-badge-bg: var(--vscode-badge-background, #1f6feb);
    --mr-focus: var(--vscode-focusBorder, #4493f8);
    --mr-error: var(--vscode-errorForeground, #f85149);
    --mr-error-border: var(--vscode-inputValidation-errorBorder, #f85149);
    --mr-warning: var(--vscode-editorWarning-foreground, #d29922);
    --mr-warning-border: var(--vscode-inputValidation-warningBorder, #9e6a03);
    --mr-green: var(--vscode-charts-green, #3fb950);
    --mr-blue: var(--vscode-charts-blue, #4493f8);
    --mr-purple: var(--vscode-charts-purple, #ab7df8);
    --mr-orange: var(--vscode-charts-orange, #db6d28);
  }
}
* { box-sizing: border-box; }
html { background: var(--mr-bg); }
body {
  margin: 0;
  padding: 24px 28px 48px;
  color: var(--mr-fg);
  background: var(--mr-bg);
  font-family: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--vscode-font-size, 14px);
  line-height: 1.5;
}
main { max-width: 980px; margin: 0 auto; }
a { color: var(--mr-link); text-decoration: none; }
a:hover, a:focus { color: var(--mr-link-active); text-decoration: underline; }
:focus-visible { outline: 1px solid var(--mr-focus); outline-offset: 2px; }
code { font-family: var(--mr-mono); font-size: 0.92em; overflow-wrap: anywhere; }
h1 { font-size: 1.75em; line-height: 1.25; margin: 8px 0 4px; font-weight: 600; overflow-wrap: anywhere; }
h2 { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.06em; color: var(--mr-muted); margin: 0 0 10px; font-weight: 600; }
.subtitle { margin: 0 0 12px; color: var(--mr-muted); font-size: 1.1em; overflow-wrap: anywhere; }
.untitled { color: var(--mr-muted); font-style: italic; }
.empty, .more, .hint { color: var(--mr-muted); font-style: italic; }
.more { display: inline-block; margin-top: 6px; }
.count { display: inline-block; min-width: 1.6em; padding: 0 6px; margin-left: 4px; border-radius: 9px; background: var(--mr-chip-bg); color: var(--mr-muted); text-align: center; letter-spacing: 0; }

.badge {
  display: inline-block; padding: 1px 9px; border-radius: 11px; font-size: 0.85em; font-weight: 600;
  border: 1px solid transparent; white-space: nowrap; margin: 0 6px 4px 0; vertical-align: middle;
}
.badge-mechanism { background: var(--mr-badge-bg); color: var(--mr-badge-fg); }
.badge-series { background: var(--mr-chip-bg); color: var(--mr-fg); border-color: var(--mr-border); font-family: var(--mr-mono); font-weight: 500; }
.badge-level { color: var(--mr-purple); border-color: var(--mr-purple); background: color-mix(in srgb, var(--mr-purple) 12%, transparent); }
.badge-format { color: var(--mr-muted); border-color: var(--mr-border); font-weight: 500; }
.badge-type { color: var(--mr-fg); border-color: var(--mr-border); font-weight: 500; margin: 0; }
.badge-unknown, .badge-invalid { color: var(--mr-error); border: 1px dashed var(--mr-error); background: transparent; }
.status { margin: 0; }
.status-done { color: var(--mr-green); border-color: var(--mr-green); background: color-mix(in srgb, var(--mr-green) 12%, transparent); }
.status-pending { color: var(--mr-orange); border-color: var(--mr-orange); background: color-mix(in srgb, var(--mr-orange) 12%, transparent); }
.status-neutral { color: var(--mr-blue); border-color: var(--mr-blue); background: color-mix(in srgb, var(--mr-blue) 10%, transparent); }

.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip {
  display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px; border-radius: 14px;
  background: var(--mr-chip-bg); color: var(--mr-fg); border: 1px solid var(--mr-border);
  cursor: help; overflow-wrap: anywhere; max-width: 100%;
}
/* A dot coloured by party kind: members, dialogue partners, other partners, organisations. */
.chip::before { content: ""; flex: none; width: 7px; height: 7px; border-radius: 50%; background: var(--mr-chip-dot, var(--mr-muted)); }
.chip-asean-member { --mr-chip-dot: var(--mr-blue); }
.chip-dialogue-partner { --mr-chip-dot: var(--mr-green); }
.chip-sectoral-partner, .chip-development-partner { --mr-chip-dot: var(--mr-orange); }
.chip-organisation { --mr-chip-dot: var(--mr-purple); }
.chip-canonical { color: var(--mr-muted); font-size: 0.9em; }
.chip-unknown, .chip-invalid { border: 1px dashed var(--mr-error); color: var(--mr-error); background: transparent; }
.chip-unknown::before, .chip-invalid::before { display: none; }
.chip-mark { font-weight: 700; }

.record { margin-bottom: 36px; }
.record + .record { border-top: 1px solid var(--mr-border); padding-top: 28px; }
.record-header { margin-bottom: 18px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 10px 0 0; }
.fact { display: contents; }
.facts dt { color: var(--mr-muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.facts .chip { padding: 0 8px; }

.card {
  background: var(--mr-card); border: 1px solid var(--mr-border); border-radius: 6px;
  padding: 14px 18px; margin: 0 0 14px;
}
.notes { white-space: pre-wrap; margin: 0; overflow-wrap: anywhere; }
.items { margin: 0; padding-left: 20px; }
.items li { margin: 3px 0; overflow-wrap: anywhere; }
.items .by { color: var(--mr-muted); }
.items .when { color: var(--mr-muted); font-variant-numeric: tabular-nums; }
.tags { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.tags li { padding: 2px 10px; border-radius: 4px; background: var(--mr-chip-bg); border: 1px solid var(--mr-border); overflow-wrap: anywhere; }
.url-text { font-family: var(--mr-mono); overflow-wrap: anywhere; }
.doc-title.known { text-decoration: underline dotted var(--mr-muted); cursor: help; }
.raw-list { margin: 0; padding-left: 18px; }
.raw-map { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
.raw-map dt { font-family: var(--mr-mono); color: var(--mr-muted); }
.raw-map dd { margin: 0; overflow-wrap: anywhere; }

table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-weight: 600; color: var(--mr-muted); font-size: 0.9em; white-space: nowrap; }
th, td { padding: 6px 10px 6px 0; border-bottom: 1px solid var(--mr-border); vertical-align: top; overflow-wrap: anywhere; }
tbody tr:last-child td { border-bottom: none; }
td .chips { gap: 4px; }
td .chip { padding: 0 8px; font-size: 0.92em; }

.problems { border-radius: 6px; padding: 12px 16px; margin: 0 0 22px; border: 1px solid; }
.problems-error { background: var(--mr-error-bg); border-color: var(--mr-error-border); }
.problems-warning { background: var(--mr-warning-bg); border-color: var(--mr-warning-border); }
.problems h2 { text-transform: none; letter-spacing: 0; font-size: 1.05em; color: var(--mr-fg); margin: 0 0 4px; }
.problems summary { cursor: pointer; font-weight: 600; }
.problems p { margin: 0 0 8px; }
.problems ul { list-style: none; margin: 0; padding: 0; }
.problems li { padding: 3px 0; display: flex; gap: 10px; align-items: baseline; overflow-wrap: anywhere; }
.problems .loc { font-family: var(--mr-mono); color: var(--mr-muted); min-width: 4.5em; font-variant-numeric: tabular-nums; }
.problems .message { flex: 1 1 auto; }
.problems .code { font-family: var(--mr-mono); color: var(--mr-muted); font-size: 0.9em; white-space: nowrap; }
.sev { font-weight: 600; font-size: 0.85em; text-transform: uppercase; min-width: 5.5em; }
.sev-error { color: var(--mr-error); }
.sev-warning { color: var(--mr-warning); }
.sev-information, .sev-hint { color: var(--mr-blue); }
.file-contents { margin: 0 0 22px; color: var(--mr-muted); }
.file-contents ol { margin: 4px 0 0; padding-left: 22px; }
.placeholder { color: var(--mr-muted); text-align: center; padding: 40px 0; }

body.vscode-high-contrast .card, body.vscode-high-contrast-light .card,
body.vscode-high-contrast .chip, body.vscode-high-contrast-light .chip,
body.vscode-high-contrast .badge, body.vscode-high-contrast-light .badge,
body.vscode-high-contrast .tags li, body.vscode-high-contrast-light .tags li {
  border: 1px solid var(--vscode-contrastBorder, currentColor);
}
body.vscode-high-contrast .problems, body.vscode-high-contrast-light .problems {
  border: 2px solid var(--vscode-contrastActiveBorder, var(--vscode-contrastBorder, currentColor));
}
@media (forced-colors: active) {
  .card, .chip, .badge, .tags li, .problems { border: 1px solid CanvasText; }
}
@media print {
  body { padding: 0; }
  .card { break-inside: avoid; }
}
`;
