/**
 * The HTTP side of the double: one request at a time through
 *   route match (GitHub's OpenAPI paths) → fault injection → authentication → request validation →
 *   the endpoint → response validation → send (or drop the connection),
 * recording every contract violation and counting requests per route.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { looksLikeJwt, newToken, verifyAppJwt, type AppOptions, type OAuthCode, type OAuthOptions, type Principal } from './auth.ts';
import type { OpenApiContract } from './openapi.ts';
import { routes, APP_ROUTES, type Reply, type RouteContext } from './routes.ts';
import type { Views } from './representations.ts';
import { ApiError, type RepoState } from './state.ts';

/** `forbidden`: the 403 GitHub gives a client whose permissions do not cover the request. */
export type FaultKind = '502' | 'forbidden' | 'secondary-rate-limit' | 'primary-rate-limit' | 'drop-after-apply';

export interface Fault {
  kind: FaultKind;
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Only requests whose path (without the query) matches (any when absent). */
  path?: RegExp;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** primary-rate-limit: 403 (default) or 429. */
  status?: 403 | 429;
  /** secondary-rate-limit: the retry-after header in seconds (default 1). */
  retryAfter?: number;
  /** primary-rate-limit: x-ratelimit-reset is this many seconds from now (default 0). */
  resetIn?: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** `METHOD /template` as in GitHub's description (or the raw path when nothing matched). */
  route: string;
  status: number | 'dropped';
}

export interface ServerDeps {
  state: RepoState;
  views: Views;
  contract: OpenApiContract;
  app: AppOptions | undefined;
  oauth: OAuthOptions | undefined;
  collaborators: Set<string> | undefined;
  /** Personal and OAuth user tokens → login. */
  userTokens: Map<string, string>;
  installationTokens: Map<string, { installationId: number; expiresAt: number }>;
  oauthCodes: Map<string, OAuthCode>;
  violations: string[];
  requests: Map<string, number>;
  log: RequestLogEntry[];
  faults: Fault[];
}

