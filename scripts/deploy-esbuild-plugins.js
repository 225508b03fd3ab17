// esbuild plugins for the Lambda bundles (serverless.yml custom.esbuild.plugins). CommonJS:
// serverless-esbuild require()s this file.
const path = require('node:path');

/**
 * zod 4's `z` namespace re-exports `locales`, every one of its ~50 error-message languages, and
 * esbuild cannot tree-shake members of a namespace object: they add ~255 KB to every bundle,
 * about a third of it, and push the zips towards the 300 KB budget. The functions only ever
 * use English, which zod registers by importing `locales/en.js` directly (not through the
 * index), so the index is replaced by one that exports `en` alone. `z.locales.xx()` for any
 * other language would be undefined in a bundle: nothing in functions/ or shared/ calls it.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) => {
      if (!args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`)) return undefined;
      const english = path.join(args.resolveDir, '..', 'locales', `en${path.extname(args.path)}`);
      return { path: english, namespace: 'zod-english-only' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

module.exports = [zodEnglishOnly];
