import { createHash } from 'node:crypto';

/**
 * What Odoo 19 changed in the session info of /web/session/authenticate (odoo19-json2-wire/220
 * against odoo18-wire/010): a registry hash, quick_login and the user's export group; no
 * cache_hashes, company menu switch or odoobot flag; the discuss store names records by id and
 * adds res.users; partners carry access tokens for their avatar and status.
 */
export function sessionInfo19(info: Record<string, unknown>, db: string, uid: number, userName: string, writeDate: string): Record<string, unknown> {
  const { cache_hashes: _hashes, display_switch_company_menu: _menu, odoobot_initialized: _bot, storeData: _store, ...rest } = info;
  const token = (what: string): string => `${createHash('sha256').update(`${db}:${what}`).digest('hex')}o0x6b2f2f51`;
  const settings = {
    id: 1, embedded_actions_config_ids: {}, is_discuss_sidebar_category_channel_open: true, is_discuss_sidebar_category_chat_open: true, push_to_talk_key: false,
    use_push_to_talk: false, voice_active_duration: 200, channel_notifications: false, user_id: { id: uid }, volumes: [['ADD', []]],
  };
  const partner = (id: number, name: string, active: boolean, imStatus: string, mainUser: number, extra: Record<string, unknown>) => ({
    active, avatar_128_access_token: token(`avatar:${id}`), ...extra, id, im_status: imStatus, im_status_access_token: token(`im_status:${id}`), main_user_id: mainUser, name, write_date: writeDate,
  });
  return {
    ...rest,
    registry_hash: createHash('sha256').update(`registry:${db}`).digest('hex'),
    user_settings: settings,
    quick_login: true,
    currencies: { '1': { name: 'USD', symbol: '$', position: 'before', digits: [69, 2] } },
    groups: { 'base.group_allow_export': true },
    user_companies: { current_company: 1, allowed_companies: { '1': { id: 1, name: 'YourCompany', sequence: 0, child_ids: [], parent_id: false, currency_id: 1 } }, disallowed_ancestor_companies: {} },
    storeData: {
      Store: {
        action_discuss_id: 121, channel_types_with_seen_infos: ['chat', 'group'], hasCannedResponses: true, hasGifPickerFeature: false, hasLinkPreviewFeature: true,
        hasMessageTranslationFeature: false, internalUserGroupId: 1, mt_comment: 1, mt_note: 2, odoobot: 2, self_partner: 3, settings,
      },
      'res.partner': [
        partner(2, 'OdooBot', false, 'bot', 1, { email: 'odoobot@example.com', is_company: false }),
        partner(3, userName, true, 'offline', uid, {}),
      ],
      'res.users': [
        { id: 1, share: false },
        { id: uid, is_admin: uid === 2, notification_type: 'email', share: false, signature: ['markup', `<div>${userName}</div>`] },
      ],
    },
  };
}
