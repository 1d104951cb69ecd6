/**
 * A campaign's audience between the console's segments and Odoo's mailing_domain, in one place:
 * - segment → domain: segmentDomain / fixedSegmentDomain (segments.ts), written as a Python literal
 *   by toPythonDomain;
 * - domain → segment: describeAudience / segmentOfDomain, which name a domain the console wrote (or
 *   Odoo's default for a list) and call anything else custom, to be shown and kept, never rewritten;
 * - who Odoo will really mail: sendDomain / countAudience (Odoo's send-time exclusions included);
 * - audienceVersion: a fingerprint an editor gives back so a change made in Odoo meanwhile is a conflict.
 * A segment builder (issue 17) adds its shapes to segmentOfDomain and its writer beside segmentDomain.
 */
export { audienceVersion, describeAudience, segmentOfDomain, type AudienceSource, type DescribedAudience } from './describe';
export { countAudience, keptAtSend, sendDomain } from './count';
export { fixedSegmentDomain, segmentDomain, toPythonDomain } from '../segments';
export { audienceOf } from './detail';
