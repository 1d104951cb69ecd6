import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startBrowserMode, type BrowserMode } from '../../../src/main/host/browser-mode';
import { seededRandom } from '../../../src/main/sandbox/odoo';
import { contract, type OpName } from '../../../src/shared/contract';
import { routeOf } from '../../../src/shared/rpc';

/**
 * A bounded fuzz of the loopback API (issue 13, "how it is shown"): at least 10,000 generated requests,
 * spread over every operation of the contract, from a fixed seed. Whatever comes in — wrong types,
 * hostile text (lone surrogates, NUL, 20,000 characters), unknown keys, prototype keys, broken or
 * non-object JSON, bad path segments — the answer is never a 5xx, and every error has the documented
 * shape { error: { code, message, details } } with a sentence a person can act on; a 400 is input.invalid.
 */
const SEED = 1313;
const names = Object.keys(contract) as OpName[];
/** Every operation once per round, in contract order, until at least 10,000 requests. */
const ROUNDS = Math.ceil(10_000 / names.length);

const ErrorBody = z.object({ error: z.object({ code: z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/), message: z.string().min(12), details: z.unknown().optional() }) });

type Random = () => number;
const pick = <T,>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const HOSTILE_TEXT = ['\ud800', 'a\udfffb', 'nul\u0000inside', 'x'.repeat(20_000), '', ' ', '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --", '%00', '\u202e', '😀', '-1', '1e309', 'NaN', 'null', 'true'];
function hostileValue(random: Random, depth = 0): unknown {
  switch (Math.floor(random() * 10)) {
    case 0: return pick(random, HOSTILE_TEXT);
    case 1: return pick(random, [-1, 0, 2 ** 53 + 1, -(2 ** 31), 1.5, 1e300]);
    case 2: return random() < 0.5;
    case 3: return null;
    case 4: return depth > 3 ? [] : Array.from({ length: Math.floor(random() * 4) }, () => hostileValue(random, depth + 1));
    case 5: return depth > 3 ? {} : { [pick(random, ['a', '__proto__', 'constructor', 'id'])]: hostileValue(random, depth + 1) };
    case 6: return Array.from({ length: 60 }, () => 1);
    case 7: return pick(random, ['2099-13-45T99:99:99Z', 'yesterday', '2025-03-01T10:00:00Z']);
    case 8: return pick(random, ['demo-store-a', 'camp_' + 'z'.repeat(30), 'p_nosuch']);
    default: return String(Math.floor(random() * 1e6));
  }
}

/** The keys the operation's input schema knows, so most mutations reach its field checks. */
function knownKeys(name: OpName): string[] {
  const input = contract[name].input as unknown as { shape?: Record<string, unknown> };
  return input.shape ? Object.keys(input.shape) : [];
}

/** Percent-encodes raw bytes, so a segment can carry what encodeURIComponent refuses (a lone surrogate). */
function pathSegment(random: Random): string {
  const text = String(pick(random, [...HOSTILE_TEXT.slice(0, 4), 'demo-store-a', 'camp_nosuch', '..', '%', '%ZZ', '%ED%A0%80']));
  if (text.startsWith('%')) return text;
  return [...Buffer.from(text.slice(0, 300), 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

interface FuzzRequest { method: string; url: string; body?: string }

function generate(random: Random, name: OpName): FuzzRequest {
  const { method, path } = routeOf(name, contract[name]);
  const filled = path.replace(/:(\w+)/g, () => pathSegment(random));
  const keys = knownKeys(name);
  const input: Record<string, unknown> = {};
  for (const key of keys) if (random() < 0.6) input[key] = hostileValue(random);
  // An operation without fields, or one draw in three, also gets a key it does not know: otherwise
  // a lucky draw of `{}` would lock the console or end the session for the rest of the run.
  if (keys.length === 0 || random() < 0.34) input[pick(random, ['patch', '__proto__', 'constructor', 'storeid', `extra_${Math.floor(random() * 99)}`])] = hostileValue(random);
  if (method === 'GET' || method === 'DELETE') {
    // A query string carries text only: each key gets a hostile segment.
    const query = Object.keys(input).map((k) => `${encodeURIComponent(k)}=${pathSegment(random)}`).join('&');
    return { method, url: `${filled}?${query}` };
  }
  const shape = random();
  const body = shape < 0.08 ? '{"truncated": [1, 2' : shape < 0.14 ? JSON.stringify([input]) : shape < 0.18 ? '"just a string"' : shape < 0.2 ? 'not json at all' : JSON.stringify(input);
  return { method, url: filled, body };
}

let served: BrowserMode;
beforeAll(async () => {
  served = await startBrowserMode({ demo: true, envOdoo: null });
}, 60_000);
afterAll(async () => served?.close(), 60_000);

describe('the loopback API under generated hostile input', () => {
  it(`answers ${ROUNDS * names.length} generated requests over every operation without a 5xx, each error in the documented shape`, async () => {
    const random = seededRandom(SEED);
    const statuses = new Map<number, number>();
    const badAnswers: string[] = [];
    let sent = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const batch = names.map((name) => ({ name, req: generate(random, name) }));
      // Eight at a time: enough to keep the server busy, few enough for a 2-core machine.
      for (let i = 0; i < batch.length; i += 8) {
        await Promise.all(batch.slice(i, i + 8).map(async ({ name, req }) => {
          const res = await fetch(`${served.url}${req.url}`, { method: req.method, headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' }, ...(req.body !== undefined ? { body: req.body } : {}) });
          const text = await res.text();
          sent += 1;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) badAnswers.push(`${name} ${req.method} ${req.url.slice(0, 120)} ${req.body?.slice(0, 120) ?? ''} -> ${res.status} ${text.slice(0, 200)}`);
          else if (res.status >= 400) {
            const parsed = ErrorBody.safeParse(JSON.parse(text));
            if (!parsed.success) badAnswers.push(`${name} -> ${res.status} not in the error shape: ${text.slice(0, 200)}`);
            else if (res.status === 400 && parsed.data.error.code !== 'input.invalid') badAnswers.push(`${name} -> 400 with code ${parsed.data.error.code}`);
            else if (/\bat [\w.<>]+ \(|node_modules|Traceback/.test(parsed.data.error.message)) badAnswers.push(`${name} -> a stack trace in the message: ${parsed.data.error.message.slice(0, 200)}`);
          }
        }));
      }
    }
    expect(badAnswers.slice(0, 10)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(10_000);
    // Most generated inputs are refused as input.invalid; the summary is printed for whoever reads the run.
    console.info(`api fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(sent / 2);
  }, 900_000);
});
