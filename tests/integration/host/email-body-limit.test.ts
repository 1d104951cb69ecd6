import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http';
import { op } from '../../../src/shared/rpc';
import { draftOps } from '../../../src/shared/ops/drafts';
import { emailOps } from '../../../src/shared/ops/email';
import { EMAIL_DOCUMENT_BODY, MAX_LOCAL_IMAGE_BYTES } from '../../../src/shared/email/document';
import { rawRequest } from '../../unit/host/fixtures/raw-http';

/**
 * Browser mode: an email document carries its images as data: URLs until it is saved to Odoo, so the
 * operations that take one accept more than the API's default 1 MB (issue 11: two images of 512 KB
 * each), and a body over their limit is refused with a sentence that says what to change.
 */
const TOKEN = 'test-token-0123456789abcdef';
const auth = { Authorization: `Bearer ${TOKEN}` };
let host: HttpHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

const contract = {
  'notes.save': op({ summary: 'Saves a note whose text may be long.', input: z.strictObject({ text: z.string() }), output: z.object({ length: z.number() }), body: { maxBytes: 8192, tooLarge: 'Write a shorter note.' } }),
  'notes.touch': op({ summary: 'Takes a short body.', input: z.strictObject({ text: z.string() }), output: z.object({ length: z.number() }) }),
};
const handlers = { 'notes.save': ({ text }: { text: string }) => ({ length: text.length }), 'notes.touch': ({ text }: { text: string }) => ({ length: text.length }) };

describe('request body limits per operation over HTTP', () => {
  it('lets an operation with its own limit take more than the host’s, and names what to fix past it', async () => {
    host = await startHttpHost({ contract, handlers, services: () => ({}), token: TOKEN, maxBodyBytes: 4096 });
    const post = (name: string, text: string) => rawRequest(host!.port, { method: 'POST', path: `/api/rpc/${name}`, headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ text }) });

    const taken = await post('notes.save', 'x'.repeat(6000));
    expect(taken.status).toBe(200);
    expect(taken.json()).toEqual({ length: 6000 });
    // Every other operation keeps the host's limit.
    expect((await post('notes.touch', 'x'.repeat(6000))).status).toBe(413);

    const refused = await post('notes.save', 'x'.repeat(10_000));
    expect(refused.status).toBe(413);
    expect(refused.json()).toMatchObject({ error: { code: 'payload_too_large', message: expect.stringContaining('Write a shorter note.'), details: { limitBytes: 8192 } } });
  });

  it('gives the operations that carry an email document room for two of the largest images the editor takes', () => {
    // Base64 makes a file a third larger; the rest of the document is small beside it.
    const twoImages = 2 * Math.ceil((MAX_LOCAL_IMAGE_BYTES * 4) / 3);
    for (const def of [emailOps['marketing.campaigns.body.save'], emailOps['email.render'], draftOps['drafts.save']]) {
      expect(def.body?.maxBytes).toBeGreaterThan(twoImages + 100_000);
      expect(def.body?.tooLarge).toContain('at most 512 KB each');
    }
    expect(EMAIL_DOCUMENT_BODY.maxBytes).toBe(4 * 1024 * 1024);
  });
});
