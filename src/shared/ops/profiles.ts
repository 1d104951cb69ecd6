import { op } from '../rpc';
import * as p from '../schemas/profile';
import { z } from 'zod';

/**
 * Profiles: which Odoo the console works against. Served over IPC and POST /api/rpc/<name>.
 * Secrets flow one way: `profiles.setSecret` takes a key, and no output ever carries one —
 * only `secrets: { odooApiKey: boolean, sendgridApiKey: boolean }`.
 */
export const profileOps = {
  'profiles.list': op({ summary: 'Every saved profile, and which one is active.', input: z.strictObject({}), output: p.ProfilesList }),
  'profiles.create': op({ summary: 'Saves a new profile (API keys go to the OS keychain).', input: p.CreateProfileInput, output: p.ProfileView }),
  'profiles.update': op({ summary: "Changes a profile's settings; a HIPAA profile needs an acknowledgment to deliver through SendGrid.", input: p.UpdateProfileInput, output: p.ProfileView }),
  'profiles.delete': op({ summary: 'Deletes a profile and its keychain entries.', input: p.ProfileRef, output: p.DeleteProfileResult }),
  'profiles.setSecret': op({ summary: "Saves or replaces a profile's Odoo or SendGrid API key; the answer only says it is set.", input: p.SetSecretInput, output: p.ProfileView }),
  'profiles.testConnection': op({ summary: "Connects to the profile's Odoo and reports version, login, Email Marketing and rights.", input: p.ProfileRef, output: p.ConnectionReport }),
  'profiles.activate': op({ summary: 'Switches the console to a profile (services rebuilt, caches dropped).', input: p.ProfileRef, output: p.ProfileView }),
  'profiles.active': op({ summary: 'The active profile, or null, and whether this is the first run.', input: z.strictObject({}), output: p.ActiveProfile }),
};
