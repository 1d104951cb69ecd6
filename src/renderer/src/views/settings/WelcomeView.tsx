import { useState } from 'react';
import { Button, Card, Center, Container, Modal, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconPlugConnected, IconSparkles } from '@tabler/icons-react';
import { useOp } from '../../api/hooks';
import { api } from '../../api';
import { ErrorState, useDocumentTitle, useFocusOnNavigation } from '../../components';
import { navigate } from '../../router';
import { ProfileForm } from './ProfileForm';

/**
 * First run: nothing is configured yet. The demo workspace runs on this computer with sample data;
 * connecting an Odoo needs its address and an API key.
 */
export function WelcomeView() {
  const queryClient = useQueryClient();
  useDocumentTitle('Welcome');
  const heading = useFocusOnNavigation<HTMLHeadingElement>();
  const profiles = useOp('profiles.list', {});
  const [connecting, setConnecting] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const done = () => {
    void queryClient.invalidateQueries();
    navigate({ name: 'overview' });
  };

  const exploreDemo = async () => {
    setPending(true);
    setFailure(null);
    try {
      const existing = profiles.data?.profiles.find((p) => p.kind === 'demo');
      if (existing) await api.call('profiles.activate', { id: existing.id });
      else await api.call('profiles.create', { name: 'Demo workspace', kind: 'demo', activate: true });
      done();
    } catch (e) {
      setFailure(e);
    } finally {
      setPending(false);
    }
  };

  return (
    <Container size="md" py="xl">
      <Stack align="center" gap="xs" mb="xl">
        <ThemeIcon size={56} radius="xl" variant="gradient" gradient={{ from: 'markket.7', to: 'grape.5', deg: 135 }}>
          <IconSparkles size={30} />
        </ThemeIcon>
        <Title order={1} ta="center" ref={heading} tabIndex={-1} id="view-heading">Welcome to Markket Marketing Console</Title>
        <Text c="dimmed" ta="center" maw={560}>
          Manage your store's mailing lists, subscribers and email campaigns. Your data stays in Odoo; email goes out through SendGrid or your Odoo's own mail server, as you choose when you connect.
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Card padding="xl">
          <Stack h="100%" justify="space-between">
            <div>
              <ThemeIcon variant="light" size="xl" mb="md"><IconSparkles size={22} /></ThemeIcon>
              <Title order={2} fz="lg" mb={4}>Explore the demo workspace</Title>
              <Text size="sm" c="dimmed">A sample store with about 1,250 subscribers and 45 campaigns, running on this computer. Nothing is sent to anyone.</Text>
            </div>
            <Button onClick={() => void exploreDemo()} loading={pending} fullWidth>Explore the demo workspace</Button>
          </Stack>
        </Card>
        <Card padding="xl">
          <Stack h="100%" justify="space-between">
            <div>
              <ThemeIcon variant="light" size="xl" mb="md" color="teal"><IconPlugConnected size={22} /></ThemeIcon>
              <Title order={2} fz="lg" mb={4}>Connect your Odoo</Title>
              <Text size="sm" c="dimmed">Use Markket's shared Odoo or your own instance (Odoo 16 or later with Email Marketing). You need an API key.</Text>
            </div>
            <Button variant="default" onClick={() => setConnecting(true)} fullWidth>Connect your Odoo</Button>
          </Stack>
        </Card>
      </SimpleGrid>
      {failure !== null && <Center mt="lg"><ErrorState error={failure} title="Could not open the demo workspace" /></Center>}
      <Modal opened={connecting} onClose={() => setConnecting(false)} title="Connect your Odoo" size="lg">
        <ProfileForm activateOnCreate onCancel={() => setConnecting(false)} onSaved={() => { setConnecting(false); done(); }} />
      </Modal>
    </Container>
  );
}
