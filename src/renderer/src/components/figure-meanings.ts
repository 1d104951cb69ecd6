/**
 * What each figure the console shows counts, in a store owner's words. One place, so the overview,
 * the campaign list, the stats view and the subscriber screens say the same thing, and each sentence
 * says what the code computes (core/marketing/stats.ts, figures.ts, overview.ts, unsubscribes.ts):
 * Odoo keeps one trace per recipient, open and click rates are unique people over mails delivered,
 * bounce rates over mails sent.
 */
export const MEANING = {
  subscribers:
    "People a campaign to all your store's lists would reach today: on a list, not opted out, not blacklisted, with a valid address. Someone on two lists counts once.",
  campaignsSent: 'Campaigns Odoo has finished sending, all time. An A/B test counts as one campaign: its versions and its winner together.',
  averageOpenRate:
    "The mean of each sent campaign's open rate (people who opened ÷ mails delivered), so a small campaign weighs as much as a big one. Campaigns with nothing delivered are left out.",
  averageClickRate:
    "The mean of each sent campaign's click rate (people who clicked ÷ mails delivered). Campaigns with nothing delivered are left out.",
  recipients: 'People Odoo tried to mail: everyone the campaign was addressed to, less those left out before sending (opted out, blacklisted, invalid address).',
  openRate:
    'People who opened, of the mails delivered. Each person counts once however often they opened. Some mail apps hide opens, so the true share can be higher.',
  clickRate: 'People who clicked a link, of the mails delivered. Each person counts once however many links they clicked.',
  sent: 'Mails handed to the mail server, bounced ones included. People left out before sending (opted out, blacklisted, invalid address) are not counted.',
  delivered: 'Mails that reached an inbox: sent, less those that bounced or failed.',
  bounced: 'Mails the receiving server refused (no such mailbox, mailbox full). The share is of mails sent.',
  opensTotal: 'Every open, repeat opens included, as SendGrid counts them. Where only Odoo counts, each person counts once and this equals unique opens.',
  uniqueOpens: 'People who opened this campaign at least once.',
  clicksTotal: 'Every click, repeat clicks included, as SendGrid counts them. Where only Odoo counts, each person counts once and this equals unique clicks.',
  uniqueClicks: 'People who clicked at least one link in this campaign.',
  unsubscribed:
    "People who left through this campaign's unsubscribe link, credited to the latest campaign they got before leaving. Opt-outs made in the console or by an Odoo user are not counted. The share is of mails delivered.",
  storeSubscribers: "Everyone on your store's lists, counted once each, including people who opted out or are blacklisted (the Overview counts only those a campaign would reach).",
  listContacts: 'People a campaign to this list would reach: subscribed, not blacklisted, with a valid address.',
  campaignsReceived: "Your store's campaigns delivered to this person (bounced mails not counted).",
  lastOpened: 'When this person last opened one of your campaigns, as far as their mail app lets Odoo tell.',
} as const;

export type FigureMeaning = keyof typeof MEANING;
