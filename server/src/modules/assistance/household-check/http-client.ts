import { AppError } from '../../../platform/errors';
import type { CheckAnswer, CheckRequest, HouseholdCheckAdapter, PersonStatus } from './contract';

export const checkUnavailableError = () =>
  new AppError(503, 'CHECK_UNAVAILABLE', '家庭经济状况核对服务暂时不可用，请稍后再试');

/**
 * The real check centre over HTTP (contract.ts): JSON both ways, a bearer token, 10 s per call.
 * Any failure (network, timeout, non-2xx, a body not in the contract's shape) is a 503 the
 * caller may retry; the answer is never guessed.
 */
export function createCheckHttpClient(baseUrl: string, token?: string): HouseholdCheckAdapter {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw checkUnavailableError();
    }
    if (!response.ok) throw checkUnavailableError();
    try {
      return (await response.json()) as T;
    } catch {
      throw checkUnavailableError();
    }
  }
  return {
    async verifyPersons(idNumbers) {
      const answer = await call<{ persons?: PersonStatus[] }>('POST', '/v1/persons/verify', { idNumbers });
      if (!Array.isArray(answer.persons)) throw checkUnavailableError();
      return answer.persons;
    },
    async submit(request: CheckRequest) {
      const answer = await call<{ requestId?: string }>('POST', '/v1/checks', request);
      if (typeof answer.requestId !== 'string' || !answer.requestId) throw checkUnavailableError();
      return { requestId: answer.requestId };
    },
    async fetch(requestId) {
      const answer = await call<CheckAnswer>('GET', `/v1/checks/${encodeURIComponent(requestId)}`);
      if (answer.status !== 'pending' && answer.status !== 'completed') throw checkUnavailableError();
      if (answer.status === 'completed' && !Array.isArray(answer.persons)) throw checkUnavailableError();
      return answer;
    },
  };
}
