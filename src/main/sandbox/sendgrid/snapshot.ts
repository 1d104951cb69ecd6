import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { SendgridEvent, Suppression } from '../../core/sendgrid';
import type { PeerState } from './state';

/**
 * The peer's state as JSON, so the demo workspace keeps its SendGrid side between runs (the file
 * itself is written by whoever owns the data folder). Read back through zod like any file.
 */
const Version = z.object({
  id: z.string(),
  template_id: z.string(),
  active: z.union([z.literal(0), z.literal(1)]),
  name: z.string(),
  subject: z.string(),
  html_content: z.string(),
  plain_content: z.string(),
  generate_plain_content: z.boolean(),
  editor: z.enum(['code', 'design']),
  updated_at: z.string(),
  thumbnail_url: z.string(),
  test_data: z.string(),
});

const Template = z.object({
  id: z.string(),
  name: z.string(),
  generation: z.enum(['legacy', 'dynamic']),
  updated_at: z.string(),
  versions: z.array(Version),
});

const Mail = z.object({
  xMessageId: z.string(),
  receivedAt: z.iso.datetime(),
  sandbox: z.boolean(),
  body: z.looseObject({}),
  recipients: z.array(z.string()),
  messageIdHeader: z.string().nullable(),
  categories: z.array(z.string()),
  customArgs: z.record(z.string(), z.string()),
  links: z.array(z.string()),
});

export const PeerSnapshot = z.object({
  version: z.literal(1),
  prngState: z.number().int().nonnegative(),
  templates: z.array(Template),
  suppressions: z.object({
    bounces: z.array(Suppression),
    blocks: z.array(Suppression),
    spam_reports: z.array(Suppression),
    invalid_emails: z.array(Suppression),
    unsubscribes: z.array(Suppression),
  }),
  mail: z.array(Mail),
  events: z.array(SendgridEvent),
  history: z.array(z.tuple([z.string(), z.record(z.string(), z.number())])),
});
export type PeerSnapshot = z.infer<typeof PeerSnapshot>;

export function toSnapshot(state: PeerState, prngState: number): PeerSnapshot {
  return {
    version: 1,
    prngState,
    templates: state.templates,
    suppressions: state.suppressions,
    mail: state.mail.map((m) => ({ ...m, receivedAt: m.receivedAt.toISOString(), body: m.body as unknown as Record<string, unknown> })),
    events: state.events,
    history: [...state.history].map(([date, figures]) => [date, Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)) as Record<string, number>]),
  };
}

export function parsePeerSnapshot(value: unknown): PeerSnapshot {
  const parsed = PeerSnapshot.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError('input.invalid', 'The saved SendGrid demo data is damaged; start the demo workspace afresh.', {
    field: issue ? issue.path.join('.') : '',
  });
}

export function fromSnapshot(snapshot: PeerSnapshot): PeerState {
  return {
    templates: snapshot.templates,
    suppressions: snapshot.suppressions,
    mail: snapshot.mail.map((m) => ({ ...m, receivedAt: new Date(m.receivedAt), body: m.body as unknown as PeerState['mail'][number]['body'] })),
    events: snapshot.events,
    history: new Map(snapshot.history),
  };
}
