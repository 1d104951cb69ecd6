/** Model names that differ between Odoo versions. */
export interface ModelNames {
  /** 'mailing.subscription' from 17.0, 'mailing.contact.subscription' in 16.0. */
  subscription: string;
}

export function modelNames(version: string): ModelNames {
  return { subscription: version.startsWith('16.') ? 'mailing.contact.subscription' : 'mailing.subscription' };
}
