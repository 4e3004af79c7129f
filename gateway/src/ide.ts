import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { StaticAsset } from '@psa/http';

export interface IdeOptions {
  /** Put in the IDE's headers editor on every load, e.g. the embedded stack's demo token. */
  defaultHeaders?: Record<string, string>;
}

/** Where the IDE's files are served; the page links them relative to /graphql, so a path prefix still works. */
const ASSET_DIR = 'ide';

/** Only the packages' browser builds are served: React 18 still ships UMD builds, which GraphiQL 3's bundle expects. */
const FILES: Record<string, [pkg: string, file: string, contentType: string]> = {
  'react.production.min.js': ['react', 'umd/react.production.min.js', 'text/javascript; charset=utf-8'],
  'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js', 'text/javascript; charset=utf-8'],
  'graphiql.min.js': ['graphiql', 'graphiql.min.js', 'text/javascript; charset=utf-8'],
  'graphiql.min.js.map': ['graphiql', 'graphiql.min.js.map', 'application/json'],
  'graphiql.min.css': ['graphiql', 'graphiql.min.css', 'text/css; charset=utf-8'],
  'graphiql.min.css.map': ['graphiql', 'graphiql.min.css.map', 'application/json'],
};

/**
 * Resolves from the gateway package's own folder. A bare require.resolve would resolve from wherever the code
 * runs: from the bundle in .build/ it finds no react, which only worked where pnpm had set NODE_PATH.
 */
const gatewayRequire = createRequire(join(__dirname, '..', 'package.json'));

/** A package's own file, found from its package.json (react-dom's "exports" hide its umd folder from require). */
function packageFile(pkg: string, file: string): string {
  return join(dirname(gatewayRequire.resolve(`${pkg}/package.json`)), file);
}

/** GraphiQL, React and ReactDOM from node_modules, served by the gateway itself: the IDE works with no internet. */
export function ideAssets(): Record<string, StaticAsset> {
  return Object.fromEntries(
    Object.entries(FILES).map(([name, [pkg, file, contentType]]) => [`/${ASSET_DIR}/${name}`, { file: packageFile(pkg, file), contentType }]),
  );
}

/** JSON that is safe inside a <script> element: "<" cannot close it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function idePage(options: IdeOptions): string {
  const headers = options.defaultHeaders && Object.keys(options.defaultHeaders).length > 0 ? JSON.stringify(options.defaultHeaders, null, 2) : undefined;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Pet Solutions Alliance supergraph · GraphiQL</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${ASSET_DIR}/graphiql.min.css">
  <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script id="ide-config" type="application/json">${scriptJson({ headers })}</script>
  <script src="${ASSET_DIR}/react.production.min.js"></script>
  <script src="${ASSET_DIR}/react-dom.production.min.js"></script>
  <script src="${ASSET_DIR}/graphiql.min.js"></script>
  <script>
    const config = JSON.parse(document.getElementById('ide-config').textContent);
    const fetcher = GraphiQL.createFetcher({ url: location.origin + location.pathname });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultHeaders: config.headers,
        defaultEditorToolsVisibility: config.headers ? 'headers' : false,
      }),
    );
  </script>
</body>
</html>
`;
}

/**
 * Apollo answers GET /graphql from a browser (Accept: text/html) with its landing page; this one is GraphiQL from
 * our own files instead of Apollo Sandbox, which loads from a CDN and shows nothing without internet.
 */
export function ideLandingPage(options: IdeOptions = {}): ApolloServerPlugin {
  const html = idePage(options);
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
