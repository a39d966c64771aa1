/**
 * What holds a citizen's identity in place. Modules that act on a person's real name (a booking
 * the hall desk will check against an ID card, today's queue ticket, an application under review)
 * register a source that describes what the citizen still has open, in Chinese
 * (「1个未结束的预约」); the identity may not change while any source names something.
 */
export type IdentityDependentsSource = (userId: number) => Promise<string[]>;

export function makeIdentityDependents() {
  const sources: IdentityDependentsSource[] = [];
  return {
    register(source: IdentityDependentsSource) {
      sources.push(source);
    },
    async of(userId: number): Promise<string[]> {
      return (await Promise.all(sources.map((source) => source(userId)))).flat();
    },
  };
}

export type IdentityDependents = ReturnType<typeof makeIdentityDependents>;
