import { describe, expect, it } from 'vitest';
import { exportBaseName, reportTitle } from '../../../src/main/core/export';

const list = { id: 3, name: "Dr. Lee's diabetes patients" };

describe('what a filtered export is called', () => {
  it('says the filters in the report title, so nobody takes it for the whole list', () => {
    expect(reportTitle('Subscriber report', {}, false)).toBe('Subscriber report');
    expect(reportTitle('Subscriber report', { tag: 'VIP', status: 'opted_out', search: 'martin' }, false)).toBe('Subscriber report (filtered: tag “VIP”, opted out, search “martin”)');
    expect(reportTitle('Subscriber report', { segment: 'buyers' }, false)).toBe('Subscriber report (filtered: buyers)');
  });

  it('names the tag and status in the file name, but never the text of a search (it can be a person’s name)', () => {
    expect(exportBaseName('subscribers', { id: 3, name: 'Newsletter' }, false, { tag: 'VIP', status: 'opted_out', search: 'martin' })).toBe('subscribers-newsletter-filtered-tag-vip-opted-out-search');
    expect(exportBaseName('subscribers', { id: 3, name: 'Newsletter' }, false)).toBe('subscribers-newsletter');
  });

  it('keeps a HIPAA profile’s export names to ids, saying only "filtered", and its title free of the search', () => {
    expect(exportBaseName('subscribers', list, true, { tag: 'insulin', search: 'Jane Roe' })).toBe('subscribers-list-3-filtered');
    expect(exportBaseName('subscribers', list, true)).toBe('subscribers-list-3');
    expect(exportBaseName('recipients', { id: 41, name: 'Flu shot reminder' }, true)).toBe('recipients-campaign-41');
    expect(reportTitle('Subscriber report', { search: 'Jane Roe' }, true)).toBe('Subscriber report (filtered: a search)');
  });
});
