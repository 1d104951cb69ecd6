/**
 * The demo workspace's dynamic templates: what a small store keeps in SendGrid. Ids have SendGrid's
 * shapes (`d-` + 32 hex for dynamic templates, UUIDs for versions) and stay fixed so demo campaigns
 * can refer to them.
 */
export interface PeerTemplateVersion {
  id: string;
  template_id: string;
  active: 0 | 1;
  name: string;
  subject: string;
  html_content: string;
  plain_content: string;
  generate_plain_content: boolean;
  editor: 'code' | 'design';
  updated_at: string;
  thumbnail_url: string;
  test_data: string;
}

export interface PeerTemplate {
  id: string;
  name: string;
  generation: 'legacy' | 'dynamic';
  updated_at: string;
  versions: PeerTemplateVersion[];
}

const STORE = 'Juniper & Pine';
const SITE = 'https://shop.juniperandpine.example';

function layout(title: string, inner: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
</head>
<body style="margin:0;padding:0;background:#f4f1ec;font-family:Helvetica,Arial,sans-serif;color:#2d2a26;">
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0">
    <tr><td align="center" style="padding:24px 12px;">
      <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px;">
        <tr><td style="padding:24px 32px;border-bottom:1px solid #eee;">
          <a href="${SITE}/?utm_source=sendgrid&amp;utm_medium=email"><img src="${SITE}/static/logo.png" alt="${STORE}" width="160" style="display:block;border:0;"></a>
        </td></tr>
${inner}
        <tr><td style="padding:24px 32px;font-size:12px;color:#8a847c;border-top:1px solid #eee;">
          ${STORE} · 18 Orchard Lane · Portland, OR 97205<br>
          You receive this email because you subscribed at ${SITE.replace('https://', '')}.
          <a href="{{{unsubscribe}}}" style="color:#8a847c;">Unsubscribe</a> ·
          <a href="{{{unsubscribe_preferences}}}" style="color:#8a847c;">Email preferences</a>
        </td></tr>
      </table>
    </td></tr>
  </table>
</body>
</html>`;
}

function row(html: string): string {
  return `        <tr><td style="padding:24px 32px;font-size:16px;line-height:24px;">
${html}
        </td></tr>`;
}

function button(href: string, label: string): string {
  return `<a href="${href}" style="display:inline-block;padding:12px 24px;background:#2f6b4f;color:#ffffff;text-decoration:none;border-radius:4px;">${label}</a>`;
}

function plain(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<a [^>]*href="([^"]+)"[^>]*>([^<]*)<\/a>/g, '$2 ($1)')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

function version(templateId: string, spec: { id: string; name: string; subject: string; html: string; active: 0 | 1; updated: string; testData: object }): PeerTemplateVersion {
  return {
    id: spec.id,
    template_id: templateId,
    active: spec.active,
    name: spec.name,
    subject: spec.subject,
    html_content: spec.html,
    plain_content: plain(spec.html),
    generate_plain_content: true,
    editor: 'code',
    updated_at: spec.updated,
    thumbnail_url: `//us-east-2-production-thumbnail-bucket.s3.amazonaws.com/${spec.id.replace(/-/g, '')}.png`,
    test_data: JSON.stringify(spec.testData),
  };
}

