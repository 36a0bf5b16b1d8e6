// What the validation may ask the host's file system: what a path is, and
// whether a folder takes new files. Tests pass their own.
import { accessSync, constants, statSync } from 'node:fs';

export type PathKind = 'file' | 'folder' | 'other' | 'missing';

export interface HostPaths {
  /** What is at `path` (links followed). */
  kind(path: string): PathKind;
  /** Why this process cannot create files in `folder`, or undefined when it can. */
  cannotWriteIn(folder: string): string | undefined;
}

export const realPaths: HostPaths = {
  kind(path) {
    try {
      const stat = statSync(path);
      return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
    } catch (error) {
      // ENOTDIR: a file stands where a folder of the path should be; the walk up finds it.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
      return 'other';
    }
  },
  cannotWriteIn(folder) {
    try {
      // access(2) answers for this process, read-only mounts included (EROFS even for root).
      accessSync(folder, constants.W_OK | constants.X_OK);
      return undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return 'it is on a read-only file system';
      if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
      return (error as Error).message.split('\n')[0];
    }
  },
};
