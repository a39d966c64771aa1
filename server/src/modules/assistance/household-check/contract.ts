/**
 * The household economic check (居民家庭经济状况核对): the 核对 centre asks 公安 (户籍),
 * 人社 (wages, pensions), 住建/不动产 (homes), 公安交管 (vehicles), 市场监管 (businesses),
 * banks and securities on the family's behalf, under the consent the applicant signed. It answers
 * later (days, in reality), so the contract is: submit a request, then fetch its answer until it
 * is complete. The same contract is served by the simulator (development, tests) and by a real
 * endpoint over HTTP (`ASSISTANCE_CHECK_URL`, see http-client.ts).
 *
 * HTTP shape (JSON, bearer token):
 *   POST /v1/persons/verify   {idNumbers: string[]}           → {persons: PersonStatus[]}
 *   POST /v1/checks           CheckRequest                     → {requestId, status: 'accepted'}
 *   GET  /v1/checks/:id                                        → CheckAnswer
 */
export type RegistryStatus = 'alive' | 'deceased' | 'not_found';

export interface PersonStatus {
  idNumber: string;
  registry: RegistryStatus;
}

export interface CheckRequest {
  /** Our reference (the case number): the centre echoes it. */
  reference: string;
  /** 低保 / 特困 / 临时救助: the centre's purpose code. */
  purpose: 'dibao' | 'tekun' | 'temporary' | 'emergency';
  consent: { signedName: string; signedAt: string };
  members: { name: string; idNumber: string; relation: string }[];
}

/** What the agencies hold on one person. Money in cents, per month where it is income. */
export interface PersonRecords {
  idNumber: string;
  registry: RegistryStatus;
  /** 人社: wages paid through social insurance, and pensions. */
  wagesMonthlyCents: number;
  pensionMonthlyCents: number;
  /** Banks and securities: balances at the check date. */
  depositsCents: number;
  /** 不动产登记: homes registered to the person. */
  houses: { areaSqm: number }[];
  /** 交管: vehicles registered to the person. */
  vehicles: { valueCents: number }[];
  /** 市场监管: businesses where the person is the legal representative or a shareholder. */
  businesses: { name: string }[];
}

export interface CheckAnswer {
  requestId: string;
  reference: string;
  status: 'pending' | 'completed';
  /** The agencies that answered (完成时). */
  agencies?: string[];
  completedAt?: string;
  persons?: PersonRecords[];
}

export interface HouseholdCheckAdapter {
  /** 户籍 look-up, asked at application: a deceased or unknown member is refused at once. */
  verifyPersons(idNumbers: string[]): Promise<PersonStatus[]>;
  submit(request: CheckRequest): Promise<{ requestId: string }>;
  fetch(requestId: string): Promise<CheckAnswer>;
}
