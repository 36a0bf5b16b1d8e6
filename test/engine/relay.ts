// A loopback TCP relay to this machine's engine socket that counts the HTTP
// requests it carries (a second endpoint of one engine, for tests of several
// engines), and a port where nothing answers.
import net from 'node:net';

export const ENGINE_SOCKET = process.env.DOCKER_HOST?.startsWith('unix://')
  ? process.env.DOCKER_HOST.slice('unix://'.length)
  : '/var/run/docker.sock';

export interface Relay {
  endpoint: string;
  /** The requests carried so far. */
  requests(): number;
  close(): Promise<void>;
}

export async function startRelay(): Promise<Relay> {
  let requests = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(ENGINE_SOCKET);
    client.on('data', (chunk: Buffer) => {
      requests += (chunk.toString('latin1').match(/^(GET|POST|PUT|DELETE|HEAD) \/\S* HTTP\/1\.1\r$/gm) ?? [])
        .length;
    });
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `tcp://127.0.0.1:${port}`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port that was just free: nothing answers there. */
export async function silentEndpoint(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `tcp://127.0.0.1:${port}`;
}
