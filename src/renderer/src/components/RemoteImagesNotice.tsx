import { Alert, Button, Group, Text } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import type { PreviewImages } from './use-remote-images';

/** Says that a HIPAA preview's remote images are placeholders, and offers the explicit "Load images". */
export function RemoteImagesNotice({ images }: { images: PreviewImages }) {
  if (images.withheld === 0 && images.problems.length === 0) return null;
  return (
    <Alert color="gray" variant="light" icon={<IconPhotoOff size={18} />} p="xs" aria-label="Remote images">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm">
          {images.withheld > 0
            ? `${images.withheld} ${images.withheld === 1 ? 'image is' : 'images are'} not loaded: in HIPAA mode previews load nothing from the internet.`
            : 'Some images could not be loaded.'}
        </Text>
        {images.withheld > 0 && (
          <Button size="compact-xs" variant="default" loading={images.loading} onClick={images.load}>
            Load images
          </Button>
        )}
      </Group>
      {images.problems.map((problem) => (
        <Text key={problem} size="xs" c="dimmed" mt={4}>
          {problem}
        </Text>
      ))}
    </Alert>
  );
}
