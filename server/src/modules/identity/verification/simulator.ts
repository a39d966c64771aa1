import type { IdentityVerifier, VerifyResult } from './contract';

/**
 * The identity service in development and tests, as the WeChat simulator stands in for WeChat.
 * Any name with a checksum-valid ID number verifies (the examples printed in GB 11643, e.g.
 * 张三 11010519491231002X, verify), except the people on this documented list, so the demo and
 * the tests can show every refusal:
 *
 * | name | ID number          | answer                                              |
 * |------|--------------------|-----------------------------------------------------|
 * | 李四 | 110105199003071239 | mismatch: the number is 王建国's (王建国 verifies)   |
 * | 任意 | 110101193501010014 | deceased                                            |
 * | 任意 | 110102198805050022 | reported_stolen                                     |
 * | 任意 | 110106200001010012 | not_found                                           |
 */
export const SIMULATED_PEOPLE: { idNumber: string; registeredName?: string; answer: VerifyResult }[] = [
  { idNumber: '110105199003071239', registeredName: '王建国', answer: 'mismatch' },
  { idNumber: '110101193501010014', answer: 'deceased' },
  { idNumber: '110102198805050022', answer: 'reported_stolen' },
  { idNumber: '110106200001010012', answer: 'not_found' },
];

export function createVerifySimulator(): IdentityVerifier {
  return {
    provider: 'simulator',
    async verify({ name, idNumber }) {
      const person = SIMULATED_PEOPLE.find((p) => p.idNumber === idNumber.toUpperCase());
      if (!person) return { result: 'match' };
      if (person.registeredName) return { result: person.registeredName === name ? 'match' : 'mismatch' };
      return { result: person.answer };
    },
  };
}
