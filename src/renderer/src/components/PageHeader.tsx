import { useContext, useEffect, useRef, type ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { NavigationVisit } from '../router';

export interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  /** Buttons on the right: the page's primary actions. */
  actions?: ReactNode;
  /** A breadcrumb or back link above the title. */
  above?: ReactNode;
}

/** "Campaigns — Markket": the window title says which view is open (read first by screen readers). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Markket`;
  }, [title]);
}

/**
 * The view's heading, which takes focus after every navigation (not on first load) so a
 * screen reader announces the new view and Tab continues from its top instead of the old link.
 */
export function useFocusOnNavigation<T extends HTMLElement>() {
  const visit = useContext(NavigationVisit);
  const ref = useRef<T>(null);
  useEffect(() => {
    if (visit > 0) ref.current?.focus({ preventScroll: true });
  }, [visit]);
  return ref;
}

export function PageHeader({ title, description, actions, above }: PageHeaderProps) {
  useDocumentTitle(title);
  const heading = useFocusOnNavigation<HTMLHeadingElement>();
  return (
    <Stack gap={4} mb="lg">
      {above}
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <Stack gap={2}>
          <Title order={1} fz={26} ref={heading} tabIndex={-1} id="view-heading">
            {title}
          </Title>
          {description && (
            <Text c="dimmed" size="sm">
              {description}
            </Text>
          )}
        </Stack>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
    </Stack>
  );
}
