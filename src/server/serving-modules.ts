/**
 * What a gateway needs to serve beyond configuration, in one module that the gateway imports lazily:
 * most of start-up is loading these (the schema, Apollo, Fastify, the providers). One import, not
 * several at once: jest's ESM loader fails on concurrent dynamic imports that share modules.
 */
import { createApp } from './app.js';
import { createServices } from './create-services.js';
import { PendingRecovery } from '../operations/transactions/pending-recovery.js';
import { createNchlReconciler } from '../operations/withdrawals/nchl-reconciler.js';

export const serving = { createApp, createServices, PendingRecovery, createNchlReconciler };
