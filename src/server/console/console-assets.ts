import { gzipSync } from 'node:zlib';

export interface ConsoleAsset {
  type: string;
  body: Buffer;
  gzipped: Buffer;
}

const JS = 'text/javascript; charset=utf-8';

/** Runs in the page: reads the JSON config the page carries and renders GraphiQL with same-origin workers. */
const BOOT = `(() => {
  const config = JSON.parse(document.getElementById('paygraph-console-config').textContent);
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: (_moduleId, label) => '/console/assets/' + label + '.worker.js',
  };
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), config);
})();
`;

/**
 * GraphiQL as @graphql-yoga/render-graphiql builds it (React, Monaco and its workers in one npm package, no
 * CDN), split into files the gateway serves itself. Loaded only when the console is on: it is ~9 MB of text.
 */
export async function loadConsoleAssets(): Promise<ReadonlyMap<string, ConsoleAsset>> {
  const built = await import('@graphql-yoga/render-graphiql/graphiql');
  const favicon = /^data:([^;]+);base64,(.*)$/s.exec(built.favicon);
  const assets: [string, string, string | Buffer][] = [
    ['graphiql.js', JS, built.js],
    ['graphiql.css', 'text/css; charset=utf-8', built.css],
    ['console.js', JS, BOOT],
    ['editorWorkerService.worker.js', JS, built.editorWorkerService],
    ['json.worker.js', JS, built.jsonWorker],
    ['graphql.worker.js', JS, built.graphqlWorker],
  ];
  if (favicon) assets.push(['favicon.ico', favicon[1]!, Buffer.from(favicon[2]!, 'base64')]);
  return new Map(
    assets.map(([name, type, content]) => {
      const body = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
      return [name, { type, body, gzipped: gzipSync(body) }];
    }),
  );
}
