import type { Contract, HttpMethod } from '../../shared/rpc';
import { routeOf, rpcPath } from '../../shared/rpc';

type Segment = { literal: string } | { param: string };

/** One operation's HTTP route, compiled once from the contract. */
export interface CompiledRoute {
  name: string;
  method: HttpMethod;
  path: string;
  segments: Segment[];
  /** More literal segments win over parameters when two patterns match the same path. */
  specificity: number;
}

export type RouteMatch =
  | { kind: 'match'; route: CompiledRoute; params: Record<string, string> }
  | { kind: 'wrong_method'; allowed: HttpMethod[] }
  | { kind: 'none' };

function compilePath(path: string): Segment[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? { param: part.slice(1) } : { literal: part }));
}

/**
 * Derives every HTTP route by iterating the contract: each operation at its REST route, and every
 * operation (REST route or not) at POST /api/rpc/<name>, so a script has one uniform way in. Two
 * operations on the same method and pattern would make one unreachable, so that is refused at
 * start-up rather than discovered later.
 */
export function compileRoutes(contract: Contract): CompiledRoute[] {
  const seen = new Map<string, string>();
  const compile = (name: string, method: HttpMethod, path: string): CompiledRoute => {
    const segments = compilePath(path);
    const shape = `${method} /${segments.map((s) => ('param' in s ? ':' : s.literal)).join('/')}`;
    const clash = seen.get(shape);
    if (clash) throw new Error(`Operations "${clash}" and "${name}" both claim ${method} ${path}.`);
    seen.set(shape, name);
    return { name, method, path, segments, specificity: segments.filter((s) => 'literal' in s).length };
  };
  const routes = Object.entries(contract).flatMap(([name, def]) => {
    const { method, path } = routeOf(name, def);
    const rest = compile(name, method, path);
    return def.http ? [rest, compile(name, 'POST', rpcPath(name))] : [rest];
  });
  return routes.sort((a, b) => b.specificity - a.specificity);
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    const part = parts[i] as string;
    if ('literal' in segment) {
      if (segment.literal !== part) return null;
    } else {
      params[segment.param] = part;
    }
  }
  return params;
}

/** `parts` are the already-decoded path segments of the request. */
export function matchRoute(routes: CompiledRoute[], method: string, parts: string[]): RouteMatch {
  const allowed: HttpMethod[] = [];
  for (const route of routes) {
    const params = matchSegments(route.segments, parts);
    if (!params) continue;
    if (route.method === method) return { kind: 'match', route, params };
    if (!allowed.includes(route.method)) allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'wrong_method', allowed } : { kind: 'none' };
}

/** Splits and percent-decodes a path; null when a segment is not valid percent-encoding. */
export function splitPath(pathname: string): string[] | null {
  try {
    return pathname.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
}

/** Query strings carry strings; a key given twice becomes a list (the schema decides if that is allowed). */
// Object.fromEntries defines own properties, so `?__proto__=…` cannot reach a prototype.
export function queryToObject(params: URLSearchParams): Record<string, string | string[]> {
  return Object.fromEntries(
    [...new Set(params.keys())].map((key) => {
      const values = params.getAll(key);
      return [key, values.length === 1 ? (values[0] as string) : values];
    }),
  );
}
