import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env';

interface KnownOperation {
  method: string;
  pattern: RegExp;
  /** Literal path segments: when two templates match a path, the one with more literals is the route. */
  literals: number;
  /** The query parameters the operation declares; any other is refused. */
  query: ReadonlySet<string>;
}

interface KnownPath {
  method: string;
  pattern: RegExp;
}

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** `/v1/cases/{caseId}` (OpenAPI) or `/v1/cases/:caseId` (Hono) as a whole-path regular expression. */
function patternOf(template: string): RegExp {
  const source = template
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (/^\{[^}]+\}$/.test(segment) || /^:\w+$/.test(segment)) return '[^/]+';
      const constrained = /^:\w+\{(.+)\}$/.exec(segment);
      if (constrained) return `(?:${constrained[1]})`;
      return escapeRegExp(segment);
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

/** The keys of a query schema as the document lists them (a transformed object is listed by its input). */
function queryNamesOf(schema: unknown): string[] {
  const def = (schema as { _zod?: { def?: { type?: string; shape?: object; in?: unknown } } } | undefined)
    ?._zod?.def;
  if (!def) return [];
  if (def.type === 'pipe') return queryNamesOf(def.in);
  return def.shape ? Object.keys(def.shape) : [];
}

/**
 * What the app knows about its own routes, read once on first use (every route is registered by then):
 * the documented operations with the query parameters each declares, and every method each path answers.
 */
export function routeTable(app: OpenAPIHono<AppEnv>) {
  let operations: KnownOperation[] | undefined;
  let paths: KnownPath[] | undefined;

  return {
    /** The documented operation a request reaches, or undefined for an undocumented path (e.g. `/docs`). */
    operationOf(method: string, path: string): KnownOperation | undefined {
      operations ??= app.openAPIRegistry.definitions.flatMap((definition) => {
        if (definition.type !== 'route') return [];
        const { route } = definition;
        return [
          {
            method: route.method.toUpperCase(),
            pattern: patternOf(route.path),
            literals: route.path.split('/').filter((s) => s !== '' && !s.startsWith('{')).length,
            query: new Set(queryNamesOf(route.request?.query)),
          },
        ];
      });
      const lookup = method === 'HEAD' ? 'GET' : method;
      return operations
        .filter((operation) => operation.method === lookup && operation.pattern.test(path))
        .sort((a, b) => b.literals - a.literals)[0];
    },

    /** The methods a path answers (HEAD wherever GET is), for `Allow`; empty for an unknown path. */
    methodsOf(path: string): string[] {
      paths ??= app.routes
        .filter((route) => route.method !== 'ALL')
        .map((route) => ({ method: route.method.toUpperCase(), pattern: patternOf(route.path) }));
      const methods = new Set(paths.filter((known) => known.pattern.test(path)).map((known) => known.method));
      if (methods.has('GET')) methods.add('HEAD');
      return [...methods].sort();
    },
  };
}

export type RouteTable = ReturnType<typeof routeTable>;
