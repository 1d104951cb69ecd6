import { Anchor, Group, Text, ThemeIcon } from '@mantine/core';
import { IconMailBolt } from '@tabler/icons-react';

export function Brand() {
  return (
    <Anchor href="#/overview" underline="never" c="inherit" aria-label="Markket Marketing Console, go to Overview">
      <Group gap={10} wrap="nowrap">
        <ThemeIcon size={34} radius="md" variant="gradient" gradient={{ from: 'markket.7', to: 'grape.5', deg: 135 }}>
          <IconMailBolt size={20} stroke={1.8} />
        </ThemeIcon>
        <div>
          <Text fw={750} lh={1.1} size="md">
            Markket
          </Text>
          <Text size="xs" c="dimmed" lh={1.1}>
            Marketing Console
          </Text>
        </div>
      </Group>
    </Anchor>
  );
}
