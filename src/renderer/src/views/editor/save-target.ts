/**
 * Which draft a save writes to. A draft already saved is named with the version the editor knows
 * (drafts.save refuses a stale one, so two windows cannot overwrite each other silently). A new
 * campaign is named with the id the editor chose for it before its first save: when that save's
 * answer is lost, the repeat lands on the same draft instead of making a second one (issue 13).
 */
export function saveTarget(base: { id: string; version: number } | null, newId: string): { id: string; baseVersion?: number } {
  return base ? { id: base.id, baseVersion: base.version } : { id: newId };
}
