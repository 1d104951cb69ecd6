import { AppError } from '../../../shared/errors';
import type { Segment, SubscriberStatus } from '../../../shared/schemas/marketing';
import type { z } from 'zod';
import type { Domain, OdooClient } from '../../core/odoo';
import { hasTag, segmentDomain } from '../../core/marketing/segments';
import { requireStoreList, storeLists, type StoreList } from '../../core/marketing/stores';

export interface SubscriberSelection {
  storeId: string;
  list_id?: number | undefined;
  segment?: z.infer<typeof Segment> | undefined;
  search?: string | undefined;
  tag?: string | undefined;
  status?: z.infer<typeof SubscriberStatus> | undefined;
}

/** The status filter on one list, with the export's precedence: blacklisted, bounced, opted out, active. */
function statusOnList(status: z.infer<typeof SubscriberStatus>, listId: number): Domain {
  const optedOut: Domain = ['subscription_ids', 'any', [['list_id', '=', listId], ['opt_out', '=', true]]];
  switch (status) {
    case 'blacklisted':
      return [['is_blacklisted', '=', true]];
    case 'bounced':
      return [['is_blacklisted', '=', false], ['message_bounce', '>', 0]];
    case 'opted_out':
      return [['is_blacklisted', '=', false], ['message_bounce', '=', 0], optedOut];
    case 'active':
      return [['is_blacklisted', '=', false], ['message_bounce', '=', 0], '!', optedOut];
  }
}

/**
 * The subscriber browser's selection as a list and a mailing.contact domain for the export source.
 * A list must belong to the store (ids are never a way into another store's data); a store with
 * one list needs no list id.
 */
export async function resolveSelection(odoo: OdooClient, selection: SubscriberSelection): Promise<{ list: StoreList; domain: Domain }> {
  const lists = await storeLists(odoo, selection.storeId);
  let list: StoreList;
  if (selection.list_id !== undefined) list = requireStoreList(lists, selection.list_id, selection.storeId);
  else if (lists.length === 1 && lists[0]) list = lists[0];
  else {
    throw new AppError('input.invalid', `The store "${selection.storeId}" has several mailing lists: choose the one to export.`, {
      fields: [{ field: 'list_id', problem: 'is required when the store has several lists' }],
    });
  }
  const domain: Domain = [
    ...(selection.segment && selection.segment !== 'all' ? await segmentDomain(odoo, list.id, selection.segment) : []),
    ...(selection.search ? ['|', ['email', 'ilike', selection.search], ['name', 'ilike', selection.search]] : []),
    ...(selection.tag ? [hasTag(selection.tag)] : []),
    ...(selection.status ? statusOnList(selection.status, list.id) : []),
  ];
  return { list, domain };
}
