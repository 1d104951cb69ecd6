import { userContext } from '../models/base';
import type { Database } from '../orm/env';
import { sessionInfo19 } from './session-info-19';

/** /web/session/authenticate and get_session_info answer this shape (odoo18-wire/010, 230). */
export function sessionInfo(db: Database, uid: number, baseUrl: string): Record<string, unknown> {
  const user = db.store('res.users').records.get(uid);
  const version = db.services.version;
  const major = Number(version.split('.')[0]);
  const settings = { id: 1, user_id: { id: uid }, is_discuss_sidebar_category_channel_open: true, is_discuss_sidebar_category_chat_open: true, push_to_talk_key: false, use_push_to_talk: false, voice_active_duration: 200, channel_notifications: false, mute_until_dt: false, volumes: [['ADD', []]] };
  const view = (display_name: string, icon: string, multi_record: boolean) => ({ display_name, icon, multi_record });
  const info: Record<string, unknown> = {
    uid,
    is_system: uid === 2,
    is_admin: uid === 2,
    is_public: false,
    is_internal_user: uid === 2,
    user_context: userContext(db, uid),
    db: db.name,
    user_settings: settings,
    server_version: version,
    server_version_info: [major, 0, 0, 'final', 0, ''],
    support_url: 'https://www.odoo.com/buy',
    name: String(user?.name ?? ''),
    username: String(user?.login ?? ''),
    partner_write_date: String(user?.write_date ?? ''),
    partner_display_name: `YourCompany, ${String(user?.name ?? '')}`,
    partner_id: 3,
    'web.base.url': baseUrl,
    active_ids_limit: 20000,
    profile_session: null,
    profile_collectors: null,
    profile_params: null,
    max_file_upload_size: 134217728,
    home_action_id: false,
    cache_hashes: { translations: '0000000000000000000000000000000000000000', load_menus: '0000000000000000000000000000000000000000' },
    currencies: { '1': { symbol: '$', position: 'before', digits: [69, 2] } },
    bundle_params: { lang: 'en_US' },
    test_mode: false,
    view_info: {
      list: view('List', 'oi oi-view-list', true),
      form: view('Form', 'fa fa-address-card', false),
      graph: view('Graph', 'fa fa-area-chart', true),
      pivot: view('Pivot', 'oi oi-view-pivot', true),
      calendar: view('Calendar', 'fa fa-calendar', true),
      kanban: view('Kanban', 'oi oi-view-kanban', true),
      search: view('Search', 'oi oi-search', true),
      activity: view('Activity', 'fa fa-clock-o', true),
    },
    user_companies: { current_company: 1, allowed_companies: { '1': { id: 1, name: 'YourCompany', sequence: 0, child_ids: [], parent_id: false } }, disallowed_ancestor_companies: {} },
    show_effect: true,
    display_switch_company_menu: false,
    websocket_worker_version: `${version}-2`,
    tour_enabled: false,
    current_tour: null,
    storeData: {
      Store: { action_discuss_id: 121, channel_types_with_seen_infos: ['chat', 'group'], hasGifPickerFeature: false, hasLinkPreviewFeature: true, hasMessageTranslationFeature: false, internalUserGroupId: 1, mt_comment_id: 1, odoobot: { id: 2, type: 'partner' }, self: { id: 3, type: 'partner' }, settings },
      'res.partner': [
        { active: false, email: 'odoobot@example.com', id: 2, im_status: 'bot', isInternalUser: true, is_company: false, name: 'OdooBot', userId: 1, write_date: String(user?.write_date ?? '') },
        { active: true, id: 3, isAdmin: uid === 2, isInternalUser: true, name: String(user?.name ?? ''), notification_preference: 'email', userId: uid, write_date: String(user?.write_date ?? '') },
      ],
    },
    odoobot_initialized: false,
    iap_company_enrich: true,
  };
  return major >= 19 ? sessionInfo19(info, db.name, uid, String(user?.name ?? ''), String(user?.write_date ?? '')) : info;
}
