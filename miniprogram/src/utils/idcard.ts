/** GB 11643-1999 citizen identity number: 17 digits + check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** Chinese message for what is wrong with an identity number, or null when it is valid. */
export function idNumberProblem(raw: string): string | null {
  const value = raw.trim().toUpperCase()
  if (!value) return '请输入身份证号'
  if (!/^\d{17}[\dX]$/.test(value)) return '身份证号应为18位，最后一位可以是数字或X'
  const month = Number(value.slice(10, 12))
  const day = Number(value.slice(12, 14))
  if (month < 1 || month > 12 || day < 1 || day > 31) return '身份证号中的出生日期不正确'
  if (idCheckChar(value) !== value[17]) return '身份证号校验位不正确'
  return null
}

export function nameProblem(raw: string): string | null {
  const value = raw.trim()
  if (!value) return '请输入姓名'
  if (!/^[\u4e00-\u9fa5·]{2,20}$/.test(value)) return '请输入2–20个汉字的真实姓名'
  return null
}

export function phoneProblem(raw: string): string | null {
  const value = raw.trim()
  if (!value) return '请输入手机号'
  if (!/^1[3-9]\d{9}$/.test(value)) return '请输入11位手机号'
  return null
}
