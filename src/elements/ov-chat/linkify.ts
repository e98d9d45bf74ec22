import { html, type TemplateResult } from 'lit';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence more often than a URL. */
const TRAILING = /[.,;:!?)\]}'"]+$/;

/**
 * A message as text with its http and https links clickable. Everything is rendered as text (Lit escapes it):
 * markup stays inert, and `javascript:` or any other scheme never becomes a link.
 */
export function linkify(text: string): Array<string | TemplateResult> {
  const parts: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const raw = match[0];
    const trailing = TRAILING.exec(raw)?.[0] ?? '';
    const candidate = raw.slice(0, raw.length - trailing.length);
    let href: string | undefined;
    try {
      const url = new URL(candidate);
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href;
    } catch {
      href = undefined;
    }
    if (!href) continue;
    parts.push(text.slice(last, start));
    parts.push(html`<a href=${href} target="_blank" rel="noopener noreferrer">${candidate}</a>`);
    last = start + candidate.length;
  }
  parts.push(text.slice(last));
  return parts;
}
