// Scripts that run inside containers are real files, bundled as text
// (esbuild's text loader in scripts/bundle.mjs, a transform in vitest.config.ts).
declare module '*.sh' {
  const text: string;
  export default text;
}
declare module '*.py' {
  const text: string;
  export default text;
}
declare module '*.mk' {
  const text: string;
  export default text;
}
