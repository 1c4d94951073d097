/**
 * Items computed for one outline or folding response. A generated file of
 * 200,000 records would otherwise answer with 200,000 symbols (about 170 MB
 * while building, tens of megabytes of JSON) that no person scrolls through;
 * VS Code itself keeps at most 5,000 folding regions by default
 * (`editor.foldingMaximumRegions`). Matches the diagnostics cap per file.
 */
export const MAX_ITEMS_PER_RESPONSE = 20_000;
