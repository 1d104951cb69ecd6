import { AppError } from '../../shared/errors';
import type { OdooClient } from '../core/odoo';

function notConfigured(): AppError {
  return new AppError('odoo.not_configured', 'No Odoo is connected yet. Open Settings to connect your Odoo, or explore the demo workspace.');
}

/**
 * The Odoo client of a console with no active profile: every call fails with odoo.not_configured
 * (HTTP 503), so the services built on it answer with a sentence the owner can act on.
 */
export function unconfiguredOdooClient(): OdooClient {
  const fail = () => Promise.reject(notConfigured());
  return {
    settings: { url: '', database: '', login: '' },
    connect: fail,
    version: fail,
    searchRead: fail,
    read: fail,
    search: fail,
    searchCount: fail,
    readGroup: fail,
    create: fail,
    createMany: fail,
    write: fail,
    unlink: fail,
    fieldsGet: fail,
    copy: fail,
    call: fail,
    close: () => Promise.resolve(),
  };
}
