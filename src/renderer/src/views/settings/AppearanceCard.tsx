import { Card, Group, SegmentedControl, Stack, Text, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';

export function AppearanceCard() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Card>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Text fw={600}>Appearance</Text>
          <Text size="sm" c="dimmed">
            Follow your system, or pick light or dark. Remembered on this computer.
          </Text>
        </Stack>
        <SegmentedControl
          aria-label="Color scheme"
          value={colorScheme}
          onChange={(v) => setColorScheme(v as MantineColorScheme)}
          data={[
            { value: 'auto', label: <Group gap={6} wrap="nowrap"><IconDeviceDesktop size={14} />System</Group> },
            { value: 'light', label: <Group gap={6} wrap="nowrap"><IconSun size={14} />Light</Group> },
            { value: 'dark', label: <Group gap={6} wrap="nowrap"><IconMoon size={14} />Dark</Group> },
          ]}
        />
      </Group>
    </Card>
  );
}
