import { FormField } from '../../../components/FormField'
import { ChoiceRow } from './ChoiceRow'

/**
 * What describes a person to a 救助管理站, the same for 易走失人员登记 and a family's search
 * (`POST /api/family-search/searches` takes the same attributes): 性别, 身高, 口音, 民族, 体貌特征.
 * Strings as typed; the page converts and checks them.
 */
export interface PersonDraft {
  sex: 'male' | 'female' | null
  heightCm: string
  accent: string
  ethnicity: string
  features: string
}

export const EMPTY_PERSON: PersonDraft = { sex: null, heightCm: '', accent: '', ethnicity: '', features: '' }

const SEXES = [
  ['male', '男'],
  ['female', '女']
] as const

/** Chinese messages for what is wrong, by field (empty when all is well). */
export function checkPerson(p: PersonDraft): Record<string, string> {
  const found: Record<string, string> = {}
  if (!p.sex) found.sex = '请选择性别'
  const h = p.heightCm.trim()
  if (h && (!/^\d{2,3}$/.test(h) || Number(h) < 40 || Number(h) > 230)) found.heightCm = '身高应为40至230厘米'
  return found
}

/** The API's fields (optional ones left out when empty). */
export function personInput(p: PersonDraft) {
  const opt = (v: string) => v.trim() || undefined
  return {
    sex: p.sex!,
    heightCm: p.heightCm.trim() ? Number(p.heightCm) : undefined,
    accent: opt(p.accent),
    ethnicity: opt(p.ethnicity),
    features: opt(p.features)
  }
}

interface Props {
  value: PersonDraft
  errors: Record<string, string>
  onChange(patch: Partial<PersonDraft>): void
}

export function PersonFields({ value, errors, onChange }: Props) {
  return (
    <>
      <ChoiceRow
        name="sex"
        label="性别"
        options={SEXES}
        value={value.sex}
        error={errors.sex}
        onChange={(sex) => onChange({ sex })}
      />
      <FormField
        name="heightCm"
        label="身高（厘米，选填）"
        type="number"
        value={value.heightCm}
        maxLength={3}
        error={errors.heightCm}
        onChange={(heightCm) => onChange({ heightCm })}
      />
      <FormField
        name="accent"
        label="口音"
        value={value.accent}
        maxLength={32}
        placeholder="如：河北保定口音"
        error={errors.accent}
        onChange={(accent) => onChange({ accent })}
      />
      <FormField
        name="ethnicity"
        label="民族（选填）"
        value={value.ethnicity}
        maxLength={16}
        error={errors.ethnicity}
        onChange={(ethnicity) => onChange({ ethnicity })}
      />
      <FormField
        name="features"
        label="体貌特征"
        value={value.features}
        maxLength={500}
        placeholder="如：左手缺小指，右眉有痣"
        error={errors.features}
        onChange={(features) => onChange({ features })}
      />
    </>
  )
}
