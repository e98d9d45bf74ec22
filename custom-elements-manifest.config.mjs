// Custom Elements Manifest analyzer settings (`npm run build:manifest`).
export default {
  globs: ['src/**/*.ts'],
  litelement: true,
  outdir: '.',
  plugins: [
    {
      // The analyzer also lists `dispatchEvent(new OvJoinedEvent(…))` as an event it cannot name; the named
      // entries come from the @fires tags.
      name: 'drop-unnamed-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules ?? []) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      },
    },
  ],
};
