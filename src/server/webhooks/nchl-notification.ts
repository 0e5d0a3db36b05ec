import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { Provider } from '../../domain/provider.js';
import type {
  NotificationOutcome,
  WithdrawalProgressTracker,
} from '../../operations/withdrawals/withdrawal-progress.js';
import type { NchlDataSource } from '../../providers/nchl/nchl.data-source.js';
import { notificationFingerprint } from '../../providers/nchl/nchl.notification.js';
import type { NchlNotificationAnswer } from '../../providers/nchl/nchl.types.js';

export const NCHL_NOTIFICATION_PATH = '/cardless/thirdparty/notification';
/** A notification is a few hundred bytes; anything this large is not one. */
const MAX_NOTIFICATION_BYTES = 16 * 1024;

export interface NchlNotificationRouteDeps {
  /** Undefined when NCHL is not configured: the endpoint then does not exist. */
  nchl: NchlDataSource | undefined;
  progress: WithdrawalProgressTracker;
  logger: Logger;
}

const MESSAGES: Record<NotificationOutcome['kind'], string> = {
  applied: 'Notification received',
  stale: 'Notification received',
  replay: 'Notification already received',
  'unknown-withdrawal': 'Notification received',
};

/**
 * NCHL's cardless withdrawal notifications: Basic credentials (constant-time), a body of the documented
 * shape, and a signature that verifies against NCHL_PUBLIC_CERT. The event is stored and applied (forward
 * only), then answered SUCCESS; a replay is answered SUCCESS and changes nothing. Anything refused is
 * answered FAILED with 401, 400 or 413 (a body over 16 KiB) and changes nothing. Answers never echo what was received.
 */
export function registerNchlNotificationRoute(app: FastifyInstance, deps: NchlNotificationRouteDeps): void {
  const { nchl, progress } = deps;
  if (!nchl) return;
  const logger = deps.logger.child({ provider: Provider.NCHL, webhook: 'notification' });

  void app.register(async (scope) => {
    scope.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
      const refused = refusal(error.statusCode);
      if (refused.status === 500) logger.error({ err: error }, 'notification could not be processed');
      else logger.warn({ status: refused.status }, 'notification refused');
      return answer(reply, refused.status, { status: 'FAILED', message: refused.message });
    });

    scope.post(NCHL_NOTIFICATION_PATH, { bodyLimit: MAX_NOTIFICATION_BYTES }, async (request, reply) => {
      const checked = await nchl.notifications.check(request.headers.authorization, request.body);
      if (!checked.ok) {
        logger.warn({ reason: checked.reason, status: checked.status }, 'notification refused');
        if (checked.status === 401) void reply.header('www-authenticate', 'Basic realm="nchl-notification"');
        return answer(reply, checked.status, { status: 'FAILED', message: checked.message });
      }
      const { notification } = checked;
      const outcome = await progress.applyNotification({
        provider: Provider.NCHL,
        transactionUniqueId: notification.transactionUniqueId,
        status: notification.status,
        providerReference: notification.rpsTransactionId,
        fingerprint: notificationFingerprint(notification),
        payload: request.body,
      });
      const log = { transactionUniqueId: notification.transactionUniqueId, outcome: outcome.kind };
      if (outcome.kind === 'unknown-withdrawal') logger.warn(log, 'notification names no withdrawal of ours');
      else logger.info({ ...log, status: notification.status }, 'notification accepted');
      return answer(reply, 200, { status: 'SUCCESS', message: MESSAGES[outcome.kind] });
    });
  });
}

/** How a body refused before it was read is answered: 413 when too large, 400 when unreadable. */
function refusal(statusCode: number | undefined): { status: number; message: string } {
  if (statusCode === 413)
    return { status: 413, message: `Body must be at most ${MAX_NOTIFICATION_BYTES} bytes` };
  if (statusCode && statusCode >= 400 && statusCode < 500)
    return { status: 400, message: 'Body must be a JSON object' };
  return { status: 500, message: 'Notification could not be processed' };
}

function answer(reply: FastifyReply, status: number, body: NchlNotificationAnswer): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send(body);
}
