import { op } from '../rpc';
import * as s from '../schemas/segments';

const base = '/api/stores/:storeId/marketing/segments';

/** The segment builder (issue 17): live counts from Odoo, and segments saved as Odoo's mailing.filter. */
export const segmentOps = {
  'marketing.segments.count': op({ summary: "Odoo's live count of a built segment on a list, and of each of its conditions alone, with the mailing_domain it writes.", input: s.CountSegmentInput, output: s.CountSegmentResult, http: `POST ${base}/count` }),
  'marketing.segments.list': op({ summary: "The store's saved segments (Odoo favourite filters the builder wrote), each with Odoo's count of who it reaches now.", input: s.SegmentRef.pick({ storeId: true }), output: s.SegmentsResult, http: `GET ${base}` }),
  'marketing.segments.save': op({ summary: 'Saves a built segment under a name (a new one, or the one given by id), for the audience picker as saved:<id>.', input: s.SaveSegmentInput, output: s.SavedSegment, http: `POST ${base}` }),
  'marketing.segments.delete': op({ summary: "Deletes one of the store's saved segments; campaigns written with it keep their audience.", input: s.SegmentRef, output: s.DeleteSegmentResult, http: `DELETE ${base}/:id` }),
};
