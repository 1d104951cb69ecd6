import { Select, Skeleton, Text } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { useOp } from '../api/hooks';
import { useStore } from '../store-context';

/** The stores the active profile serves; a single store is shown as a label, not a one-item menu. */
export function StorePicker() {
  const { storeId, setStoreId } = useStore();
  const stores = useOp('stores.list', {});
  if (stores.isPending) return <Skeleton height={30} width={200} />;
  if (stores.error) return <Text size="sm" c="red">Stores unavailable</Text>;
  const options = stores.data.stores.map((s) => ({ value: s.id, label: s.name }));
  if (options.length === 0) return <Text size="sm" c="dimmed">No store</Text>;
  return (
    <Select
      aria-label="Store"
      data={options}
      value={storeId}
      onChange={(value) => value && setStoreId(value)}
      allowDeselect={false}
      leftSection={<IconBuildingStore size={16} />}
      w={200}
      size="sm"
      readOnly={options.length === 1}
      rightSection={options.length === 1 ? <span /> : undefined}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
