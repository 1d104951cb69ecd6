import { createMarketing, type KnownStore, type MarketingService } from '../core/marketing';
import { createOdooClient, type OdooClient, type OdooClientDeps, type OdooConnectionSettings } from '../core/odoo';
import type { ProfileManager } from '../core/profiles';
import { unconfiguredOdooClient } from './unconfigured-odoo';

/**
 * Everything the handlers reach, for one active profile. Built by createServices and swapped as a
 * whole by the ServiceHost when the profile changes, so no handler ever mixes two profiles.
 */
export interface Services {
  odoo: OdooClient;
  marketing: MarketingService;
  /** App-wide (not per profile): carried over from one Services to the next. */
  profiles: ProfileManager;
  now: () => Date;
}

export interface ServicesConfig {
  /** null: no profile yet; operations that need Odoo answer odoo.not_configured. */
  odoo: OdooConnectionSettings | null;
  profiles: ProfileManager;
  /** The stores the profile serves, with the names the owner gave them. */
  stores?: readonly KnownStore[];
  now?: () => Date;
  odooDeps?: OdooClientDeps;
}

export function createServices(config: ServicesConfig): Services {
  const now = config.now ?? (() => new Date());
  const odoo = config.odoo ? createOdooClient(config.odoo, config.odooDeps) : unconfiguredOdooClient();
  return { odoo, marketing: createMarketing({ odoo, now, stores: config.stores }), profiles: config.profiles, now };
}
