import { useRef, useState } from 'react';
import { Button, Group, Modal, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFlask } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { AppError } from '../../../../shared/errors';
import { api } from '../../api';
import { ErrorState } from '../../components';

/** The addresses of the last test, offered again next time (staff addresses, not subscribers'). */
const LAST_ADDRESSES = 'markket-test-addresses';
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

function lastAddresses(): string[] {
  try {
    const saved: unknown = JSON.parse(window.localStorage.getItem(LAST_ADDRESSES) ?? '[]');
    return Array.isArray(saved) ? saved.filter((a): a is string => typeof a === 'string' && ADDRESS.test(a)).slice(0, 10) : [];
  } catch {
    return [];
  }
}

type TestSendResult = { via: 'odoo' | 'sendgrid'; sent_to: string[]; already_sent?: string[] | undefined; maybe_sent?: string[] | undefined };

/** What the notification says, naming any address an earlier try already reached (or may have). */
export function sentMessage(result: TestSendResult): string {
  const through = result.via === 'odoo' ? 'Odoo' : 'SendGrid';
  const earlier = new Set(result.already_sent ?? []);
  const maybe = result.maybe_sent ?? [];
  const sure = [...earlier].filter((e) => !maybe.includes(e));
  const now = result.sent_to.filter((e) => !earlier.has(e));
  return [
    now.length ? `To ${now.join(', ')}, through ${through}.` : '',
    sure.length ? `The earlier try already sent it to ${sure.join(', ')}; not sent again.` : '',
    maybe.length ? `The earlier try may already have sent it to ${maybe.join(', ')}: check that inbox. Not sent again; send a new test if it did not arrive.` : '',
    'It is not counted in the campaign’s figures.',
  ].filter(Boolean).join(' ');
}

export interface TestSendButtonProps {
  storeId: string;
  /** Brings Odoo up to date with the editor and answers the campaign id (as Review does). */
  prepare: () => Promise<string>;
  size?: 'xs' | 'sm';
}

/**
 * "Send me a test": the campaign as it stands, to a few addresses, with "[TEST]" before its subject.
 * It goes through Odoo's own test wizard or SendGrid, whichever delivers for this profile; a test
 * makes no trace in Odoo and never counts in the campaign's figures.
 */
export function TestSendButton({ storeId, prepare, size = 'sm' }: TestSendButtonProps) {
  const [opened, setOpened] = useState(false);
  const [emails, setEmails] = useState<string[]>([]);
  // One request id per opening of the dialog: "Try again" repeats it, so the server mails no
  // address twice, even when the answer to the first try was lost after the test went out.
  const requestId = useRef('');
  const send = useMutation<TestSendResult, AppError, string[]>({
    mutationFn: async (to) => api.call('marketing.campaigns.test_send', { storeId, campaignId: await prepare(), emails: to, client_request_id: requestId.current }),
    onSuccess: (result) => {
      window.localStorage.setItem(LAST_ADDRESSES, JSON.stringify(result.sent_to));
      notifications.show({ color: 'teal', title: 'Test sent', message: sentMessage(result) });
      setOpened(false);
    },
  });
  const invalid = emails.filter((e) => !ADDRESS.test(e));
  const open = () => {
    setEmails(lastAddresses());
    requestId.current = crypto.randomUUID();
    send.reset();
    setOpened(true);
  };
  return (
    <>
      <Button size={size} variant="default" leftSection={<IconFlask size={16} />} onClick={open}>Send a test…</Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Send a test" centered>
        <Stack>
          <TagsInput
            label="Send to"
            description="Up to 10 addresses; press Enter after each"
            placeholder="you@yourstore.com"
            value={emails}
            onChange={setEmails}
            maxTags={10}
            splitChars={[',', ' ', ';']}
            error={invalid.length > 0 ? `Not an email address: ${invalid.join(', ')}` : undefined}
            data-autofocus
          />
          <Text size="xs" c="dimmed">The subject starts with [TEST]. Merge fields are filled for one subscriber, as Odoo does for its own tests.</Text>
          {send.error && <ErrorState error={send.error} title="The test was not sent" onRetry={() => send.mutate(emails)} retrying={send.isPending} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>Cancel</Button>
            <Button loading={send.isPending} disabled={emails.length === 0 || invalid.length > 0} onClick={() => send.mutate(emails)}>Send test</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
