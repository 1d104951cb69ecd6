import { useState } from 'react';
import { Box, Center, Skeleton } from '@mantine/core';
import { IconTemplate } from '@tabler/icons-react';
import { useOp } from '../../api/hooks';
import { useHipaaMode, usePreviewImages } from '../../components/use-remote-images';

/** SendGrid gives protocol-relative thumbnail addresses; the page only loads images over https. */
export function thumbnailSrc(url: string | null): string | null {
  if (!url) return null;
  if (url.startsWith('//')) return `https:${url}`;
  return /^https:\/\//.test(url) ? url : null;
}

const renderWidth = 600;

/**
 * SendGrid's own thumbnail when it loads; otherwise (offline, or none made yet) the template's HTML
 * drawn small in a sandboxed frame: no script runs, nothing is clickable, no same-origin access.
 */
export function TemplateThumbnail({ templateId, thumbnailUrl, height }: { templateId: string; thumbnailUrl: string | null; height: number }) {
  // SendGrid's thumbnail is an image on SendGrid's storage: never fetched for a HIPAA profile, whose
  // thumbnail is the template drawn small with its remote images as placeholders.
  const hipaa = useHipaaMode();
  const src = hipaa ? null : thumbnailSrc(thumbnailUrl);
  const [imageFailed, setImageFailed] = useState(false);
  const showImage = src !== null && !imageFailed;
  const detail = useOp('sendgrid.templates.get', { templateId }, { enabled: !showImage, staleTime: 5 * 60_000 });
  const drawn = usePreviewImages(detail.data?.html ?? null);

  const frame = { height, overflow: 'hidden', position: 'relative', background: 'white', borderBottom: '1px solid var(--mantine-color-default-border)' } as const;
  if (showImage)
    return (
      <Box style={frame}>
        <img src={src} alt="" onError={() => setImageFailed(true)} style={{ width: '100%', height: '100%', objectFit: 'cover', objectPosition: 'top' }} />
      </Box>
    );
  if (detail.isPending) return <Skeleton height={height} radius={0} />;
  if (!detail.data)
    return (
      <Center style={frame} c="dimmed">
        <IconTemplate size={28} />
      </Center>
    );
  return (
    <Box style={frame} aria-hidden="true">
      <iframe
        title=""
        sandbox=""
        srcDoc={drawn.html ?? ''}
        tabIndex={-1}
        scrolling="no"
        style={{ width: renderWidth, height: height * 4, border: 0, transform: 'scale(0.25)', transformOrigin: '0 0', pointerEvents: 'none', position: 'absolute', left: 0, top: 0 }}
      />
    </Box>
  );
}
