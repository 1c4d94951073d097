// Reads the renderer's own output back for assertions. The renderer quotes
// every attribute with " and escapes " inside values, so a small tokenizer is
// exact here; it is not a general HTML parser. Not a test itself.

const RAW_TEXT_ELEMENTS = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1>/gi;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*(\/?)>/y;
const ATTRIBUTE = /\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g;

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
export function decodeEntities(text) {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
}

/**
 * Every element of the page with its (decoded) attributes, the contents of
 * script/style elements, the decoded text, and any `<` that does not open a
 * well-formed tag (which would mean markup leaked through unescaped).
 */
export function inspectMarkup(html) {
  const rawBlocks = [];
  const withoutRaw = html.replace(RAW_TEXT_ELEMENTS, (_, name, attrs) => {
    rawBlocks.push({ name: name.toLowerCase(), attrs: attributes(attrs), content: _.slice(_.indexOf('>') + 1, -(name.length + 3)) });
    return `<${name}${attrs}></${name}>`;
  });
  const elements = [];
  const stray = [];
  let text = '';
  let last = 0;
  for (let at = withoutRaw.indexOf('<'); at >= 0; at = withoutRaw.indexOf('<', at + 1)) {
    text += withoutRaw.slice(last, at);
    if (withoutRaw.startsWith('<!DOCTYPE html>', at)) {
      last = at + '<!DOCTYPE html>'.length;
      continue;
    }
    TAG.lastIndex = at;
    const match = TAG.exec(withoutRaw);
    if (!match) {
      stray.push(withoutRaw.slice(at, at + 40));
      last = at;
      continue;
    }
    if (!match[1]) elements.push({ name: match[2].toLowerCase(), attrs: attributes(match[3]) });
    last = TAG.lastIndex;
    // Line breaks between blocks read as spaces, like a browser's innerText roughly does.
    text += ' ';
  }
  text += withoutRaw.slice(last);
  return { elements, rawBlocks, stray, text: decodeEntities(text).replace(/\s+/g, ' ') };
}

function attributes(source) {
  const attrs = {};
  for (const [, name, value] of source.matchAll(ATTRIBUTE)) attrs[name.toLowerCase()] = value === undefined ? '' : decodeEntities(value);
  return attrs;
}

/** Elements carrying the class, e.g. `byClass(page, 'chip')`. */
export function byClass(inspected, className) {
  return inspected.elements.filter((e) => (e.attrs.class ?? '').split(/\s+/).includes(className));
}

/** Problems that would make a page unsafe: event-handler or style attributes, script URLs, foreign elements. */
export function safetyProblems(inspected, { allowedScripts }) {
  const problems = [];
  const scripts = inspected.rawBlocks.filter((b) => b.name === 'script');
  if (scripts.length !== allowedScripts) problems.push(`expected ${allowedScripts} script element(s), found ${scripts.length}`);
  for (const block of inspected.rawBlocks) if (!block.attrs.nonce) problems.push(`<${block.name}> without a nonce`);
  for (const { name, attrs } of inspected.elements) {
    if (['img', 'iframe', 'svg', 'object', 'embed', 'form', 'base', 'link', 'marquee', 'frame', 'audio', 'video', 'math'].includes(name)) {
      problems.push(`unexpected <${name}> element`);
    }
    for (const [attr, value] of Object.entries(attrs)) {
      if (attr.startsWith('on')) problems.push(`event handler attribute ${attr} on <${name}>`);
      if (attr === 'style') problems.push(`style attribute on <${name}>`);
      if ((attr === 'href' || attr === 'src' || attr === 'action') && !/^(https?:\/\/|#)/i.test(value.trim())) {
        problems.push(`${attr}="${value}" on <${name}>`);
      }
    }
  }
  if (inspected.stray.length) problems.push(`unescaped '<' at: ${inspected.stray.join(' | ')}`);
  return problems;
}

/** Elements of the card for one field, e.g. `inCard(page, 'partners')`: from its <section> to the next one. */
export function inCard(inspected, field) {
  const start = inspected.elements.findIndex((e) => e.name === 'section' && (e.attrs.class ?? '').split(/\s+/).includes(`card-${field}`));
  if (start < 0) return { elements: [] };
  const end = inspected.elements.findIndex((e, i) => i > start && (e.name === 'section' || e.name === 'article'));
  return { elements: inspected.elements.slice(start + 1, end < 0 ? undefined : end) };
}
