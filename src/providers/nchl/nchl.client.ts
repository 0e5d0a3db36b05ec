import { Provider } from '../../domain/provider.js';
import type { ProviderHttpClient } from '../shared/http-client.js';
import { ProviderError, errorForStatus } from '../shared/provider-error.js';
import type { TokenManager } from '../shared/token-manager.js';
import type { NchlCredential } from './nchl.auth.js';
import { isCashOutSuccess, readCashOutData, type NchlCashOut } from './nchl.mapper.js';
import type {
  NchlCashWithdrawalBody,
  NchlCashWithdrawalResponse,
  NchlCreateRequestBody,
  NchlReportBody,
  NchlReportRecord,
  NchlReportResponse,
  NchlResponseCodeBody,
} from './nchl.types.js';

const SUCCESS = '000';

/**
 * NCHL NPI calls with a refresh-grant bearer token. create-request and cash-out are sent once; a call
 * refused for its token (401, before NCHL acted) is replayed once by the token manager. Reports are reads
 * and retried by the transport.
 */
export class NchlClient {
  constructor(
    private readonly http: ProviderHttpClient,
    private readonly tokens: TokenManager<NchlCredential>,
  ) {}

  async createRequest(body: NchlCreateRequestBody): Promise<void> {
    const { status, body: answer } = await this.post<NchlResponseCodeBody>(
      'createWithdrawRequest',
      '/api/v1/cardless/create-request',
      body,
      false,
    );
    const responseCode = readResponseCode(answer);
    if (status >= 200 && status < 300 && responseCode === SUCCESS) return;
    if (responseCode !== undefined && responseCode !== SUCCESS && status < 500) {
      throw rejected('NCHL declined the withdrawal request', status, responseCode);
    }
    if (status >= 200 && status < 300) throw unreadable(status);
    throw errorForStatus(Provider.NCHL, status);
  }

  /** Pays out cash against an OTP. A refusal (wrong OTP, expired …) is an answer, not an error. */
  async cashWithdrawal(body: NchlCashWithdrawalBody): Promise<NchlCashOutResult> {
    const { status, body: answer } = await this.post<NchlCashWithdrawalResponse>(
      'cashWithdrawal',
      '/cardless/withdraw/transaction',
      body,
      false,
    );
    if (status >= 200 && status < 300 && isCashOutSuccess(answer)) {
      return { paid: true, cashOut: readCashOutData(answer?.data) };
    }
    const code = typeof answer?.code === 'string' ? answer.code : undefined;
    if (code !== undefined && code !== SUCCESS && status < 500) {
      return { paid: false, reason: cashOutRejection(answer?.message), providerCode: code };
    }
    if (status >= 200 && status < 300) throw unreadable(status);
    throw errorForStatus(Provider.NCHL, status);
  }

  /** The report record of one request, or undefined when NCHL has none. */
  async report(transactionUniqueId: string): Promise<NchlReportRecord | undefined> {
    const json: NchlReportBody = { transactionUniqueId };
    const { status, body } = await this.post<NchlReportResponse>(
      'report',
      '/api/v1/cardless/report',
      json,
      true,
    );
    const responseCode = readResponseCode(body);
    if (status >= 200 && status < 300 && responseCode === SUCCESS) {
      const records = Array.isArray(body?.responseData) ? body.responseData : [];
      return records.find((record) => record?.transactionUniqueId === transactionUniqueId);
    }
    if (responseCode !== undefined && responseCode !== SUCCESS && status < 500) {
      throw rejected('NCHL refused the report request', status, responseCode);
    }
    if (status >= 200 && status < 300) {
      throw new ProviderError(Provider.NCHL, 'PROVIDER_BAD_RESPONSE', 'NCHL answered an unreadable report', {
        status,
      });
    }
    throw errorForStatus(Provider.NCHL, status);
  }

  private post<T>(operation: string, path: string, json: unknown, idempotent: boolean) {
    return this.tokens.withCredential(async (credential) => {
      const response = await this.http.request<T | undefined>({
        operation,
        method: 'POST',
        path,
        json,
        headers: { authorization: `Bearer ${credential.accessToken}` },
        idempotent,
      });
      // The API's only credential is the bearer token: a 401 means NCHL refused it before acting.
      if (response.status === 401) {
        throw new ProviderError(Provider.NCHL, 'PROVIDER_TOKEN_REJECTED', 'NCHL refused our access token', {
          status: 401,
        });
      }
      return response;
    });
  }
}

/**
 * Rejection reasons we can tell apart. NCHL publishes no codes for them, so the (our-side) reason comes
 * from the wording of its message; anything else is a plain decline.
 */
export type NchlCashOutRejection = 'WRONG_OTP' | 'EXPIRED' | 'AMOUNT_MISMATCH' | 'DECLINED';

export type NchlCashOutResult =
  { paid: true; cashOut: NchlCashOut } | { paid: false; reason: NchlCashOutRejection; providerCode: string };

function cashOutRejection(message: unknown): NchlCashOutRejection {
  const text = typeof message === 'string' ? message.toLowerCase() : '';
  if (/verification code|otp/.test(text)) return 'WRONG_OTP';
  if (/expired/.test(text)) return 'EXPIRED';
  if (/amount/.test(text)) return 'AMOUNT_MISMATCH';
  return 'DECLINED';
}

function readResponseCode(body: unknown): string | undefined {
  const code = (body as NchlResponseCodeBody | undefined)?.responseCode;
  return typeof code === 'string' ? code : undefined;
}

function rejected(message: string, status: number, providerCode: string): ProviderError {
  return new ProviderError(Provider.NCHL, 'PROVIDER_REJECTED', message, { status, providerCode });
}

/** A 2xx we cannot read may still be a request NCHL acted on. */
function unreadable(status: number): ProviderError {
  return new ProviderError(Provider.NCHL, 'PROVIDER_BAD_RESPONSE', 'NCHL answered an unreadable success', {
    status,
    outcomeUnknown: true,
  });
}
