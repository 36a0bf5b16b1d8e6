// Containers of our own short scripts: created, started, waited for and
// removed in one call, their output whole; and removal that tolerates a
// container already gone (stopped after a timeout, removed by the clean-up).
import { InfraError } from '../model/errors.js';
import type { Container, ContainerSpec, Engine } from './engine-api.js';

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Create, start, wait for and remove one container (our own short scripts);
 * its output comes back whole. Past `timeoutSeconds` it is killed and the run fails.
 * An interrupted run stops waiting too (guard.ts); the container goes all the same.
 */
/**
 * Creates, starts and waits for a container, then removes it; `removeLater`: hands its removal
 * to the caller (who runs it beside other work and waits for it where it must) instead.
 */
export async function runOnce(
  engine: Engine,
  spec: ContainerSpec,
  timeoutSeconds = 120,
  removeLater?: (remove: () => Promise<void>) => void,
): Promise<RunResult> {
  const container = await engine.containers.create(spec);
  try {
    await container.start();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new InfraError(`a container from ${spec.image} did not finish within ${timeoutSeconds} s`)),
        timeoutSeconds * 1000,
      );
      timer.unref();
    });
    const exitCode = await Promise.race([container.wait(), expired]).finally(() => clearTimeout(timer));
    const { stdout, stderr } = await container.logs();
    return { exitCode, stdout, stderr };
  } finally {
    if (removeLater) removeLater(() => removeContainer(container));
    else await removeContainer(container);
  }
}

/** Remove it with its anonymous volumes; gone already, or going, is no error. */
export async function removeContainer(container: Container): Promise<void> {
  try {
    await container.remove();
  } catch (err) {
    const code = (err as { statusCode?: number }).statusCode;
    if (code !== 404 && code !== 409) throw err;
  }
}
