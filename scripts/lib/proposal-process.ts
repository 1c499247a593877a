/**
 * node scripts/lib/proposal-process.ts <repository folder>
 *
 * The proposal service as a process of its own, for tests that kill it: the real ProposalService,
 * LocalBackend and HTTP handler (header sign-in: X-Forwarded-Email / X-Forwarded-User) on
 * 127.0.0.1 and a free port. Prints `{"port":N}` on stdout once it listens; the backend's repair
 * messages go to stderr. Exits when its parent's stdin closes, so it never outlives the test.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleProposals, type HttpDeps } from '../../src/lib/proposals/http.ts';
import { LocalBackend } from '../../src/lib/proposals/local-backend.ts';
import { ProposalService } from '../../src/lib/proposals/service.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/lib/proposal-process.ts <repository folder>');
  process.exit(2);
}

const backend = new LocalBackend({ dir, proposalUrl: (id) => `http://wiki.test/proposals/#${id}` });
const service = new ProposalService({ backend, contentPrefix: 'content', rateLimits: { perMinute: 100_000, perDay: 100_000 } });
const deps: HttpDeps = { service, identity: { mode: 'header', devUser: { name: 'Nobody', email: 'nobody@wiki.test' } } };

const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = Object.entries(req.headers).flatMap(([name, value]): [string, string][] => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]]));
  const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method, headers, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined });
  const response = await handleProposals(request, deps);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.stdin.resume();
process.stdin.on('close', () => process.exit(0));
