import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './fields.scss'

interface Props {
  label: string
  /** the local file chosen (not yet sent), or null */
  value: string | null
  hint?: string
  onChange(path: string | null): void
}

/** One photo from the album or camera, previewed here; the page sends it (the server removes EXIF). */
export function PhotoField({ label, value, hint, onChange }: Props) {
  const choose = async () => {
    try {
      const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      if (res.tempFilePaths[0]) onChange(res.tempFilePaths[0])
    } catch {
      // cancelled
    }
  }
  return (
    <View className="fs-photo" data-field="photo">
      <Text className="mz-field__label">{label}</Text>
      {value ? <Image className="fs-photo__preview" src={value} mode="aspectFill" data-testid="photo-preview" /> : null}
      <View className="fs-photo__actions" data-testid="photo-actions">
        <Button size="small" onClick={() => void choose()}>
          {value ? '更换照片' : '添加照片'}
        </Button>
        {value ? (
          <Button size="small" onClick={() => onChange(null)}>
            不用照片
          </Button>
        ) : null}
      </View>
      {hint ? <Text className="mz-muted">{hint}</Text> : null}
    </View>
  )
}
