import { useEffect, useMemo, useState } from 'react';
import { Card, Code, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { plainText, previewHtml, type EmailDocument, type Recipient } from '../../../../../shared/email';
import { renderEmail } from '../../../../../shared/email/render';
import { useOp } from '../../../api/hooks';
import { RemoteImagesNotice } from '../../../components/RemoteImagesNotice';
import { usePreviewImages } from '../../../components/use-remote-images';

const WIDTHS = { desktop: 640, mobile: 375 } as const;
const SAMPLE: Recipient = { name: 'Sample Subscriber', email: 'subscriber@example.com' };

/**
 * The email as one subscriber of the list will get it: rendered on this computer (no network),
 * merge fields filled from a real subscriber when the list can be read, at desktop or phone width,
 * or as the plain text a text-only client shows. The HTML sits in a sandboxed iframe.
 */
export function EmailPreview({ doc, storeId, listId }: { doc: EmailDocument | null; storeId: string; listId: number | null }) {
  const [width, setWidth] = useState<keyof typeof WIDTHS>('desktop');
  const [view, setView] = useState<'html' | 'text'>('html');
  const [html, setHtml] = useState<string | null>(null);
  const [pick, setPick] = useState<string | null>(null);
  const subscribers = useOp('marketing.subscribers.list', { storeId, ...(listId ? { list_id: listId } : {}), limit: 20, offset: 0, status: 'active' }, { enabled: listId !== null, staleTime: 60_000 });
  const options = (subscribers.data?.subscribers ?? []).map((s) => ({ value: String(s.id), label: s.name ? `${s.name} <${s.email}>` : s.email }));
  const chosen = subscribers.data?.subscribers.find((s) => String(s.id) === (pick ?? options[0]?.value));
  const recipient: Recipient = chosen ? { name: chosen.name || null, email: chosen.email } : SAMPLE;

  useEffect(() => {
    if (!doc) return;
    let live = true;
    const timer = setTimeout(() => void renderEmail(doc).then((r) => { if (live) setHtml(r.html); }), 250);
    return () => { live = false; clearTimeout(timer); };
  }, [doc]);
  const filled = useMemo(() => (html ? previewHtml(html, recipient) : null), [html, recipient.name, recipient.email]); // eslint-disable-line react-hooks/exhaustive-deps
  const images = usePreviewImages(filled);

  return (
    <Card>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>Preview</Text>
          <Group gap="xs">
            <SegmentedControl size="xs" value={view} onChange={(v) => setView(v as 'html' | 'text')} data={[{ value: 'html', label: 'Email' }, { value: 'text', label: 'Plain text' }]} aria-label="Preview as" />
            <SegmentedControl size="xs" value={width} onChange={(w) => setWidth(w as keyof typeof WIDTHS)} data={[{ value: 'desktop', label: 'Desktop' }, { value: 'mobile', label: 'Mobile' }]} aria-label="Preview width" />
          </Group>
        </Group>
        <Select label="As received by" size="xs" data={options} value={pick ?? options[0]?.value ?? null} onChange={setPick} placeholder={subscribers.isError || listId === null ? 'A sample subscriber' : 'Loading subscribers…'} disabled={options.length === 0} />
        {view === 'html' && <RemoteImagesNotice images={images} />}
        {view === 'text'
          ? <Code block aria-label="Plain-text version">{doc ? plainText(doc, recipient) : ''}</Code>
          : <iframe title="Email preview" sandbox="" srcDoc={images.html ?? ''} data-width={width} style={{ width: WIDTHS[width], maxWidth: '100%', height: 720, border: '1px solid var(--mantine-color-default-border)', background: 'white' }} />}
      </Stack>
    </Card>
  );
}