export function demoTemplates(): PeerTemplate[] {
  const newsletter = 'd-4f1c2a9e8b7d4c6a9e3f5b1d2c7a8e90';
  const launch = 'd-7b3e9d1a2c4f4e8b9a6d0c5e1f2a3b47';
  const sale = 'd-2c8a6f4e1b9d4a7c8e3f0b5d6a1c9e26';
  const welcome = 'd-9e5d3b1f7a2c4e6d8b0a4c2e6f8a1d53';
  return [
    {
      id: newsletter,
      name: 'Monthly newsletter',
      generation: 'dynamic',
      updated_at: '2025-03-02 09:14:27',
      versions: [
        version(newsletter, {
          id: '5e0f9c1a-3b7d-4e2a-9c8f-1d6b4a2e7c90',
          name: 'Newsletter — spring',
          subject: 'What’s new at Juniper & Pine this month',
          active: 1,
          updated: '2025-03-02 09:14:27',
          testData: { first_name: 'Avery' },
          html: layout('Monthly newsletter', [
            row(`<h1 style="font-size:24px;margin:0 0 12px;">Hi {{first_name}},</h1>
<p>Spring has arrived in the workshop. This month: three new candle scents, a visit to our beeswax supplier and a recipe for lavender shortbread.</p>`),
            row(`<h2 style="font-size:18px;">New scents</h2>
<p>Cedar &amp; Rain, Meyer Lemon and Wild Fig are poured in small batches. ${button(`${SITE}/collections/new?utm_campaign=newsletter`, 'See the new scents')}</p>`),
            row(`<h2 style="font-size:18px;">From the journal</h2>
<p><a href="${SITE}/journal/beeswax-farm-visit">A morning at Hollow Oak Apiary</a> · <a href="${SITE}/journal/lavender-shortbread">Lavender shortbread</a></p>`),
          ].join('\n')),
        }),
        version(newsletter, {
          id: '8a2d6e4c-1f3b-4a9d-8e7c-5b0f2d4a6c13',
          name: 'Newsletter — winter',
          subject: 'Cozy season at Juniper & Pine',
          active: 0,
          updated: '2024-12-01 08:02:11',
          testData: { first_name: 'Avery' },
          html: layout('Winter newsletter', row(`<h1 style="font-size:24px;">Hi {{first_name}},</h1>
<p>Our winter collection is here. ${button(`${SITE}/collections/winter`, 'Shop winter')}</p>`)),
        }),
      ],
    },
    {
      id: launch,
      name: 'Product launch',
      generation: 'dynamic',
      updated_at: '2025-02-18 16:40:05',
      versions: [
        version(launch, {
          id: 'c7d1e3f5-9a2b-4c6d-8e0f-2a4b6c8d0e1f',
          name: 'Launch — ceramic diffuser',
          subject: '{{first_name}}, meet the Juniper ceramic diffuser',
          active: 1,
          updated: '2025-02-18 16:40:05',
          testData: { first_name: 'Avery', product_name: 'Ceramic diffuser', price: '$48' },
          html: layout('Product launch', [
            row(`<img src="${SITE}/static/products/ceramic-diffuser.jpg" alt="Ceramic diffuser" width="536" style="display:block;border-radius:6px;">
<h1 style="font-size:26px;margin:20px 0 8px;">Introducing the {{product_name}}</h1>
<p>Hand-thrown in Portland, glazed in sage and oat. {{first_name}}, subscribers get first pick before it opens to everyone on Friday.</p>
<p style="font-size:20px;font-weight:bold;">{{price}}</p>
<p>${button(`${SITE}/products/ceramic-diffuser?utm_campaign=launch`, 'Pre-order now')}</p>`),
            row(`<p>Questions? Reply to this email or write to <a href="mailto:hello@juniperandpine.example">hello@juniperandpine.example</a>.</p>`),
          ].join('\n')),
        }),
      ],
    },
    {
      id: sale,
      name: 'Seasonal sale',
      generation: 'dynamic',
      updated_at: '2025-03-20 11:05:48',
      versions: [
        version(sale, {
          id: '1b3d5f7a-9c2e-4f6a-8b0d-3e5f7a9c1b2d',
          name: 'Sale — 20% off',
          subject: '20% off everything until Sunday',
          active: 1,
          updated: '2025-03-20 11:05:48',
          testData: { first_name: 'Avery', discount_code: 'SPRING20', ends_on: 'Sunday' },
          html: layout('Seasonal sale', [
            row(`<h1 style="font-size:28px;margin:0;">20% off everything</h1>
<p>{{#if first_name}}{{first_name}}, our{{else}}Our{{/if}} spring sale runs until {{ends_on}}. Use code <strong>{{discount_code}}</strong> at checkout.</p>
<p>${button(`${SITE}/collections/all?discount={{discount_code}}`, 'Shop the sale')}</p>`),
            row(`<p><a href="${SITE}/collections/candles">Candles</a> · <a href="${SITE}/collections/diffusers">Diffusers</a> · <a href="${SITE}/collections/gift-sets">Gift sets</a></p>`),
          ].join('\n')),
        }),
      ],
    },
    {
      id: welcome,
      name: 'Welcome series — email 1',
      generation: 'dynamic',
      updated_at: '2025-01-09 13:22:30',
      versions: [
        version(welcome, {
          id: 'e4f6a8c0-2b4d-4e6f-9a1c-3d5e7f9b1c2a',
          name: 'Welcome',
          subject: 'Welcome to Juniper & Pine, {{first_name}}',
          active: 1,
          updated: '2025-01-09 13:22:30',
          testData: { first_name: 'Avery', email: 'avery@example.com' },
          html: layout('Welcome', [
            row(`<h1 style="font-size:24px;">Welcome, {{first_name}}!</h1>
<p>Thanks for joining us. We’ll write about once a month with new scents, workshop news and subscriber-only offers, sent to {{email}}.</p>
<p>${button(`${SITE}/pages/our-story`, 'Read our story')}</p>`),
            row(`<p>Not sure where to start? Our <a href="${SITE}/collections/best-sellers">best sellers</a> are a good first candle.</p>`),
          ].join('\n')),
        }),
      ],
    },
  ];
}
