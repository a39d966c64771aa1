import type { CaseTypeDef, RegisteredCaseType, StageDef } from './types';

/**
 * The case types other modules declare. A definition is checked when it is registered, so a
 * mistake (an action leading to a stage that does not exist, a timer naming no action) stops
 * the server at start instead of stranding a case later.
 */
export function createCaseTypeRegistry() {
  const types = new Map<string, RegisteredCaseType>();
  const prefixes = new Map<string, string>();

  function register(def: CaseTypeDef): RegisteredCaseType {
    if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/.test(def.key))
      throw new Error(`case type ${def.key}: the key is '<module>.<name>'`);
    if (types.has(def.key)) throw new Error(`case type ${def.key} is registered twice`);
    if (!/^[A-Z]{2,3}$/.test(def.numberPrefix)) throw new Error(`case type ${def.key}: numberPrefix is 2-3 capitals`);
    const taken = prefixes.get(def.numberPrefix);
    if (taken) throw new Error(`case type ${def.key}: number prefix ${def.numberPrefix} is ${taken}'s`);
    const stages: Record<string, StageDef> = {};
    for (const [key, stage] of Object.entries(def.stages)) stages[key] = { ...stage, key };
    if (!stages[def.initialStage]) throw new Error(`case type ${def.key}: no initial stage ${def.initialStage}`);
    for (const stage of Object.values(stages)) {
      for (const [actionKey, action] of Object.entries(stage.actions)) {
        if (!stages[action.to])
          throw new Error(`case type ${def.key}: ${stage.key}.${actionKey} leads to unknown stage ${action.to}`);
        if ((action.by ?? 'holder') === 'holder' && !stage.holder)
          throw new Error(`case type ${def.key}: ${stage.key}.${actionKey} is taken by a holder the stage lacks`);
      }
      if (stage.onWake && !stage.actions[stage.onWake])
        throw new Error(`case type ${def.key}: ${stage.key} wakes into unknown action ${stage.onWake}`);
    }
    const registered: RegisteredCaseType = { ...def, stages };
    types.set(def.key, registered);
    prefixes.set(def.numberPrefix, def.key);
    return registered;
  }

  return {
    register,
    get(key: string): RegisteredCaseType {
      const type = types.get(key);
      if (!type) throw new Error(`case type ${key} is not registered`);
      return type;
    },
    has: (key: string) => types.has(key),
    all: () => [...types.values()],
  };
}

export type CaseTypeRegistry = ReturnType<typeof createCaseTypeRegistry>;
