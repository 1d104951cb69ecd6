import type { ReactNode } from 'react';
import { Button } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { useOp } from '../api/hooks';
import { useStore } from '../store-context';
import { EmptyState, ErrorState, LoadingState } from '../components';
import { isAppError } from '../../../shared/errors';
import { hrefFor } from '../router';

/** Store-scoped screens render only once a store is known; until then, say why not. */
export function StoreGate({ children }: { children: (storeId: string) => ReactNode }) {
  const { storeId } = useStore();
  const stores = useOp('stores.list', {});
  // Before the Odoo setup, Odoo cannot even say which stores exist: that is a step to take, not a failure.
  const notSetUp = isAppError(stores.error) && stores.error.code === 'odoo.not_set_up';
  if (stores.error && !notSetUp) return <ErrorState error={stores.error} title="Could not load your stores" onRetry={() => void stores.refetch()} retrying={stores.isFetching} />;
  if (stores.isPending) return <LoadingState variant="page" />;
  if (!storeId)
    return (
      <EmptyState
        icon={<IconBuildingStore size={28} />}
        title="This Odoo is not set up for Markket yet"
        description="Markket needs a mailing list for your store in Odoo. Odoo setup in Settings checks what is missing and creates it; or switch to another profile."
        action={
          <Button component="a" href={hrefFor({ name: 'settings', tab: 'odoo' })}>
            Open Settings → Odoo setup
          </Button>
        }
      />
    );
  return <>{children(storeId)}</>;
}
