// What to do about each failed audit check; `names` are the workers that failed it.
// The fix is in whatever starts the workers (compose file, worker manager), not the image.
export const AUDIT_FAMILIES: Readonly<Record<string, (names: string) => string>> = {
  'worker-user': (names) =>
    `Start ${names} as the image's non-root user (compose \`user:\`, or leave the image's USER in place).`,
  'cap-drop-all': (names) =>
    `Drop every capability of ${names}: \`cap_drop: [ALL]\` (docker run --cap-drop ALL).`,
  'no-new-privileges': (names) =>
    `Start ${names} with \`security_opt: [no-new-privileges:true]\` (docker run --security-opt no-new-privileges).`,
  'pids-limit': (names) => `Give ${names} a pids limit: \`pids_limit: 256\` (docker run --pids-limit 256).`,
  'memory-limit': (names) => `Give ${names} a memory limit: \`mem_limit: 2g\` (docker run --memory 2g).`,
  'cpu-limit': (names) => `Give ${names} a CPU limit: \`cpus: 1\` (docker run --cpus 1).`,
  'docker-socket': (names) =>
    `Remove the Docker socket mount from ${names}: a project in the worker could drive the engine, which is root on the host.`,
  privileged: (names) => `Start ${names} without \`privileged\`.`,
  'cache-volume': (names) =>
    `Mount the shared named uv cache volume at the cache folder of ${names} (\`uv-cache:/home/worker/.cache/uv\`), not an anonymous volume, a bind mount or nothing.`,
  'uv-cache-dir': (names) =>
    `Set \`UV_CACHE_DIR\` in ${names} to the mount point of the cache volume, so uv uses the volume whatever the user's HOME.`,
  'cache-volume-shared': (names) =>
    `Mount the one volume the other workers share at the uv cache folder of ${names}: a cache of their own is never warm.`,
  'expected-image': (names) => `Restart ${names} on the expected image.`,
};
