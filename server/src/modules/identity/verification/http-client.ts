import { AppError } from '../../../platform/errors';
import { type IdentityVerifier, VERIFY_RESULTS, type VerifyResult } from './contract';

export const verifyUnavailableError = () =>
  new AppError(503, 'IDENTITY_VERIFY_UNAVAILABLE', '实名核验服务暂时不可用，请稍后再试，您的信息未被保存');

/**
 * The identity provider over HTTP (contract.ts): JSON both ways, a bearer token, 10 s per call.
 * Any failure (network, timeout, non-2xx, an answer not in the contract) is a 503 the citizen may
 * retry; nothing is bound on a guess.
 */
export function createVerifyHttpClient(baseUrl: string, token?: string): IdentityVerifier {
  return {
    provider: 'http',
    async verify(request) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/v1/identity/verify`, {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(10_000),
        });
      } catch {
        throw verifyUnavailableError();
      }
      if (!response.ok) throw verifyUnavailableError();
      let answer: { result?: unknown };
      try {
        answer = (await response.json()) as { result?: unknown };
      } catch {
        throw verifyUnavailableError();
      }
      if (!VERIFY_RESULTS.includes(answer.result as VerifyResult)) throw verifyUnavailableError();
      return { result: answer.result as VerifyResult };
    },
  };
}
