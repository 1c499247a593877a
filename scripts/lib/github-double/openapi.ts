/**
 * GitHub's own contract: the OpenAPI 3.0 description of api.github.com shipped in `@octokit/openapi`.
 *
 * The description is read once per process; validators are compiled on first use and cached.
 * OpenAPI 3.0 is not JSON Schema: `nullable: true` is rewritten to JSON Schema's `type: [..., "null"]`
 * (or `anyOf: [{type: "null"}, …]` where there is no plain `type`), `oneOf` is read as `anyOf` (see
 * toJsonSchema), and every format the description uses is given a real check (date-time, uri, email,
 * int64, …), so a wrong type, a missing required field, an unknown enum value or a malformed date is
 * reported.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

type Json = unknown;
type Schema = Record<string, unknown>;

interface CompiledPath {
  template: string;
  regex: RegExp;
  names: string[];
  /** Per segment: 0 literal, 1 parameter, 2 multi-segment parameter (literal wins over parameter). */
  rank: number[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  'x-multi-segment'?: boolean;
}

interface MediaType {
  schema?: Schema;
}

interface ResponseObject {
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
}

interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> } | { $ref: string };
  responses: Record<string, ResponseObject | { $ref: string }>;
}

interface PathItem {
  parameters?: (Parameter | { $ref: string })[];
  [method: string]: unknown;
}

interface Spec {
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, Schema>;
    parameters: Record<string, Parameter>;
    responses: Record<string, ResponseObject>;
    requestBodies?: Record<string, unknown>;
  };
}

/** A request as the double received it, for validation. */
export interface RequestToValidate {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  contentType: string | undefined;
  /** The parsed JSON body; `undefined` when the request had none. */
  body: Json;
}

/** A response as the double is about to send it, for validation. */
export interface ResponseToValidate {
  status: number;
  contentType: string | undefined;
  headers?: Record<string, string | undefined>;
  /** The JSON body; `undefined` when there is none. */
  body: Json;
}

export interface MatchedOperation {
  /** The path template as written in the description, e.g. `/repos/{owner}/{repo}/git/ref/{ref}`. */
  template: string;
  operationId: string;
  /** Path parameters, percent-decoded. */
  pathParams: Record<string, string>;
}

const SPEC_FILE = '@octokit/openapi/generated/api.github.com.json';
const ROOT_ID = 'https://api.github.com/openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Formats used by GitHub's description, each with a real check. */
const FORMATS: Record<string, { type: 'string' | 'number'; validate: (value: never) => boolean }> = {
  'date-time': {
    type: 'string',
    validate: (s: string) =>
      /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  },
  date: { type: 'string', validate: (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) },
  uri: {
    type: 'string',
    validate: (s: string) => {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) return false;
      try {
        new URL(s);
        return true;
      } catch {
        return false;
      }
    },
  },
  email: { type: 'string', validate: (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) },
  'uri-template': { type: 'string', validate: () => true },
  'repo.nwo': { type: 'string', validate: (s: string) => /^[\w.-]+\/[\w.-]+$/.test(s) },
  binary: { type: 'string', validate: () => true },
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
  int64: { type: 'number', validate: (n: number) => Number.isSafeInteger(n) },
  double: { type: 'number', validate: (n: number) => Number.isFinite(n) },
};

