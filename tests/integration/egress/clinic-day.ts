import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserMode, type BrowserMode } from '../../../src/main/host/browser-mode';
import { createSendgrid } from '../../../src/main/core/sendgrid';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { createSendgridDelivery, SENDGRID_DEMO_API_KEY, startSendgridPeer, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { createApi, type Client } from '../../../src/renderer/src/api/client';
import { httpTransport } from '../../../src/renderer/src/api/http-transport';
import type { AppContract } from '../../../src/shared/contract';
import { starterLayout, type EmailDocumentIn } from '../../../src/shared/email';
import { startEgressRecorder, type EgressRecorder } from '../../support/egress-recorder';

export const STORE_ID = DEMO_STORE.id;
/** Loopback addresses of their own, so a connection's destination says which server it went to. */
export const CLINIC_ODOO_HOST = '127.0.0.2';
export const SENDGRID_STAND_IN_HOST = '127.0.0.3';
export const PASSPHRASE = 'front desk passphrase';
/** Where the clinic sends its test emails: staff, not a patient. */
export const FRONT_DESK = 'frontdesk@riverside-clinic.test';

/** The clinic's patients imported during the day: every address and name the leak scan looks for. */
export const PATIENTS = [
  { email: 'ada.quinlan@patients-mail.test', name: 'Ada Quinlan' },
  { email: 'bram.okafor@patients-mail.test', name: 'Bram Okafor' },
  { email: 'celia.vantongeren@patients-mail.test', name: 'Celia Vantongeren' },
  { email: 'dov.halvorsen@patients-mail.test', name: 'Dov Halvorsen' },
  { email: 'eun.ji.marsh@patients-mail.test', name: 'Eun-ji Marsh' },
] as const;
const FLU_TAG = 'flu-2026';
/** The demo SendGrid account's newsletter template: the campaign starts from it, then gets the clinic's own body. */
const SENDGRID_TEMPLATE = 'd-4f1c2a9e8b7d4c6a9e3f5b1d2c7a8e90';

/** Where the day runs: the console's API (over HTTP or the desktop's IPC), the clinic's Odoo, and the host serving downloads. */
export interface DayPlace {
  api: Client<AppContract>;
  odoo: OdooPeer;
  /** The console's loopback host (one-time download links are relative to it). */
  baseUrl: string;
}

export interface Clinic extends DayPlace {
  recorder: EgressRecorder;
  odoo: OdooPeer;
  sendgrid: SendgridPeer | null;
  served: BrowserMode;
  api: Client<AppContract>;
  /** The console's own listening address: what reaches it (the test's calls, SendGrid's webhook) comes in, it does not go out. */
  ownAddress: string;
  odooAddress: string;
  sendgridAddress: string | null;
  work: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A clinic's console in browser mode on its own Odoo (the peer on 127.0.0.2), started with the
 * egress recorder already running, so every connection the process opens from the first is seen.
 * With `sendgrid`, the clinic's Odoo relays through SendGrid and the console reaches SendGrid's API,
 * both played by the SendGrid peer on 127.0.0.3.
 */
export async function openClinic(options: { sendgrid: boolean }): Promise<Clinic> {
  const recorder = startEgressRecorder();
  const work = await mkdtemp(join(tmpdir(), 'markket-clinic-'));
  const odoo = await startOdooPeer({ host: CLINIC_ODOO_HOST, seed: 'demo', contactCount: 40 });
  const sendgrid = options.sendgrid ? await startSendgridPeer({ host: SENDGRID_STAND_IN_HOST, seed: 'demo' }) : null;
  // Odoo's SMTP relay to SendGrid, played by the peers: each mail the clinic's Odoo sends becomes a mail/send.
  if (sendgrid) odoo.setDeliver(createSendgridDelivery(createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, baseUrl: sendgrid.url })));
  const dataDir = join(work, 'console');
  const served = await startBrowserMode({
    demo: false,
    envOdoo: { odoo: { url: odoo.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, protocol: 'auto' }, storeId: STORE_ID },
    dataDir,
    temporaryDataDir: true,
    ...(sendgrid ? { sendgridBaseUrl: sendgrid.url } : {}),
  });
  const api = createApi(httpTransport({ baseUrl: served.url, token: served.token }));
  return {
    recorder, odoo, sendgrid, served, api, work, dataDir, baseUrl: served.url,
    ownAddress: `127.0.0.1:${served.port}`,
    odooAddress: `${CLINIC_ODOO_HOST}:${odoo.port}`,
    sendgridAddress: sendgrid ? `${SENDGRID_STAND_IN_HOST}:${sendgrid.port}` : null,
    async close() {
      await served.close();
      await odoo.close();
      await sendgrid?.close();
      recorder.stop();
      await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    },
  };
}

// The front desk's photo as the editor reads it from a file (a real 1×1 PNG, kept small).
const FRONT_DESK_PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';

/** The campaign body: the clinic's own letter with a picture added from this computer and a merge field. */
function fluLetter(): EmailDocumentIn {
  const letter = starterLayout('letter', { store_name: 'Riverside Family Clinic', postal_address: '4 River Road\nSpringfield' });
  return {
    ...letter,
    blocks: [
      { id: 'pic', type: 'image', src: FRONT_DESK_PHOTO, alt: 'The clinic front desk' },
      ...letter.blocks,
    ],
  };
}

export interface DayResult {
  campaignId: string;
  exportNames: string[];
}

