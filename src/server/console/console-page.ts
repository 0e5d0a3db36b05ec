import type { ConsoleTab } from './console-tabs.js';

export interface ConsolePageOptions {
  tabs: ConsoleTab[];
  /** JSON text of the headers each tab starts with (the sandbox token), or undefined. */
  headers?: string;
}

/** Every byte the page loads comes from the gateway's own origin, and it talks to nothing else. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The page: GraphiQL's files from /console/assets, its settings as inert JSON read by the boot script. */
export function renderConsolePage(options: ConsolePageOptions): string {
  const config = {
    title: 'PayGraph console',
    endpoint: '/graphql',
    subscriptionsProtocol: 'WS',
    defaultTabs: options.tabs.map((tab) => ({ ...tab, headers: options.headers })),
    defaultHeaders: options.headers,
    headers: options.headers,
    // The token stays out of the browser's storage.
    shouldPersistHeaders: false,
  };
  // JSON inside <script> must not close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>PayGraph console</title>
    <link rel="icon" href="/console/assets/favicon.ico" />
    <link rel="stylesheet" href="/console/assets/graphiql.css" />
  </head>
  <body>
    <noscript>The console needs JavaScript.</noscript>
    <div id="root" style="height: 100vh"></div>
    <script type="application/json" id="paygraph-console-config">${json}</script>
    <script src="/console/assets/graphiql.js"></script>
    <script src="/console/assets/console.js"></script>
  </body>
</html>
`;
}