/**
 * Rewrites OpenAPI 3.0 schema dialect into JSON Schema that Ajv checks: `nullable`, and `$ref`s made
 * absolute (so schemas lifted out of `paths` still resolve against the components).
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) out[key] = toJsonSchema(value);
  if (typeof out.$ref === 'string' && out.$ref.startsWith('#/')) out.$ref = ROOT_ID + out.$ref;
  // GitHub's description uses oneOf for "one of these shapes", with shapes that overlap (a 422 body
  // matches both validation-error and repository-rule-violation-error, whose fields are all optional):
  // read strictly, no real GitHub answer could pass. It is checked as anyOf: at least one shape fits.
  if (Array.isArray(out.oneOf)) {
    const shapes = out.oneOf;
    delete out.oneOf;
    if (Array.isArray(out.anyOf)) out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), { anyOf: shapes }];
    else out.anyOf = shapes;
  }
  if (typeof source.nullable === 'boolean') {
    const nullable = source.nullable;
    delete out.nullable;
    if (nullable) {
      const composite = ['allOf', 'anyOf', 'oneOf', '$ref', 'not'].some((k) => k in out);
      if (typeof out.type === 'string' && !composite) {
        out.type = [out.type, 'null'];
        if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      } else {
        return { anyOf: [{ type: 'null' }, out] };
      }
    }
  }
  return out;
}

function messageOf(errors: ErrorObject[] | null | undefined, where: string): string[] {
  if (!errors?.length) return [];
  // oneOf/anyOf report every branch; keep the list readable.
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const e of errors) {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${(e.params as { additionalProperty: string }).additionalProperty})`
        : e.keyword === 'enum'
          ? ` (${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)})`
          : '';
    const line = `${where}${e.instancePath ? ` ${e.instancePath}` : ''}: ${e.message ?? e.keyword}${extra}`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
    if (lines.length >= 8) break;
  }
  return lines;
}

export class OpenApiContract {
  private readonly spec: Spec;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: CompiledPath[] = [];

  constructor(spec: Spec) {
    this.spec = spec;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false, unicodeRegExp: false });
    for (const [name, format] of Object.entries(FORMATS)) this.ajv.addFormat(name, format as never);
    this.ajv.addSchema({ components: { schemas: toJsonSchema(spec.components.schemas) } }, ROOT_ID);

    for (const template of Object.keys(spec.paths)) {
      const multi = new Set<string>();
      const item = spec.paths[template]!;
      for (const method of METHODS) {
        const op = item[method] as Operation | undefined;
        for (const p of [...(item.parameters ?? []), ...(op?.parameters ?? [])]) {
          const param = this.param(p);
          if (param.in === 'path' && param['x-multi-segment']) multi.add(param.name);
        }
      }
      const names: string[] = [];
      const rank: number[] = [];
      const pattern = template
        .split('/')
        .map((segment) =>
          segment.replace(/\{([^}]+)\}|[^{]+/g, (whole, name: string | undefined) => {
            if (!name) return whole.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            names.push(name);
            return multi.has(name) ? '(.+)' : '([^/]+)';
          }),
        )
        .join('/');
      for (const segment of template.split('/')) {
        const m = /^\{([^}]+)\}$/.exec(segment);
        rank.push(m ? (multi.has(m[1]!) ? 2 : 1) : segment.includes('{') ? 1 : 0);
      }
      this.routes.push({ template, regex: new RegExp(`^${pattern}$`), names, rank });
    }
  }

  /** The operation of the description that a request is for, or undefined. */
  match(method: string, pathname: string): MatchedOperation | undefined {
    const m = method.toLowerCase();
    let best: { route: CompiledPath; values: string[] } | undefined;
    for (const route of this.routes) {
      if (!this.spec.paths[route.template]![m]) continue;
      const found = route.regex.exec(pathname);
      if (!found) continue;
      if (!best || compareRank(route.rank, best.route.rank) < 0) best = { route, values: found.slice(1) };
    }
    if (!best) return undefined;
    const pathParams: Record<string, string> = {};
    const values = best.values;
    best.route.names.forEach((name, i) => {
      const raw = values[i]!;
      try {
        pathParams[name] = decodeURIComponent(raw);
      } catch {
        pathParams[name] = raw;
      }
    });
    const op = this.operation(method, best.route.template)!;
    return { template: best.route.template, operationId: op.operationId, pathParams };
  }

  operation(method: string, template: string): Operation | undefined {
    return this.spec.paths[template]?.[method.toLowerCase()] as Operation | undefined;
  }

  /** Every way the request departs from the operation's parameters and request body. */
  validateRequest(method: string, template: string, req: RequestToValidate): string[] {
    const op = this.operation(method, template);
    if (!op) return [`no operation ${method.toUpperCase()} ${template} in GitHub's description`];
    const problems: string[] = [];
    const params = [...(this.spec.paths[template]!.parameters ?? []), ...(op.parameters ?? [])].map((p) => this.param(p));
    const known = new Set<string>();
    for (const param of params) {
      if (param.in === 'path') {
        const value = req.pathParams[param.name];
        if (value === undefined) {
          problems.push(`path parameter ${param.name} is missing`);
          continue;
        }
        problems.push(...this.check(`param:${op.operationId}:path:${param.name}`, param.schema ?? {}, coerce(value, param.schema), `path parameter ${param.name}`));
      } else if (param.in === 'query') {
        known.add(param.name);
        const values = req.query.getAll(param.name);
        if (values.length === 0) {
          if (param.required) problems.push(`query parameter ${param.name} is required`);
          continue;
        }
        const value = param.schema?.type === 'array' ? values.flatMap((v) => v.split(',')) : values[values.length - 1]!;
        problems.push(...this.check(`param:${op.operationId}:query:${param.name}`, param.schema ?? {}, coerce(value, param.schema), `query parameter ${param.name}`));
      }
    }
    for (const name of new Set(req.query.keys())) {
      if (!known.has(name)) problems.push(`query parameter ${name} is not in the description of ${op.operationId}`);
    }

    const body = op.requestBody && '$ref' in op.requestBody ? undefined : op.requestBody;
    if (req.body === undefined) {
      if (body?.required) problems.push('request body is required');
    } else if (!body?.content) {
      problems.push(`${op.operationId} takes no request body`);
    } else {
      const schema = body.content['application/json']?.schema;
      if (!schema) problems.push(`${op.operationId} does not take a JSON body`);
      else {
        if (!req.contentType?.toLowerCase().startsWith('application/json')) {
          problems.push(`request content-type is ${req.contentType ?? 'missing'}, expected application/json`);
        }
        problems.push(...this.check(`body:${op.operationId}`, schema, req.body, 'request body'));
      }
    }
    return problems;
  }

  /** Whether the operation documents this status (exactly, as `4XX`, or through `default`). */
  documents(method: string, template: string, status: number): boolean {
    const op = this.operation(method, template);
    return !!op && [String(status), `${String(status)[0]}XX`, 'default'].some((k) => k in op.responses);
  }

  /** The documentation page GitHub links in its error bodies for this operation. */
  docsUrl(method: string, template: string): string {
    const op = this.operation(method, template) as (Operation & { externalDocs?: { url?: string } }) | undefined;
    return op?.externalDocs?.url ?? 'https://docs.github.com/rest';
  }

  /** Every way the response departs from what the operation documents for its status. */
  validateResponse(method: string, template: string, res: ResponseToValidate): string[] {
    const op = this.operation(method, template);
    if (!op) return [`no operation ${method.toUpperCase()} ${template} in GitHub's description`];
    const key = [String(res.status), `${String(res.status)[0]}XX`, 'default'].find((k) => k in op.responses);
    if (!key) {
      return [`status ${res.status} is not documented for ${op.operationId} (documented: ${Object.keys(op.responses).join(', ')})`];
    }
    let response = op.responses[key]!;
    if ('$ref' in response) response = this.resolve(response.$ref) as ResponseObject;
    const schema = response.content?.['application/json']?.schema;
    const problems = this.validateHeaders(op.operationId, key, response, res);
    if (!schema) {
      if ((res.status === 204 || res.status === 304) && res.body !== undefined) {
        problems.push(`status ${res.status} of ${op.operationId} has no body, but one was sent`);
      }
      return problems;
    }
    if (res.body === undefined) return [...problems, `response ${res.status} of ${op.operationId} needs a JSON body`];
    if (!res.contentType?.toLowerCase().startsWith('application/json')) {
      problems.push(`response content-type is ${res.contentType ?? 'missing'}, expected application/json`);
    }
    problems.push(...this.check(`response:${op.operationId}:${key}`, schema, res.body, 'response body'));
    return problems;
  }

  /** Headers the response documents: required ones must be there, and those sent must fit their schema. */
  private validateHeaders(operationId: string, key: string, response: ResponseObject, res: ResponseToValidate): string[] {
    const problems: string[] = [];
    for (const [name, declared] of Object.entries(response.headers ?? {})) {
      const header = (declared && typeof declared === 'object' && '$ref' in declared ? this.resolve((declared as { $ref: string }).$ref) : declared) as {
        required?: boolean;
        schema?: Schema;
      };
      const value = Object.entries(res.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      if (value === undefined) {
        if (header.required) problems.push(`response header ${name} is required`);
      } else if (header.schema) {
        problems.push(...this.check(`header:${operationId}:${key}:${name}`, header.schema, coerce(value, header.schema), `response header ${name}`));
      }
    }
    return problems;
  }

  /** Validates a value against one of the description's named schemas (`components/schemas/NAME`). */
  validateSchema(name: string, value: unknown, where = name): string[] {
    if (!(name in this.spec.components.schemas)) return [`no schema ${name} in GitHub's description`];
    return this.check(`schema:${name}`, { $ref: `#/components/schemas/${name}` }, value, where);
  }

  private check(cacheKey: string, schema: Schema, value: unknown, where: string): string[] {
    let validate = this.validators.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Schema);
      this.validators.set(cacheKey, validate);
    }
    return validate(value) ? [] : messageOf(validate.errors, where);
  }

  private param(p: Parameter | { $ref: string }): Parameter {
    return '$ref' in p ? (this.resolve(p.$ref) as Parameter) : p;
  }

  private resolve(ref: string): unknown {
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')], this.spec);
  }
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return b.length - a.length;
}

/** Query and path values arrive as text; give them the type their schema declares, as GitHub does. */
function coerce(value: string | string[], schema: Schema | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => coerce(v, schema?.items as Schema | undefined));
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** Kept on globalThis so that test files re-importing this module (vitest isolates them) share it. */
const CACHE = Symbol.for('pinkas.github-double.contract');

/** GitHub's contract, loaded and prepared once per process. */
export function githubContract(): OpenApiContract {
  const holder = globalThis as { [CACHE]?: OpenApiContract };
  if (!holder[CACHE]) {
    const file = createRequire(import.meta.url).resolve(SPEC_FILE);
    holder[CACHE] = new OpenApiContract(JSON.parse(readFileSync(file, 'utf8')) as Spec);
  }
  return holder[CACHE];
}
