import { AppError, type ErrorCode } from '../../../shared/errors';
import { MailingModel, type ConnectionProblem, type ConnectionReport, type ModelRights } from '../../../shared/schemas/profile';
import type { OdooClient, OdooConnectionSettings } from '../odoo/types';
import type { OdooConnection } from './connection';
import { probeStoreIsolation } from './store-isolation';

export type OdooClientFactory = (settings: OdooConnectionSettings) => OdooClient;

const MODEL_LABEL: Record<MailingModel, string> = {
  'mailing.list': 'mailing lists',
  'mailing.contact': 'subscribers',
  'mailing.mailing': 'campaigns',
  'mailing.trace': 'delivery statistics',
};

interface Probe<T> {
  value: T | null;
  error: AppError | undefined;
}

async function probe<T>(work: () => Promise<T>): Promise<Probe<T>> {
  try {
    return { value: await work(), error: undefined };
  } catch (error) {
    if (error instanceof AppError) return { value: null, error };
    throw error;
  }
}

const denied = (error: AppError | undefined) => error?.code === 'odoo.access_denied';

/**
 * Create/write rights as a plain boolean. Odoo 18+ has the public record method has_access
 * (odoo19-json2-wire/119, 120; on no records it is the model-level check) and deprecates
 * check_access_rights(operation, raise_exception=False), which older servers still need. A server
 * without either answers odoo.unknown_method: the right is then unknown (null), not refused.
 */
async function hasAccess(client: OdooClient, major: number, model: MailingModel, operation: 'create' | 'write'): Promise<boolean | null> {
  const { value, error } = await probe(() =>
    major >= 18
      ? client.call(model, 'has_access', [], { operation }, { mutating: false, onRecords: true })
      : client.call(model, 'check_access_rights', [], { operation, raise_exception: false }, { mutating: false }),
  );
  if (typeof value === 'boolean') return value;
  return denied(error) ? false : null;
}

/**
 * Read rights by a search_count probe: it works on every Odoo version and a user without read
 * access gets AccessError (odoo18-wire/096-error-AccessError-no-rights-read.json).
 */
async function rightsOn(client: OdooClient, major: number, model: MailingModel): Promise<{ rights: ModelRights; error: AppError | undefined }> {
  const read = await probe(() => client.searchCount(model, [['id', '=', 0]]));
  if (read.error && !denied(read.error)) return { rights: { model, read: null, create: null, write: null }, error: read.error };
  const [create, write] = await Promise.all([hasAccess(client, major, model, 'create'), hasAccess(client, major, model, 'write')]);
  return { rights: { model, read: read.error ? false : true, create, write }, error: undefined };
}

/** `ir.module.module` tells whether Email Marketing is installed; users without Settings rights may not read it. */
async function massMailingState(client: OdooClient): Promise<boolean | null> {
  const { value } = await probe(() => client.searchRead('ir.module.module', [['name', '=', 'mass_mailing']], ['state'], { limit: 1 }));
  if (!value) return null;
  return value.some((row) => row.state === 'installed');
}

function emptyReport(profileId: string, login: string, now: () => Date): ConnectionReport {
  return { profileId, ok: false, summary: '', checkedAt: now().toISOString(), serverVersion: null, protocol: null, login, uid: null, massMailingInstalled: null, rights: [], problems: [] };
}

/** The report for a profile that cannot even be tried (no API key saved yet). */
export function notTestedReport(profileId: string, login: string, error: AppError, now: () => Date): ConnectionReport {
  return { ...emptyReport(profileId, login, now), summary: error.message, problems: [problem(error.code, error.message)] };
}

function problem(code: ErrorCode, message: string): ConnectionProblem {
  return { code, message };
}

/**
 * Connects with a profile's settings and reports, for people, whether the console can work with
 * that Odoo: version, protocol, login, Email Marketing installed, rights on the mailing models.
 * Never throws for a connection problem: every failure becomes a problem in the report.
 */
