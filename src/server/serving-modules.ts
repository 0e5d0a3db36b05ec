/**
 * What a gateway needs to serve beyond configuration, in one module that the gateway imports lazily:
 * most of start-up is loading these (the schema, Apollo, Fastify, the providers). One import, not
 * several at once: jest's ESM loader fails on concurrent dynamic imports that share modules.
 */
export { createApp } from './app.js';
export { createServices } from './create-services.js';
export { PendingRecovery } from '../operations/transactions/pending-recovery.js';
export { createNchlReconciler } from '../operations/withdrawals/nchl-reconciler.js';
