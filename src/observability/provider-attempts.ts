import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { context, createContextKey } from '@opentelemetry/api';

/** The provider call under way in a context, so the HTTP attempts it makes can be counted. */
export const PROVIDER_CALL_KEY = createContextKey('paygraph.provider-call');

export interface AttemptCount {
  attempts: number;
}

/**
 * Each HTTP request either wire starts: undici announces it on `undici:request:create`, Node's http client
 * (under got) on `http.client.request.start`. Both are published synchronously where the request is made,
 * so the active context is the provider call's: its retries are the attempts after the first.
 */
const ATTEMPT_CHANNELS = ['undici:request:create', 'http.client.request.start'] as const;

/** Counts attempts into the provider call of the active context; returns the function that stops it. */
export function countProviderAttempts(): () => void {
  const onAttempt = () => {
    const call = context.active().getValue(PROVIDER_CALL_KEY) as AttemptCount | undefined;
    if (call) call.attempts += 1;
  };
  for (const name of ATTEMPT_CHANNELS) subscribe(name, onAttempt);
  return () => {
    for (const name of ATTEMPT_CHANNELS) unsubscribe(name, onAttempt);
  };
}
