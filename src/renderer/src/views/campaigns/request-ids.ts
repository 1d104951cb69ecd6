/**
 * One request id per action on a campaign until that action succeeds. When an answer is lost (the
 * connection dropped after Odoo made the copy), clicking again repeats the same request, which the
 * server recognises by its id and answers with the copy it already made: a retry never makes a
 * second copy. A fresh id is minted only after a success.
 */
export function createRequestIds(mint: () => string = () => crypto.randomUUID()) {
  const pending = new Map<string, string>();
  return {
    for(key: string): string {
      const known = pending.get(key);
      if (known) return known;
      const id = mint();
      pending.set(key, id);
      return id;
    },
    succeeded(key: string): void {
      pending.delete(key);
    },
  };
}
