import { useState } from 'react';
import { NumberInput, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { ImagePicker } from './ImageFields';
import { inlineFromMarkup, markupFromInline, markupFromRich, richFromMarkup, type LeafBlock } from '../../../../../shared/email';

export const MARKUP_HELP = '**bold**, *italic*, [link](https://…), {name|there} for the subscriber’s name, {{discount_code}} for a campaign value; a blank line starts a paragraph, "- " a bullet.';

/** Text kept as typed while editing (a half-written "**bo" or a trailing blank line stays), parsed on every change. */
function MarkupArea({ label, initial, onText, multiline }: { label: string; initial: string; onText: (text: string) => void; multiline: boolean }) {
  const [text, setText] = useState(initial);
  const change = (next: string) => {
    setText(next);
    onText(next);
  };
  return multiline
    ? <Textarea label={label} value={text} onChange={(e) => change(e.currentTarget.value)} rows={4} description={MARKUP_HELP} />
    : <TextInput label={label} value={text} onChange={(e) => change(e.currentTarget.value)} description="{name|there} puts in the subscriber’s name" />;
}

const ALIGN = [{ value: 'left', label: 'Left' }, { value: 'center', label: 'Centre' }, { value: 'right', label: 'Right' }];

/** The fields of one block; every change gives back the whole block. */
export function BlockFields({ block, onChange }: { block: LeafBlock; onChange: (block: LeafBlock) => void }) {
  switch (block.type) {
    case 'heading':
      return (
        <Stack gap="xs">
          <MarkupArea label="Heading" initial={markupFromInline(block.content)} onText={(t) => onChange({ ...block, content: inlineFromMarkup(t) })} multiline={false} />
          <SegmentedControl size="xs" value={String(block.level)} onChange={(l) => onChange({ ...block, level: Number(l) as 1 | 2 | 3 })} data={[{ value: '1', label: 'Large' }, { value: '2', label: 'Medium' }, { value: '3', label: 'Small' }]} aria-label="Heading size" />
        </Stack>
      );
    case 'text':
      return <MarkupArea label="Text" initial={markupFromRich(block.content)} onText={(t) => onChange({ ...block, content: richFromMarkup(t) })} multiline />;
    case 'image':
      return (
        <Stack gap="xs">
          <ImagePicker block={block} onChange={onChange} />
          <TextInput label="Alt text" description="What the image shows, for screen readers and mail clients that block images" value={block.alt} onChange={(e) => onChange({ ...block, alt: e.currentTarget.value })} required />
          <TextInput label="Link (optional)" placeholder="https://…" value={block.href ?? ''} onChange={(e) => { const { href: _h, ...rest } = block; const href = e.currentTarget.value; onChange(href ? { ...rest, href } : rest); }} />
        </Stack>
      );
    case 'button':
      return (
        <Stack gap="xs">
          <TextInput label="Button label" value={block.label} onChange={(e) => onChange({ ...block, label: e.currentTarget.value })} />
          <TextInput label="Button link" placeholder="https://…" value={block.href} onChange={(e) => onChange({ ...block, href: e.currentTarget.value })} />
          <SegmentedControl size="xs" value={block.align} onChange={(a) => onChange({ ...block, align: a as 'left' | 'center' | 'right' })} data={ALIGN} aria-label="Button alignment" />
        </Stack>
      );
    case 'divider':
      return <Text size="sm" c="dimmed">A thin line across the email.</Text>;
    case 'spacer':
      return <NumberInput label="Height (px)" min={4} max={160} value={block.height} onChange={(h) => onChange({ ...block, height: typeof h === 'number' ? h : 24 })} />;
  }
}
