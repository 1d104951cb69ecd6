import { afterEach, describe, expect, it } from 'vitest';
import { demoTemplates, SENDGRID_DEMO_API_KEY, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { peerAndClient, rejectionOf } from './helpers';

let peer: SendgridPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

function extraTemplate(i: number) {
  const [base] = demoTemplates();
  const id = `d-${i.toString(16).padStart(32, '0')}`;
  return { ...base!, id, name: `Extra ${i}`, versions: base!.versions.map((v) => ({ ...v, template_id: id })) };
}

describe('SendGrid dynamic templates', () => {
  it('lists only dynamic templates, paging through every page of 200', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    for (let i = 1; i <= 230; i++) peer.templates.add(extraTemplate(i));
    const templates = await setup.client.listTemplates();
    expect(templates).toHaveLength(234);
    expect(templates.every((t) => t.generation === 'dynamic')).toBe(true);
    expect(peer.requests.filter((r) => r.path === '/v3/templates')).toHaveLength(2);
  });

  it('answers 400 naming page_size when a template list omits it, as SendGrid does', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const response = await fetch(`${peer.url}/v3/templates?generations=dynamic`, { headers: { Authorization: `Bearer ${SENDGRID_DEMO_API_KEY}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ field: 'page_size', message: 'page_size is required' }] });
  });

  it('returns legacy templates only when generations is not given (SendGrid’s default)', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const response = await fetch(`${peer.url}/v3/templates?page_size=10`, { headers: { Authorization: `Bearer ${SENDGRID_DEMO_API_KEY}` } });
    const body = (await response.json()) as { result: { generation: string }[]; _metadata: { count: number } };
    expect(body.result.map((t) => t.generation)).toEqual(['legacy']);
    expect(body._metadata.count).toBe(1);
  });

  it('links pages through _metadata next and prev', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const auth = { headers: { Authorization: `Bearer ${SENDGRID_DEMO_API_KEY}` } };
    const first = (await (await fetch(`${peer.url}/v3/templates?generations=dynamic&page_size=3`, auth)).json()) as { result: unknown[]; _metadata: Record<string, string | number> };
    expect(first.result).toHaveLength(3);
    expect(first._metadata).toMatchObject({ count: 4 });
    expect(first._metadata['prev']).toBeUndefined();
    const second = (await (await fetch(String(first._metadata['next']), auth)).json()) as { result: unknown[]; _metadata: Record<string, string | number> };
    expect(second.result).toHaveLength(1);
    expect(second._metadata['next']).toBeUndefined();
    expect(second._metadata['prev']).toBeDefined();
  });

  it('reads a template with all its versions', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const template = await setup.client.getTemplate('d-4f1c2a9e8b7d4c6a9e3f5b1d2c7a8e90');
    expect(template.name).toBe('Monthly newsletter');
    expect(template.versions.map((v) => v.active)).toEqual([1, 0]);
  });

  it('reads the active version with its HTML, plain text, subject, thumbnail and test data', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const version = await setup.client.getActiveVersion('d-7b3e9d1a2c4f4e8b9a6d0c5e1f2a3b47');
    expect(version.active).toBe(1);
    expect(version.subject).toBe('{{first_name}}, meet the Juniper ceramic diffuser');
    expect(version.html_content).toContain('{{first_name}}');
    expect(version.html_content).toContain('{{{unsubscribe}}}');
    expect(version.html_content).toMatch(/href="https:\/\//);
    expect(version.plain_content.length).toBeGreaterThan(50);
    expect(version.thumbnail_url).toMatch(/\.png$/);
    expect(JSON.parse(version.test_data ?? '{}')).toMatchObject({ first_name: 'Avery' });
  });

  it('maps an unknown template id to sendgrid.not_found', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const error = await rejectionOf(setup.client.getActiveVersion('d-00000000000000000000000000000000'));
    expect(error.code).toBe('sendgrid.not_found');
  });

  it('reports a template without an active version as not found, naming it', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const template = extraTemplate(999);
    peer.templates.add({ ...template, name: 'Draft only', versions: template.versions.map((v) => ({ ...v, active: 0 as const })) });
    const error = await rejectionOf(setup.client.getActiveVersion(template.id));
    expect(error.code).toBe('sendgrid.not_found');
    expect(error.message).toContain('Draft only');
  });
});
