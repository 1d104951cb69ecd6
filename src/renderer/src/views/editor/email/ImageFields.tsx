import { useState } from 'react';
import { Button, FileButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { LOCAL_IMAGE, MAX_LOCAL_IMAGE_BYTES, type LeafBlock } from '../../../../../shared/email';

type ImageBlock = Extract<LeafBlock, { type: 'image' }>;
const TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** A file as a data: URL, read in the page: nothing leaves the computer until the email is saved to Odoo. */
function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/** What is wrong with a picked file, in words, or null when the editor can keep it. */
export function imageFileProblem(file: { type: string; size: number }): string | null {
  if (!TYPES.includes(file.type)) return 'Choose a PNG, JPEG, GIF or WebP image.';
  if (file.size > MAX_LOCAL_IMAGE_BYTES) return `This image is ${Math.ceil(file.size / 1024)} KB; emails take images of at most ${MAX_LOCAL_IMAGE_BYTES / 1024} KB. Make it smaller and choose it again.`;
  return null;
}

/**
 * An image block's picture: an address on the web, or a file from this computer. A file is kept in
 * the draft (offline too) and uploaded to the Odoo as the mailing's attachment when the email is
 * saved there, so the mail links to the Odoo instead of carrying the picture.
 */
export function ImagePicker({ block, onChange }: { block: ImageBlock; onChange: (block: LeafBlock) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const local = LOCAL_IMAGE.exec(block.src);
  const pick = async (file: File | null) => {
    if (!file) return;
    const wrong = imageFileProblem(file);
    setProblem(wrong);
    if (!wrong) onChange({ ...block, src: await readAsDataUrl(file) });
  };
  return (
    <Stack gap={4}>
      {local ? (
        <Text size="sm">
          Image from this computer ({Math.ceil(((local[2]?.length ?? 0) * 3) / 4 / 1024)} KB). It is uploaded to your Odoo when the email is saved there.
        </Text>
      ) : (
        <TextInput label="Image address" placeholder="https://…" value={block.src} onChange={(e) => onChange({ ...block, src: e.currentTarget.value })} />
      )}
      <Group gap="xs">
        <FileButton onChange={(file) => void pick(file)} accept={TYPES.join(',')}>
          {(props) => <Button size="xs" variant="light" {...props}>{local ? 'Choose another image' : 'Choose an image from this computer'}</Button>}
        </FileButton>
        {local && <Button size="xs" variant="subtle" onClick={() => onChange({ ...block, src: 'https://' })}>Use an address instead</Button>}
      </Group>
      {problem && <Text size="sm" c="red" role="alert">{problem}</Text>}
    </Stack>
  );
}
