/**
 * Identity verification (实名核验): does this name go with this ID number, and is the number
 * alive and usable? Asked of an authoritative source (the public-security identity service,
 * directly or through a licensed provider) before a real name is bound. The same contract is
 * served by the simulator (development, tests) and by a provider over HTTP
 * (`IDENTITY_VERIFY_URL`, see http-client.ts).
 *
 * HTTP shape (JSON, bearer token):
 *   POST /v1/identity/verify   {name, idNumber, liveness?}   → {result: VerifyResult}
 */
export type VerifyResult =
  /** The name and number belong together, the person is alive, the number is in use. */
  | 'match'
  /** The number exists but is registered under another name. */
  | 'mismatch'
  /** The 户籍 was cancelled on death. */
  | 'deceased'
  /** The ID card was reported lost or stolen; the number may not be used to real-name. */
  | 'reported_stolen'
  /** No such number in the registry. */
  | 'not_found';

export const VERIFY_RESULTS: VerifyResult[] = ['match', 'mismatch', 'deceased', 'reported_stolen', 'not_found'];

export interface VerifyRequest {
  name: string;
  idNumber: string;
  /** A liveness/face check token from the client, where the provider offers one. */
  liveness?: string;
}

export interface IdentityVerifier {
  /** Which provider answered (`simulator` or `http`): shown in the README, logged, never to citizens. */
  readonly provider: 'simulator' | 'http' | 'none';
  verify(request: VerifyRequest): Promise<{ result: VerifyResult }>;
}
