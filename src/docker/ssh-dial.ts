// ssh:// engines as the Docker CLI reaches them: the system `ssh` (so the
// user's ssh config, keys, agent and known hosts apply) runs
// `docker system dial-stdio` on the remote host, and the Docker API is spoken
// over that process's stdin and stdout. Each connection is one ssh process; an
// http agent keeps idle ones for the next request (an ssh handshake costs far
// more than a request) and closes them after a while.
import http from 'node:http';
import { Duplex } from 'node:stream';
import type { Redactor } from '../model/redact.js';
import { type PipedProcess, spawnPiped } from '../process/run.js';

export interface SshEndpoint {
  user?: string;
  host: string;
  port?: number;
}

/** How long an idle connection (its ssh process) is kept for the next request. */
const IDLE_MS = 30_000;

/** `ssh://[user@]host[:port]`, as DOCKER_HOST takes it; undefined when it is not one. */
export function parseSshEndpoint(address: string): SshEndpoint | undefined {
  const match = /^ssh:\/\/(?:([^@/]+)@)?([^:/@]+|\[[^\]]+\])(?::(\d+))?\/?$/.exec(address);
  if (!match) return undefined;
  return {
    ...(match[1] ? { user: match[1] } : {}),
    host: match[2] as string,
    ...(match[3] ? { port: Number(match[3]) } : {}),
  };
}

/** ssh's arguments up to the remote command, as the Docker CLI's connection helper gives them. */
export function sshArgs(endpoint: SshEndpoint, connectSeconds: number): string[] {
  return [
    // The deadline of the connection and of ssh's own handshake; never a prompt (no terminal here).
    '-o',
    `ConnectTimeout=${Math.max(1, Math.ceil(connectSeconds))}`,
    '-o',
    'BatchMode=yes',
    '-T',
    ...(endpoint.user ? ['-l', endpoint.user] : []),
    ...(endpoint.port ? ['-p', String(endpoint.port)] : []),
    '--',
    endpoint.host,
  ];
}

/** The command a user runs to see what worker-gate's ssh sees. */
export function sshCheckCommand(endpoint: SshEndpoint): string {
  const port = endpoint.port ? `-p ${endpoint.port} ` : '';
  return `ssh ${port}${endpoint.user ? `${endpoint.user}@` : ''}${endpoint.host} docker version`;
}

export interface SshAgentOptions {
  /** The environment ssh runs in (PATH finds it; SSH_AUTH_SOCK names the agent). */
  env: NodeJS.ProcessEnv;
  connectSeconds: number;
  redactor: Redactor;
}

/** An http agent whose every connection is `ssh … docker system dial-stdio`. */
export function sshAgent(endpoint: SshEndpoint, options: SshAgentOptions): http.Agent {
  const agent = new http.Agent({ keepAlive: true });
  const args = [...sshArgs(endpoint, options.connectSeconds), 'docker', 'system', 'dial-stdio'];
  // http.Agent's documented hook: a connection is any duplex stream.
  (agent as unknown as { createConnection: () => Duplex }).createConnection = () =>
    new SshConnection(spawnPiped('ssh', args, { env: options.env, redactor: options.redactor }), endpoint);
  return agent;
}

/** One ssh process as the socket an http request is written to and read from. */
class SshConnection extends Duplex {
  private received = false;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly ssh: PipedProcess,
    endpoint: SshEndpoint,
  ) {
    super();
    ssh.stdout.on('data', (chunk: Buffer) => {
      this.received = true;
      if (!this.push(chunk)) ssh.stdout.pause();
    });
    ssh.stdin.on('error', () => {
      // A closed stdin means ssh ended: its exit says why (below).
    });
    // The stream ends when ssh does, so a connection that never answered ends with ssh's reason.
    ssh.stdout.once('close', () => {
      void ssh.ended.then((end) => {
        if (this.received || end.exitCode === 0) {
          this.push(null);
          return;
        }
        const how = end.notStarted
          ? `cannot run ssh: ${end.notStarted}`
          : `ssh to ${endpoint.user ? `${endpoint.user}@` : ''}${endpoint.host}${endpoint.port ? ` port ${endpoint.port}` : ''} ${end.exitCode !== undefined ? `exited with ${end.exitCode}` : `was killed by ${end.signal}`}`;
        const tail = ssh.stderrTail();
        this.destroy(new Error(tail ? `${how}: ${tail}` : how));
      });
    });
  }

  override _read(): void {
    this.ssh.stdout.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // A write to an ssh that has ended fails; the end of its stdout says why (above).
    if (this.ssh.stdin.writable) this.ssh.stdin.write(chunk, () => callback());
    else callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.ssh.stdin.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.idle);
    this.ssh.stop();
    callback(error);
  }

  // What http.Agent asks of a socket it keeps between requests: an idle
  // connection neither holds worker-gate open nor lives for ever.
  unref(): this {
    this.ssh.unref();
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.destroy(), IDLE_MS);
    this.idle.unref();
    return this;
  }

  ref(): this {
    this.ssh.ref();
    clearTimeout(this.idle);
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setTimeout(): this {
    return this;
  }
}
