// The pull-request comment's real HTTP path: a GitHub-like server on loopback
// that speaks the issue-comments endpoints, reached once directly and once
// through a forwarding proxy on loopback. The API's host name resolves only in
// the proxy (clients skip proxies for localhost and 127.*), so a comment that
// arrives proves the proxy carried it, and the proxy's log says it did.
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postPullRequestComment } from '../../../src/github/pr-comment.js';
import { restCommentApi } from '../../../src/github/rest-comment-api.js';
import { loadFixture } from '../report/fixtures.js';

const TOKEN = 'ghs_loopback';
const PROXIED_HOST = 'api.github.wg-test';

interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
}

/** Issue comments, in memory: GET (paginated by 2), POST, PATCH; 503 for the first `failNext` calls. */
function gitHubServer() {
  const comments: Comment[] = [];
  const seen: string[] = [];
  const state = { failNext: 0 };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    seen.push(`${req.method} ${url.pathname}`);
    const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    if (state.failNext > 0) {
      state.failNext--;
      return send(503, { message: 'Service Unavailable' });
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { message: 'Bad credentials' });
    const list = /^\/repos\/acme\/workers\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const one = /^\/repos\/acme\/workers\/issues\/comments\/(\d+)$/.exec(url.pathname);
    const body = chunks.length
      ? (JSON.parse(Buffer.concat(chunks).toString()) as { body: string })
      : undefined;
    if (list && req.method === 'GET') {
      const page = Number(url.searchParams.get('page') ?? '1');
      const next = comments.length > page * 2;
      const link = `<http://${req.headers.host}${url.pathname}?per_page=100&page=${page + 1}>; rel="next"`;
      return send(200, comments.slice((page - 1) * 2, page * 2), next ? { link } : {});
    }
    if (list && req.method === 'POST' && body) {
      const comment = {
        id: 100 + comments.length,
        body: body.body,
        user: { login: 'github-actions[bot]', type: 'Bot' },
        html_url: `http://${req.headers.host}/acme/workers/pull/${list[1]}#c${100 + comments.length}`,
      };
      comments.push(comment);
      return send(201, comment);
    }
    const found = one && comments.find((c) => c.id === Number(one[1]));
    if (found && req.method === 'PATCH' && body) {
      found.body = body.body;
      return send(200, found);
    }
    send(404, { message: 'Not Found' });
  });
  return { server, comments, seen, state };
}

/** A forwarding proxy: CONNECT tunnels and absolute-URI requests; PROXIED_HOST resolves to the API. */
function forwardProxy() {
  const saw: string[] = [];
  const resolve = (host: string) => (host === PROXIED_HOST ? '127.0.0.1' : host);
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '');
    saw.push(`${req.method} ${target.host}`);
    const upstream = http.request(
      {
        host: resolve(target.hostname),
        port: target.port || 80,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    saw.push(`CONNECT ${req.url}`);
    const [host = '', port = '80'] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), resolve(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  return { server, saw };
}

async function listen(server: http.Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as net.AddressInfo).port;
}

const PROXY_VARS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];
const savedEnv = Object.fromEntries(PROXY_VARS.map((name) => [name, process.env[name]]));

let github: ReturnType<typeof gitHubServer>;
let proxy: ReturnType<typeof forwardProxy>;
let apiPort: number;
let proxyPort: number;

beforeAll(async () => {
  github = gitHubServer();
  apiPort = await listen(github.server);
  proxy = forwardProxy();
  proxyPort = await listen(proxy.server);
});

afterAll(() => {
  github.server.close();
  proxy.server.close();
});

afterEach(() => {
  for (const name of PROXY_VARS) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  github.comments.length = 0;
  github.seen.length = 0;
  proxy.saw.length = 0;
});

function clearProxyEnv(): void {
  for (const name of PROXY_VARS) delete process.env[name];
}

const quick = { attempts: 3, baseDelayMs: 5, maxWaitMs: 1000 };

describe('GitHub calls over real HTTP', () => {
  it('create, list across pages and update reach the server directly, and a 503 is retried', async () => {
    clearProxyEnv();
    const api = restCommentApi({
      token: TOKEN,
      repository: 'acme/workers',
      apiUrl: `http://127.0.0.1:${apiPort}`,
      retry: quick,
    });
    for (const text of ['one', 'two', 'three']) await api.createComment(7, text);
    github.state.failNext = 1;
    const listed = await api.listComments(7);
    expect(listed.map((c) => c.body)).toEqual(['one', 'two', 'three']);
    await api.updateComment(listed[2]?.id ?? 0, 'three, again');
    expect(github.comments.map((c) => c.body)).toEqual(['one', 'two', 'three, again']);
    // The 503 was answered to the first GET and that GET was sent again.
    expect(github.seen.filter((s) => s.startsWith('GET'))).toHaveLength(3);
    expect(proxy.saw).toEqual([]);
  });

  it('a host that only the proxy resolves cannot be reached without HTTP_PROXY (positive control)', async () => {
    clearProxyEnv();
    const api = restCommentApi({
      token: TOKEN,
      repository: 'acme/workers',
      apiUrl: `http://${PROXIED_HOST}:${apiPort}`,
      retry: quick,
    });
    await expect(api.listComments(7)).rejects.toMatchObject({ status: 0 });
    expect(proxy.saw).toEqual([]);
  });

  it('the action path (postPullRequestComment, default client) goes through HTTP_PROXY, and NO_PROXY bypasses it', async () => {
    clearProxyEnv();
    process.env.HTTP_PROXY = `http://127.0.0.1:${proxyPort}`;
    const env = {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: '/event.json',
      GITHUB_REPOSITORY: 'acme/workers',
      GITHUB_API_URL: `http://${PROXIED_HOST}:${apiPort}`,
    };
    const logs: string[] = [];
    const input = {
      report: loadFixture('synthetic-pass'),
      options: { comment: true, githubToken: TOKEN, dockerfile: '/ws/Dockerfile', buildArgs: {} },
      env,
      log: { info: (l: string) => logs.push(l), warn: (l: string) => logs.push(`warn: ${l}`) },
      readFile: () =>
        JSON.stringify({
          number: 7,
          pull_request: {
            number: 7,
            head: { sha: 'abc1234', repo: { full_name: 'acme/workers' } },
            base: { repo: { full_name: 'acme/workers' } },
          },
        }),
    };
    expect(await postPullRequestComment(input)).toBe('created');
    expect(await postPullRequestComment(input)).toBe('updated');
    expect(github.comments).toHaveLength(1);
    expect(proxy.saw.length).toBeGreaterThanOrEqual(4);
    expect(proxy.saw.every((line) => line.includes(`${PROXIED_HOST}:${apiPort}`))).toBe(true);

    // NO_PROXY names the host: the client goes direct, where the name does not resolve.
    process.env.NO_PROXY = PROXIED_HOST;
    proxy.saw.length = 0;
    const outcome = await postPullRequestComment(input);
    expect(outcome).toMatch(/^failed: .*no answer/);
    expect(proxy.saw).toEqual([]);
  });
});
