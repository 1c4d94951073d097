// esbuild inlines these as strings (see scripts/build.mjs).
declare module '*.yaml' {
  const text: string;
  export default text;
}
