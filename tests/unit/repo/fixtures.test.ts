import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_SETS, MissingFixtureError, fixtureDir, fixtureFiles, readFixture } from '../../support/fixtures';

describe('the recorded Odoo servers travel with the repository', () => {
  it('has every recorded server, each with its README and numbered recordings', () => {
    for (const set of FIXTURE_SETS) expect(fixtureFiles(set).length).toBeGreaterThan(100);
  });

  it('keeps the Odoo 18 to 19 field diff beside the JSON-2 recordings', () => {
    expect(existsSync(path.join(fixtureDir('odoo19-json2-wire'), 'fields_get-diff-18-to-19.json'))).toBe(true);
  });

  it('names the missing folder at once when a checkout lacks the recordings', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'markket-no-fixtures-'));
    expect(() => fixtureFiles('odoo18-wire', empty)).toThrow(MissingFixtureError);
    expect(() => fixtureFiles('odoo18-wire', empty)).toThrow(/odoo18-wire is missing.*git checkout -- tests\/fixtures\/odoo18-wire/);
  });

  it('names the missing recording when one file is gone', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'markket-some-fixtures-'));
    mkdirSync(path.join(root, 'odoo18-wire'));
    writeFileSync(path.join(root, 'odoo18-wire', 'README.md'), '# notes\n');
    writeFileSync(path.join(root, 'odoo18-wire', '001-common-version.json'), '{}');
    expect(() => readFixture('odoo18-wire', '080', root)).toThrow(/odoo18-wire\/080\*\.json is missing/);
  });

  it('refuses a folder whose README went missing', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'markket-no-readme-'));
    mkdirSync(path.join(root, 'odoo19-json2-wire'));
    expect(() => fixtureFiles('odoo19-json2-wire', root)).toThrow(/README\.md is missing/);
  });
});
