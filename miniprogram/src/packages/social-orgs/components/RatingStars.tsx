import { Text, View } from '@tarojs/components'
import type { Rating } from '../../../services/social-orgs'
import './RatingStars.scss'

/** 社会组织评估等级 1A–5A as five stars, with its validity and the evaluating authority. */
export function RatingStars({ rating }: { rating: Rating | null }) {
  if (!rating) {
    return <Text className="mz-muted">暂无有效的评估等级</Text>
  }
  return (
    <View className="so-rating" data-testid="rating" data-level={rating.level}>
      <View className="so-rating__row">
        <Text className="so-rating__label">{rating.label}</Text>
        <View className="so-rating__stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <Text key={n} className={`so-rating__star${n <= rating.level ? ' so-rating__star--on' : ''}`}>
              ★
            </Text>
          ))}
        </View>
      </View>
      <Text className="so-rating__meta">
        有效期 {rating.validFrom} 至 {rating.validTo} · {rating.authority}
      </Text>
    </View>
  )
}
