import { ActionIcon, Button, Card, Group, Menu, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { Block, BlockType, LeafBlock } from '../../../../../shared/email';
import { BlockFields } from './BlockFields';
import { ActionMenu } from '../../../components';
import { BLOCK_LABELS, move, newBlock, newLeaf } from './blocks';

function BlockCard({ index, block, count, onChange, onMove, onRemove }: { index: number; block: Block; count: number; onChange: (b: Block) => void; onMove: (to: number) => void; onRemove: () => void }) {
  const name = `${BLOCK_LABELS[block.type]} (block ${index + 1})`;
  return (
    <Card withBorder padding="sm" aria-label={name}>
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">{BLOCK_LABELS[block.type]}</Text>
        <Group gap={4}>
          <ActionIcon variant="subtle" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => onMove(index - 1)}><IconArrowUp size={16} /></ActionIcon>
          <ActionIcon variant="subtle" aria-label={`Move ${name} down`} disabled={index === count - 1} onClick={() => onMove(index + 1)}><IconArrowDown size={16} /></ActionIcon>
          <ActionIcon variant="subtle" color="red" aria-label={`Remove ${name}`} onClick={onRemove}><IconTrash size={16} /></ActionIcon>
        </Group>
      </Group>
      {block.type === 'columns' ? (
        <SimpleGrid cols={2}>
          {block.columns.map((column, c) => (
            <Stack key={c} gap="xs">
              {column.blocks.map((leaf, l) => (
                <BlockFields key={leaf.id} block={leaf} onChange={(next) => {
                  const columns = block.columns.map((col, ci) => (ci === c ? { blocks: col.blocks.map((b, li) => (li === l ? next : b)) } : col)) as typeof block.columns;
                  onChange({ ...block, columns });
                }} />
              ))}
            </Stack>
          ))}
        </SimpleGrid>
      ) : (
        <BlockFields block={block} onChange={(next: LeafBlock) => onChange(next)} />
      )}
    </Card>
  );
}

export function BlockList({ blocks, onChange }: { blocks: readonly Block[]; onChange: (blocks: Block[]) => void }) {
  const types = Object.keys(BLOCK_LABELS) as BlockType[];
  return (
    <Stack gap="sm">
      {blocks.map((block, i) => (
        <BlockCard key={block.id} index={i} block={block} count={blocks.length}
          onChange={(next) => onChange(blocks.map((b, j) => (j === i ? next : b)))}
          onMove={(to) => onChange(move(blocks, i, to))}
          onRemove={() => onChange(blocks.filter((_, j) => j !== i))} />
      ))}
      <ActionMenu position="bottom-start">
        <Menu.Target><Button variant="light" leftSection={<IconPlus size={16} />}>Add a block</Button></Menu.Target>
        <Menu.Dropdown>
          {types.map((t) => <Menu.Item key={t} onClick={() => onChange([...blocks, t === 'columns' ? newBlock(t) : newLeaf(t)])}>{BLOCK_LABELS[t]}</Menu.Item>)}
        </Menu.Dropdown>
      </ActionMenu>
    </Stack>
  );
}
