import { op } from '../rpc';
import * as ab from '../schemas/ab';
import { CampaignRef } from '../schemas/marketing';

const base = '/api/stores/:storeId/marketing/campaigns/:campaignId/ab';

/** A/B tests on Odoo's own A/B testing (mailing.mailing ab_testing_*), issue 17. */
export const abOps = {
  'marketing.campaigns.ab.get': op({ summary: "A campaign's A/B test: its versions side by side, the confidence of the difference, and the winner once sent.", input: CampaignRef, output: ab.AbTest, http: `GET ${base}` }),
  'marketing.campaigns.ab.save': op({ summary: 'Turns a draft into an A/B test of 2–3 versions (subject, sender name, or body edited per version), or changes its versions, test share, winner selection and winner date.', input: ab.SaveAbTestInput, output: ab.AbTest, http: `PUT ${base}` }),
  'marketing.campaigns.ab.remove': op({ summary: "Ends a draft's A/B test: its other versions are deleted and the campaign is a single email again.", input: CampaignRef, output: ab.AbTest, http: `DELETE ${base}` }),
  'marketing.campaigns.ab.winner': op({ summary: 'Sends the winner to everyone the test did not reach now: the version named, or the one Odoo picks by the winner selection.', input: ab.PickWinnerInput, output: ab.AbTest, http: `POST ${base}/winner` }),
};
