/**
 * Vitest global setup: before any test file starts, every recorded server must be present. Without
 * them the run stops here with the missing folder named, instead of every replay test timing out.
 */
import { FIXTURE_SETS, fixtureFiles } from './fixtures';

export default function checkFixtures(): void {
  for (const set of FIXTURE_SETS) fixtureFiles(set);
}
