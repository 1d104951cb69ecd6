import { Button } from '@mantine/core';
import { IconStar, IconStarFilled } from '@tabler/icons-react';
import { useOp, useOpMutation } from '../../api/hooks';

/** "Save as favourite": Odoo's own star on the mailing, so Odoo and this console offer it as a starting point. */
export function FavoriteButton({ storeId, campaignId }: { storeId: string; campaignId: string }) {
  const body = useOp('marketing.campaigns.body.get', { storeId, campaignId });
  const star = useOpMutation('marketing.campaigns.favorite', { invalidates: ['marketing.campaigns.body.get', 'marketing.favorites.list'] });
  const favorite = star.isPending ? star.variables.favorite : (body.data?.favorite ?? false);
  return (
    <Button variant="default" leftSection={favorite ? <IconStarFilled size={16} /> : <IconStar size={16} />} loading={star.isPending} disabled={!body.data} aria-pressed={favorite}
      onClick={() => star.mutate({ storeId, campaignId, favorite: !favorite })}>
      {favorite ? 'Favourite in Odoo' : 'Save as favourite'}
    </Button>
  );
}
