import mjml2html from 'mjml-browser';
import { AppError } from '../errors';
import { FONT_STACKS, type Block, type EmailDocument, type LeafBlock } from './document';
import { escapeHtml } from './merge-fields';
import { inlineHtml, richHtml, type TextStyle } from './rich-text';
import { plainText } from './plain-text';
import { missingValues } from './values';

/**
 * Document → email HTML, through MJML (mjml-browser: the same code in the main process and, loaded
 * lazily, in the editor's preview). MJML writes the table layout Outlook needs, a 600 px column
 * that becomes fluid on phones, and each component's styles inline; our rich text writes its own
 * styles inline too (rich-text.ts), so nothing depends on a <style> block but the responsive rules.
 */

/** Odoo's placeholder, swapped for each recipient's own unsubscribe link when the mailing is sent. */
export const UNSUBSCRIBE_HREF = '/unsubscribe_from_list';
/** On the wrapper, so the console recognises a body it rendered (and one edited in Odoo since). */
export const EMAIL_MARKER = 'data-markket-email';

const WIDTH = 600;
const PAD = '8px 24px';
const TEXT_COLOR = '#222222';

export interface RenderedEmail {
  /** A fragment for body_html: Odoo renders body_html as an HTML fragment, dropping any <head>. */
  html: string;
  /** What a text-only mail client shows. */
  text: string;
  /** Campaign-wide values the body uses that have no value yet (a pre-send error). */
  missing_values: string[];
}

const attr = (value: string | number): string => `"${escapeHtml(String(value))}"`;

/** White text on dark brand colours, near-black on light ones (WCAG relative luminance). */
function onColor(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.4 ? '#111111' : '#ffffff';
}

function leaf(block: LeafBlock, style: TextStyle): string {
  switch (block.type) {
    case 'heading': {
      const size = { 1: 28, 2: 22, 3: 18 }[block.level];
      return `<mj-text padding="12px 24px" align=${attr(block.align)}><h${block.level} style="margin:0;font-family:${escapeHtml(style.font)};font-size:${size}px;line-height:1.25;font-weight:bold;color:${style.brandColor};">${inlineHtml(block.content, style)}</h${block.level}></mj-text>`;
    }
    case 'text':
      return `<mj-text padding=${attr(PAD)} font-size="16px" line-height="1.5" color=${attr(TEXT_COLOR)}>${richHtml(block.content, style)}</mj-text>`;
    case 'image':
      return `<mj-image padding=${attr(PAD)} src=${attr(block.src)} alt=${attr(block.alt)} align=${attr(block.align)}${block.href ? ` href=${attr(block.href)}` : ''}${block.width ? ` width="${block.width}px"` : ''}/>`;
    case 'button':
      return `<mj-button padding="12px 24px" href=${attr(block.href)} align=${attr(block.align)} background-color=${attr(style.brandColor)} color=${attr(onColor(style.brandColor))} font-size="16px" font-weight="bold" inner-padding="12px 24px" border-radius="4px">${escapeHtml(block.label)}</mj-button>`;
    case 'divider':
      return `<mj-divider padding="12px 24px" border-width="1px" border-color="#dddddd"/>`;
    case 'spacer':
      return `<mj-spacer height="${block.height}px"/>`;
  }
}

function sections(blocks: readonly Block[], style: TextStyle): string {
  const out: string[] = [];
  let run: LeafBlock[] = [];
  const section = (columns: LeafBlock[][]) => `<mj-section background-color="#ffffff" padding="0">${columns.map((c) => `<mj-column>${c.map((b) => leaf(b, style)).join('')}</mj-column>`).join('')}</mj-section>`;
  const flush = () => {
    if (run.length > 0) out.push(section([run]));
    run = [];
  };
  for (const block of blocks) {
    if (block.type === 'columns') {
      flush();
      out.push(section(block.columns.map((c) => c.blocks)));
    } else run.push(block);
  }
  flush();
  return out.join('');
}

function footer(doc: EmailDocument): string {
  const { store_name, postal_address, unsubscribe_label } = doc.footer;
  const address = escapeHtml(postal_address).replace(/\r?\n/g, '<br/>');
  return `<mj-section padding="16px 0"><mj-column><mj-text align="center" font-size="12px" line-height="1.5" color="#666666"><p style="margin:0 0 4px 0;"><strong>${escapeHtml(store_name)}</strong></p><p style="margin:0 0 8px 0;">${address}</p><p style="margin:0;"><a href="${UNSUBSCRIBE_HREF}" style="color:#666666;text-decoration:underline;">${escapeHtml(unsubscribe_label)}</a></p></mj-text></mj-column></mj-section>`;
}

export function toMjml(doc: EmailDocument): string {
  const font = FONT_STACKS[doc.settings.font];
  const style: TextStyle = { font, brandColor: doc.settings.brand_color, textColor: TEXT_COLOR, values: doc.settings.values };
  return `<mjml><mj-head><mj-attributes><mj-all font-family=${attr(font)}/></mj-attributes></mj-head>`
    + `<mj-body width="${WIDTH}px" background-color="#f4f4f4">${sections(doc.blocks, style)}${footer(doc)}</mj-body></mjml>`;
}

/** The <style> blocks MJML put in <head> (responsive rules, resets) and what is inside <body>. */
function asFragment(page: string): string {
  const head = /<head>([\s\S]*?)<\/head>/i.exec(page)?.[1] ?? '';
  // Only plain <style> elements: the Outlook-only ones sit inside conditional comments.
  const styles = [...head.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<style[^>]*>[\s\S]*?<\/style>/gi)].map((m) => m[0].replace(/\s+/g, ' ')).join('');
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(page)?.[1] ?? '';
  return `<div ${EMAIL_MARKER}="1" style="word-spacing:normal;background-color:#f4f4f4;">${styles}${compact(body)}</div>`;
}

/** MJML's pretty-printing only costs bytes in every mail: whitespace between and inside tags goes. */
function compact(html: string): string {
  return html.trim()
    .replace(/>\s+</g, '><')
    .replace(/<[a-z][^<>]*>/gi, (tag) => tag.replace(/\s+/g, ' ').replace(/\s+(\/?)>$/, '$1>'));
}

export async function renderEmail(doc: EmailDocument): Promise<RenderedEmail> {
  const result = await mjml2html(toMjml(doc), { validationLevel: 'soft', minify: false });
  if (result.errors.length > 0) {
    // The document schema only lets through what toMjml turns into valid MJML; an error here is ours.
    throw new AppError('internal', 'The email could not be laid out. Undo the last change and try again.', { mjml: result.errors.slice(0, 3).map((e) => e.formattedMessage) });
  }
  return { html: asFragment(result.html), text: plainText(doc), missing_values: missingValues(doc) };
}