export async function testOdooConnection(options: {
  profileId: string;
  connection: OdooConnection;
  createClient: OdooClientFactory;
  now: () => Date;
}): Promise<ConnectionReport> {
  const { profileId, connection, createClient, now } = options;
  const report = emptyReport(profileId, connection.login, now);
  const client = createClient({ ...connection, readRetries: 0 });
  try {
    const connected = await probe(() => client.connect());
    if (!connected.value) {
      const error = connected.error ?? new AppError('odoo.unreachable', 'The console could not reach Odoo.');
      report.problems.push(problem(error.code, error.message));
      report.summary = `Could not connect to ${connection.url}: ${error.message}`;
      return report;
    }
    report.uid = connected.value.uid;
    report.serverVersion = connected.value.version.serverVersion;
    report.protocol = connected.value.version.protocol;
    const major = connected.value.version.major;

    const [installed, ...perModel] = await Promise.all([massMailingState(client), ...MailingModel.options.map((model) => rightsOn(client, major, model))]);
    report.rights = perModel.map((entry) => entry.rights);
    const missingModel = perModel.some((entry) => entry.error?.code === 'odoo.unknown_model');
    report.massMailingInstalled = installed ?? (missingModel ? false : report.rights.some((r) => r.read === true) ? true : null);
    collectProblems(report, perModel.map((entry) => entry.error));
    if (report.rights.some((r) => r.model === 'mailing.list' && r.read === true)) {
      report.isolation = await probeStoreIsolation(client, connected.value.uid);
      // A store owner's key that sees other stores is not "working": say so as loudly as a failure.
      if (report.isolation.level === 'leaking') report.problems.push(problem('odoo.access_denied', report.isolation.message));
    }
  } finally {
    await client.close().catch(() => undefined);
  }
  report.ok = report.problems.length === 0;
  report.summary = summarize(report);
  return report;
}

function collectProblems(report: ConnectionReport, errors: (AppError | undefined)[]): void {
  if (report.massMailingInstalled === false) {
    report.problems.push(problem('odoo.unknown_model', 'The Email Marketing app (mass_mailing) is not installed on this Odoo. Install it from the Apps menu, then test again.'));
    return;
  }
  const cannot = (right: 'read' | 'create' | 'write') => report.rights.filter((r) => r[right] === false).map((r) => MODEL_LABEL[r.model]);
  const unreadable = cannot('read');
  if (unreadable.length > 0) {
    report.problems.push(problem('odoo.access_denied', `Your Odoo user may not read ${unreadable.join(', ')}. Ask your Odoo administrator for Email Marketing access (group "Email Marketing / User").`));
  }
  const unwritable = [...new Set([...cannot('create'), ...cannot('write')])].filter((label) => !unreadable.includes(label));
  if (unwritable.length > 0) {
    report.problems.push(problem('odoo.access_denied', `Your Odoo user may read but not change ${unwritable.join(', ')}. Ask your Odoo administrator for Email Marketing access.`));
  }
  const other = errors.find((error) => error !== undefined && error.code !== 'odoo.unknown_model');
  if (other) report.problems.push(problem(other.code, other.message));
}

function summarize(report: ConnectionReport): string {
  const who = report.serverVersion ? `Odoo ${report.serverVersion} as ${report.login}` : `Odoo as ${report.login}`;
  const isolation = report.isolation;
  const confined = isolation?.level === 'confined' ? ` Confined to the store "${isolation.storeName ?? isolation.storeId ?? ''}".` : '';
  if (report.ok) return `Connected to ${who} (${report.protocol === 'json2' ? 'JSON-2' : 'JSON-RPC'}); Email Marketing is ready.${confined}`;
  return `Connected to ${who}, but ${report.problems.length === 1 ? 'there is a problem' : `there are ${report.problems.length} problems`}: ${report.problems[0]?.message ?? ''}`;
}
