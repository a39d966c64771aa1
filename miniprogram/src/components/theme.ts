/** NutUI theme variables (ConfigProvider); 长辈模式 enlarges type and deepens colours. */
const BASE_THEME: Record<string, string> = {
  nutuiColorPrimary: '#1677ff',
  nutuiColorPrimaryStop1: '#1677ff',
  nutuiColorPrimaryStop2: '#4096ff',
  nutuiColorPrimaryLightPressed: '#e8f1ff'
}

const ELDERLY_THEME: Record<string, string> = {
  nutuiColorPrimary: '#0a4fc4',
  nutuiColorPrimaryStop1: '#0a4fc4',
  nutuiColorPrimaryStop2: '#0a4fc4',
  nutuiColorPrimaryLightPressed: '#dde9ff',
  nutuiColorTitle: '#000000',
  nutuiColorText: '#1f2329',
  nutuiColorTextHelp: '#3a3f47',
  nutuiFontSizeXs: '15px',
  nutuiFontSizeS: '17px',
  nutuiFontSizeBase: '19px',
  nutuiFontSizeL: '21px',
  nutuiFontSizeXl: '23px',
  nutuiCellTitleFontSize: '19px',
  nutuiCellDescriptionFontSize: '17px',
  nutuiButtonNormalFontSize: '19px',
  nutuiButtonLargeFontSize: '21px',
  nutuiInputFontSize: '19px'
}

export function nutTheme(elderly: boolean): Record<string, string> {
  return elderly ? ELDERLY_THEME : BASE_THEME
}
