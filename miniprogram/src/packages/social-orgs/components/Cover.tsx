import { Image, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import './Cover.scss'

/**
 * An article's cover picture. A cover that does not load (an expired WeChat picture address,
 * a network that refuses it) gives way to a quiet placeholder of the same size instead of a
 * broken-image box.
 */
export function Cover({ src, className, lazy }: { src: string; className: string; lazy?: boolean }) {
  const [broken, setBroken] = useState(false)
  useEffect(() => setBroken(false), [src])
  if (broken)
    return (
      <View className={`${className} so-cover-fallback`} data-cover="fallback">
        <Text className="so-cover-fallback__mark">民政</Text>
      </View>
    )
  return <Image className={className} src={src} mode="aspectFill" lazyLoad={lazy} onError={() => setBroken(true)} />
}
