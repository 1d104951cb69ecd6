import { z } from 'zod';

/**
 * The console's email document: what the editor edits and saves, and the one source the HTML
 * Odoo sends is rendered from. Rich text follows the shape of Tiptap/ProseMirror JSON (a node has
 * a `type`, `content` and `attrs`; text carries `marks`), so an editor built on it saves what it
 * holds without a translation step.
 */

/** Fields of the recipient Odoo fills in per mail (see merge-fields.ts for their Odoo expressions). */
export const MergeFieldName = z.enum(['name', 'email', 'company_name']);
export type MergeFieldName = z.infer<typeof MergeFieldName>;

/** A campaign-wide value (an end date, a discount code): the same for every recipient. */
export const ValueKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower case letters, digits and _ (e.g. discount_code)');

const Href = z.string().trim().max(2000).refine((v) => /^(https?:\/\/[^\s"'<>]+|mailto:[^\s"'<>]+)$/i.test(v), 'must be an https://, http:// or mailto: address');
/** The largest image file the editor keeps (an email's images are fetched by every recipient's client). */
export const MAX_LOCAL_IMAGE_BYTES = 512 * 1024;

/**
 * The HTTP body limit of the operations that carry a whole email document (browser mode): its
 * images travel inside it as data: URLs (a third larger than the file) until it is saved to Odoo,
 * so the host's 1 MB would refuse two images the editor accepts.
 */
export const EMAIL_DOCUMENT_BODY = {
  maxBytes: 4 * 1024 * 1024,
  tooLarge: 'The email’s images travel inside it until it is saved to Odoo: use fewer or smaller images (at most 512 KB each), or link images by their web address.',
};
/** An image added from this computer and not uploaded to Odoo yet: kept in the document as a data: URL. */
export const LOCAL_IMAGE = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/]+={0,2})$/;
const WEB_IMAGE = /^(https?:\/\/[^\s"'<>]+|\/web\/image\/[^\s"'<>]+)$/i;
const MAX_LOCAL_IMAGE_CHARS = Math.ceil(MAX_LOCAL_IMAGE_BYTES / 3) * 4 + 40;
/** Where an image is: on the web, uploaded to the Odoo (its /web/image/… link), or on this computer until the email is saved to Odoo. */
const ImageSrc = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = !v.startsWith('data:')
      ? v.length > 2000 || !WEB_IMAGE.test(v) ? 'must be an https:// address or an image uploaded to Odoo' : null
      : v.length > MAX_LOCAL_IMAGE_CHARS ? `must be an image of at most ${MAX_LOCAL_IMAGE_BYTES / 1024} KB`
      : !LOCAL_IMAGE.test(v) ? 'must be a PNG, JPEG, GIF or WebP image' : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const Bold = z.object({ type: z.literal('bold') });
const Italic = z.object({ type: z.literal('italic') });
const Link = z.object({ type: z.literal('link'), attrs: z.object({ href: Href }) });
export const Mark = z.discriminatedUnion('type', [Bold, Italic, Link]);

export const TextNode = z.object({ type: z.literal('text'), text: z.string().min(1).max(5000), marks: z.array(Mark).max(3).optional() });
export const MergeFieldNode = z.object({
  type: z.literal('mergeField'),
  /** fallback: what a recipient without that field sees ("there" in "Hello there"). */
  attrs: z.object({ field: MergeFieldName, fallback: z.string().max(100).default('') }),
});
export const ValueNode = z.object({ type: z.literal('value'), attrs: z.object({ key: ValueKey }) });
export const HardBreak = z.object({ type: z.literal('hardBreak') });
export const Inline = z.discriminatedUnion('type', [TextNode, MergeFieldNode, ValueNode, HardBreak]);
export type Inline = z.infer<typeof Inline>;
const Inlines = z.array(Inline).max(500);

export const Paragraph = z.object({ type: z.literal('paragraph'), content: Inlines.default([]) });
const ListItem = z.object({ type: z.literal('listItem'), content: z.array(Paragraph).min(1).max(20) });
export const BulletList = z.object({ type: z.literal('bulletList'), content: z.array(ListItem).min(1).max(100) });
export const OrderedList = z.object({ type: z.literal('orderedList'), content: z.array(ListItem).min(1).max(100) });
export const RichNode = z.discriminatedUnion('type', [Paragraph, BulletList, OrderedList]);
export type RichNode = z.infer<typeof RichNode>;

const BlockId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');
const Align = z.enum(['left', 'center', 'right']);

export const HeadingBlock = z.object({ id: BlockId, type: z.literal('heading'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1), content: Inlines.min(1, 'needs some text'), align: Align.default('left') });
export const TextBlock = z.object({ id: BlockId, type: z.literal('text'), content: z.array(RichNode).min(1, 'needs some text').max(200) });
export const ImageBlock = z.object({
  id: BlockId,
  type: z.literal('image'),
  src: ImageSrc,
  /** Required: screen readers and mail clients that block images show it instead. */
  alt: z.string().trim().min(1, 'needs alt text (what the image shows)').max(300),
  href: Href.optional(),
  /** Display width in px; absent: the full width of its column. */
  width: z.number().int().min(16).max(600).optional(),
  align: Align.default('center'),
});
export const ButtonBlock = z.object({ id: BlockId, type: z.literal('button'), label: z.string().trim().min(1, 'needs a label').max(100), href: Href, align: Align.default('center') });
export const DividerBlock = z.object({ id: BlockId, type: z.literal('divider') });
export const SpacerBlock = z.object({ id: BlockId, type: z.literal('spacer'), height: z.number().int().min(4).max(160).default(24) });

export const LeafBlock = z.discriminatedUnion('type', [HeadingBlock, TextBlock, ImageBlock, ButtonBlock, DividerBlock, SpacerBlock]);
export type LeafBlock = z.infer<typeof LeafBlock>;
const Column = z.object({ blocks: z.array(LeafBlock).max(50) });
export const ColumnsBlock = z.object({ id: BlockId, type: z.literal('columns'), columns: z.tuple([Column, Column]) });
export const Block = z.discriminatedUnion('type', [HeadingBlock, TextBlock, ImageBlock, ButtonBlock, DividerBlock, SpacerBlock, ColumnsBlock]);
export type Block = z.infer<typeof Block>;
export type BlockType = Block['type'];

/** Email-safe font stacks: every one ends in a family every mail client has. */
export const FONT_STACKS = {
  arial: 'Arial, Helvetica, sans-serif',
  helvetica: "'Helvetica Neue', Helvetica, Arial, sans-serif",
  verdana: 'Verdana, Geneva, sans-serif',
  trebuchet: "'Trebuchet MS', Tahoma, sans-serif",
  georgia: 'Georgia, Times, serif',
  times: "'Times New Roman', Times, serif",
  courier: "'Courier New', Courier, monospace",
} as const;
export const FontName = z.enum(Object.keys(FONT_STACKS) as [keyof typeof FONT_STACKS, ...(keyof typeof FONT_STACKS)[]]);

export const EmailSettings = z.object({
  brand_color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1c7ed6').default('#1c7ed6'),
  font: FontName.default('arial'),
  /** Campaign-wide values the body refers to (value nodes); one left empty is a pre-send error. */
  values: z.record(ValueKey, z.string().max(500)).default({}),
});

/** Always rendered last; the unsubscribe link is not a block, so it cannot be deleted. */
export const EmailFooter = z.object({
  store_name: z.string().trim().min(1, 'needs the store name').max(200),
  postal_address: z.string().trim().min(1, 'needs a postal address (required in commercial email)').max(500),
  unsubscribe_label: z.string().trim().min(1, 'needs a label').max(100).default('Unsubscribe'),
});

export const EmailDocument = z.object({
  version: z.literal(1),
  settings: EmailSettings,
  blocks: z.array(Block).max(200),
  footer: EmailFooter,
});
export type EmailDocument = z.infer<typeof EmailDocument>;
export type EmailDocumentIn = z.input<typeof EmailDocument>;