const OAUTH_ROUTE = 'POST /login/oauth/access_token';
const OAUTH_DOCS = 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors';
const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ';
const generic = (status: number, message: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest', status: String(status), ...extra },
  generic: true,
});

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function startServer(deps: ServerDeps, baseUrl: () => string): Server {
  let used = 0;
  const resetAt = Math.floor(Date.now() / 1000) + 3600;

  const takeFault = (method: string, path: string): Fault | undefined => {
    const index = deps.faults.findIndex((f) => (!f.method || f.method.toUpperCase() === method) && (!f.path || f.path.test(path)));
    if (index === -1) return undefined;
    const fault = deps.faults[index]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) deps.faults.splice(index, 1);
    return fault;
  };

  const faultReply = (fault: Fault, principal: string): Reply => {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    if (fault.kind === '502') return generic(502, 'Server Error');
    if (fault.kind === 'forbidden') return generic(403, 'Resource not accessible by integration');
    if (fault.kind === 'secondary-rate-limit') {
      return {
        status: 403,
        body: {
          message: `${SECONDARY_MESSAGE}${requestId}.`,
          documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: '403',
        },
        headers: { 'retry-after': String(fault.retryAfter ?? 1) },
        generic: true,
      };
    }
    const reset = Math.floor(Date.now() / 1000) + (fault.resetIn ?? 0);
    return {
      status: fault.status ?? 403,
      body: {
        message: `API rate limit exceeded for ${principal}. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit',
        status: String(fault.status ?? 403),
      },
      headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' },
      generic: true,
    };
  };

  /** Who the Authorization header says is calling, or the 401 GitHub would answer. */
  const authenticate = (header: string | undefined): Principal | Reply => {
    if (!header) return generic(401, 'Requires authentication');
    const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
    if (!m) return generic(401, 'Bad credentials');
    const token = m[1]!;
    const login = deps.userTokens.get(token);
    if (login) return { kind: 'user', user: deps.state.knownUser(login)!, token };
    const installation = deps.installationTokens.get(token);
    if (installation) {
      if (installation.expiresAt <= Date.now() || !deps.state.appBot) return generic(401, 'Bad credentials');
      return { kind: 'installation', installationId: installation.installationId, bot: deps.state.appBot, token };
    }
    if (looksLikeJwt(token)) {
      const check = verifyAppJwt(token, deps.app);
      return check.ok ? { kind: 'app', appId: check.appId } : generic(401, check.message);
    }
    return generic(401, 'Bad credentials');
  };

  const handleApi = (req: IncomingMessage, url: URL, raw: Buffer, route: string, match: ReturnType<OpenApiContract['match']>): Reply => {
    const method = req.method!;
    if (!match) {
      deps.violations.push(`${method} ${url.pathname}: no such operation in GitHub's OpenAPI description`);
      return generic(404, 'Not Found');
    }
    const { contract } = deps;
    const docs = contract.docsUrl(method, match.template);
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        deps.violations.push(`${method} ${url.pathname}: request body is not JSON`);
        return generic(400, 'Problems parsing JSON', { documentation_url: docs });
      }
    }
    const problems = contract.validateRequest(method, match.template, {
      pathParams: match.pathParams,
      query: url.searchParams,
      contentType: req.headers['content-type'],
      body,
    });
    for (const p of problems) deps.violations.push(`${method} ${url.pathname}: ${p}`);

    const principal = authenticate(req.headers.authorization);
    if ('status' in principal) return principal;
    const appRoute = APP_ROUTES.has(route);
    if (appRoute !== (principal.kind === 'app')) {
      return generic(401, appRoute ? 'A JSON web token could not be decoded' : 'Bad credentials');
    }
    if (problems.length > 0) return generic(422, `Invalid request.\n\n${problems.join('\n')}`, { documentation_url: docs });

    const handler = routes[route];
    if (!handler) {
      deps.violations.push(`${route}: not implemented by the GitHub double`);
      return generic(404, 'Not Found');
    }
    const { owner, repo } = match.pathParams;
    if (owner !== undefined && repo !== undefined && match.template.startsWith('/repos/{owner}/{repo}')) {
      if (owner.toLowerCase() !== deps.state.owner.toLowerCase() || repo.toLowerCase() !== deps.state.name.toLowerCase()) {
        return generic(404, 'Not Found', { documentation_url: docs });
      }
    }
    const ctx: RouteContext = {
      state: deps.state,
      views: deps.views,
      params: match.pathParams,
      query: url.searchParams,
      body,
      principal,
      app: deps.app,
      collaborators: deps.collaborators,
      installationTokens: deps.installationTokens,
    };
    try {
      return handler(ctx);
    } catch (e) {
      if (e instanceof ApiError) {
        return { status: e.status, body: { ...e.body, documentation_url: e.body.documentation_url ?? docs }, generic: e.generic };
      }
      deps.violations.push(`${method} ${url.pathname}: the double failed: ${(e as Error).stack ?? e}`);
      return generic(500, 'Server Error');
    }
  };

  const checkResponse = (method: string, path: string, template: string | undefined, reply: Reply) => {
    if (!template) return;
    const { contract } = deps;
    let problems: string[];
    if (contract.documents(method, template, reply.status)) {
      problems = contract.validateResponse(method, template, {
        status: reply.status,
        contentType: reply.body === undefined ? undefined : 'application/json; charset=utf-8',
        headers: reply.headers,
        body: reply.body,
      });
    } else if (reply.generic) {
      problems = contract.validateSchema(reply.status === 422 ? 'validation-error' : 'basic-error', reply.body, 'response body');
    } else {
      problems = [`status ${reply.status} is not documented for this operation`];
    }
    for (const p of problems) deps.violations.push(`${method} ${path} → ${reply.status}: ${p}`);
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const method = req.method!.toUpperCase();
    const url = new URL(req.url ?? '/', baseUrl());
    const isOAuth = `${method} ${url.pathname}` === OAUTH_ROUTE;
    const match = isOAuth ? undefined : deps.contract.match(method, url.pathname);
    const route = isOAuth ? OAUTH_ROUTE : match ? `${method} ${match.template}` : `${method} ${url.pathname}`;
    deps.requests.set(route, (deps.requests.get(route) ?? 0) + 1);

    const fault = takeFault(method, url.pathname);
    let reply: Reply;
    if (fault && fault.kind !== 'drop-after-apply') {
      reply = faultReply(fault, deps.app ? `installation ID ${(deps.app.installations ?? [1])[0]}` : 'user ID 1');
    } else if (isOAuth) {
      reply = oauthExchange(deps, req, url, raw);
    } else {
      reply = handleApi(req, url, raw, route, match);
    }
    if (!isOAuth) checkResponse(method, url.pathname, match?.template, reply);

    if (fault?.kind === 'drop-after-apply') {
      deps.log.push({ method, path: url.pathname, route, status: 'dropped' });
      req.socket.destroy();
      return;
    }
    deps.log.push({ method, path: url.pathname, route, status: reply.status });
    used++;
    const headers: Record<string, string> = {
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(5000 - used, 0)),
      'x-ratelimit-used': String(used),
      'x-ratelimit-reset': String(resetAt),
      'x-ratelimit-resource': 'core',
      ...reply.headers,
    };
    const accept = req.headers.accept ?? '';
    let payload: Buffer | undefined;
    if (reply.raw && /application\/vnd\.github(\.v3)?\.raw/.test(accept) && reply.status < 300) {
      headers['content-type'] = 'application/vnd.github.raw; charset=utf-8';
      payload = reply.raw;
    } else if (reply.body !== undefined && typeof reply.body === 'string' && isOAuth && !accept.includes('json')) {
      headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
      payload = Buffer.from(reply.body);
    } else if (reply.body !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      payload = Buffer.from(JSON.stringify(reply.body));
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  };

  const server = createServer((req, res) => {
    handler(req, res).catch((e: unknown) => {
      deps.violations.push(`${req.method} ${req.url}: the double failed: ${(e as Error).stack ?? e}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Server Error' }));
    });
  });
  server.keepAliveTimeout = 1000;
  // Neither the server (unref'd by the caller) nor an idle keep-alive connection keeps a process alive.
  server.on('connection', (socket) => socket.unref());
  return server;
}

const OAUTH_FIELDS = new Set(['client_id', 'client_secret', 'code', 'redirect_uri', 'code_verifier', 'repository_id', 'state']);

/**
 * GitHub's OAuth web-flow token exchange (`POST https://github.com/login/oauth/access_token`). It is not
 * part of the REST API's OpenAPI description, so the request and the response are checked here by hand.
 * Like GitHub, failures are answered with 200 and an `error` field.
 */
function oauthExchange(deps: ServerDeps, req: IncomingMessage, url: URL, raw: Buffer): Reply {
  const where = `${OAUTH_ROUTE}:`;
  const contentType = req.headers['content-type'] ?? '';
  const fields: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (raw.length > 0) {
    if (contentType.startsWith('application/json')) {
      try {
        Object.assign(fields, JSON.parse(raw.toString('utf8')));
      } catch {
        deps.violations.push(`${where} request body is not JSON`);
      }
    } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
      Object.assign(fields, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
    } else {
      deps.violations.push(`${where} request content-type ${contentType || 'missing'} is neither JSON nor a form`);
    }
  }
  for (const [key, value] of Object.entries(fields)) {
    if (!OAUTH_FIELDS.has(key)) deps.violations.push(`${where} unknown parameter ${key}`);
    else if (typeof value !== 'string') deps.violations.push(`${where} ${key} must be a string`);
  }
  for (const key of ['client_id', 'client_secret', 'code']) {
    if (typeof fields[key] !== 'string' || !fields[key]) deps.violations.push(`${where} ${key} is required`);
  }

  const accept = req.headers.accept ?? '';
  const answer = (body: Record<string, string>): Reply => {
    const json = accept.includes('application/json');
    const problems: string[] = [];
    if ('error' in body) {
      for (const k of ['error', 'error_description', 'error_uri']) if (typeof body[k] !== 'string') problems.push(`${k} must be a string`);
    } else {
      if (typeof body.access_token !== 'string' || !body.access_token) problems.push('access_token must be a non-empty string');
      if (body.token_type !== 'bearer') problems.push('token_type must be "bearer"');
      if (typeof body.scope !== 'string') problems.push('scope must be a string');
    }
    for (const p of problems) deps.violations.push(`${where} response: ${p}`);
    return { status: 200, body: json ? body : new URLSearchParams(body).toString() };
  };

  if (!deps.oauth || fields.client_id !== deps.oauth.clientId || fields.client_secret !== deps.oauth.clientSecret) {
    return answer({
      error: 'incorrect_client_credentials',
      error_description: 'The client_id and/or client_secret passed are incorrect.',
      error_uri: `${OAUTH_DOCS}/#incorrect-client-credentials`,
    });
  }
  const code = deps.oauthCodes.get(String(fields.code));
  deps.oauthCodes.delete(String(fields.code));
  if (!code || code.expiresAt <= Date.now()) {
    return answer({
      error: 'bad_verification_code',
      error_description: 'The code passed is incorrect or expired.',
      error_uri: `${OAUTH_DOCS}/#bad-verification-code`,
    });
  }
  const token = newToken('gho');
  deps.userTokens.set(token, code.login);
  return answer({ access_token: token, token_type: 'bearer', scope: code.scopes.join(',') });
}
