/**
 * Recordings of odoo18-wire/ the conformance suite does not compare, and why. One place, on purpose.
 * (The suite still replays them, so the requests that follow see the same state.)
 */
export const NOT_MATCHED: Record<string, string> = {};

/**
 * Keys whose value kind legitimately depends on data the peer cannot reproduce bit for bit.
 * Path segments are joined with '.', array indexes as '[]'.
 */
export const LOOSE_PATHS: Record<string, string[]> = {};