/**
 * The working day the issue lists, as the renderer would do it over the loopback API: connect and
 * set up, import patients, write a campaign with an image and send a test, send it to a segment and
 * read its figures, export encrypted reports, lock and unlock.
 */
export async function runWorkingDay(clinic: DayPlace, options: { sendgrid: boolean }): Promise<DayResult> {
  const { api } = clinic;
  // Connect and set up: the profile goes into HIPAA mode (delivery through the clinic's own Odoo
  // unless SendGrid is acknowledged), then the store's Odoo setup runs.
  const { profile } = await api.call('profiles.active', {});
  if (!profile) throw new Error('browser mode started without a profile');
  await api.call('profiles.testConnection', { id: profile.id });
  // The clinic used SendGrid before it went HIPAA: its key stays saved either way, and only the
  // acknowledged choice of SendGrid delivery may bring SendGrid back into the day.
  await api.call('profiles.setSecret', { id: profile.id, secret: 'sendgrid', value: SENDGRID_DEMO_API_KEY });
  await api.call('profiles.update', {
    id: profile.id,
    hipaa: { enabled: true, idleLockMinutes: 15 },
    ...(options.sendgrid ? { sendgrid: { delivery: 'sendgrid-relay' as const }, acknowledgeSendgridNoBaa: true } : {}),
  });
  await api.call('session.setPassphrase', { passphrase: PASSPHRASE });
  await api.call('setup.apply', { storeId: STORE_ID });

  // Import the patients who are due a flu shot.
  const csv = ['email,name,tags', ...PATIENTS.map((p) => `${p.email},${p.name},${FLU_TAG}`)].join('\n');
  const imported = await api.call('subscribers.import', { storeId: STORE_ID, csv, permission: true });
  if (imported.counts.created !== PATIENTS.length) throw new Error(`import failed: ${JSON.stringify(imported.rows)}`);
  await api.call('marketing.subscribers.list', { storeId: STORE_ID, search: PATIENTS[0].name });

  // Write the campaign with an image, check it, send it to the segment.
  const { lists } = await api.call('marketing.lists', { storeId: STORE_ID });
  const listId = lists[0]!.id;
  const created = await api.call('marketing.campaigns.create', { storeId: STORE_ID, subject: 'Flu shots are in', sendgrid_template_id: SENDGRID_TEMPLATE, list_id: listId, segment: `tag:${FLU_TAG}`, client_request_id: 'clinic-day-flu-shots' });
  await api.call('email.render', { document: fluLetter(), recipient: { name: PATIENTS[1].name, email: PATIENTS[1].email } });
  await api.call('marketing.campaigns.body.save', { storeId: STORE_ID, campaignId: created.campaign_id, document: fluLetter() });
  // The photo is now the mailing's attachment on the clinic's Odoo; "Load images" in the preview
  // has the console fetch it from there (the only host the recorder may see).
  const saved = await api.call('marketing.campaigns.body.get', { storeId: STORE_ID, campaignId: created.campaign_id });
  const photo = saved.document?.blocks.find((b) => b.type === 'image');
  if (photo?.type !== 'image' || !photo.src.startsWith('/web/image/')) throw new Error(`the photo was not uploaded to the Odoo: ${photo?.type === 'image' ? photo.src.slice(0, 40) : 'no image'}`);
  const { images } = await api.call('email.images.load', { srcs: [photo.src] });
  if (!images[0]?.data_url?.startsWith('data:image/png;base64,')) throw new Error(`the photo did not load from the Odoo: ${images[0]?.problem ?? 'no answer'}`);
  // A test to the front desk before the real send (through Odoo's test wizard, or SendGrid when it delivers).
  await api.call('marketing.campaigns.test_send', { storeId: STORE_ID, campaignId: created.campaign_id, emails: [FRONT_DESK] });
  const check = await api.call('marketing.campaigns.precheck', { storeId: STORE_ID, campaignId: created.campaign_id });
  await api.call('marketing.campaigns.send', { storeId: STORE_ID, campaignId: created.campaign_id, acknowledge: check.issues.filter((i) => i.severity === 'warning').map((i) => i.code) });
  await clinic.odoo.processQueue();
  await clinic.odoo.whenIdle();

  // Read the figures.
  await api.call('marketing.campaigns.get', { storeId: STORE_ID, campaignId: created.campaign_id });
  await api.call('marketing.campaigns.report', { storeId: STORE_ID, campaignId: created.campaign_id });
  await api.call('marketing.campaigns.recipients', { storeId: STORE_ID, campaignId: created.campaign_id });
  await api.call('marketing.overview', { storeId: STORE_ID });

  // Export encrypted reports and download them (browser mode's one-time links).
  const exports = [
    await api.call('export.subscribers', { storeId: STORE_ID, list_id: listId, format: 'pdf', password: 'clinic export password' }),
    await api.call('export.campaignRecipients', { storeId: STORE_ID, campaignId: created.campaign_id, format: 'xlsx', password: 'clinic export password' }),
  ];
  for (const done of exports) await (await fetch(`${clinic.baseUrl}${done.download?.url}`)).arrayBuffer();

  // Lock and unlock.
  await api.call('session.lock', {});
  await api.call('session.unlock', { passphrase: PASSPHRASE });
  await api.call('marketing.campaigns.list', { storeId: STORE_ID });
  return { campaignId: created.campaign_id, exportNames: exports.map((e) => e.fileName) };
}
