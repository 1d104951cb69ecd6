/** Model and field names that differ between Odoo versions. */
export interface ModelNames {
  /** 'mailing.subscription' from 17.0, 'mailing.contact.subscription' in 16.0. */
  subscription: string;
  /** res.users' groups: 'groups_id' up to 18.0, 'group_ids' from 19.0 (res_users.py). */
  userGroups: 'groups_id' | 'group_ids';
  /** res.groups' users: 'users' up to 18.0, 'user_ids' from 19.0. */
  groupUsers: 'users' | 'user_ids';
}

export function modelNames(version: string): ModelNames {
  const major = Number(version.split('.')[0]);
  return {
    subscription: version.startsWith('16.') ? 'mailing.contact.subscription' : 'mailing.subscription',
    userGroups: major >= 19 ? 'group_ids' : 'groups_id',
    groupUsers: major >= 19 ? 'user_ids' : 'users',
  };
}
