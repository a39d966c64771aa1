import { Text, View } from '@tarojs/components'
import type { MatrixArticle } from '../../../services/matrix'
import { formatDate, openArticle } from './nav'
import { Cover } from './Cover'
import './ArticleCard.scss'

/** One article of the matrix feed: cover, title, source account and date; a tap opens it. */
export function ArticleCard({ article, compact }: { article: MatrixArticle; compact?: boolean }) {
  return (
    <View
      className={`so-article${compact ? ' so-article--compact' : ''}`}
      data-article={article.id}
      onClick={() => openArticle(article.link, article.title)}
    >
      <View className="so-article__text">
        <Text className="so-article__title">
          {article.pinned ? <Text className="so-article__pin">置顶</Text> : null}
          {article.title}
        </Text>
        {!compact && article.digest ? <Text className="so-article__digest">{article.digest}</Text> : null}
        <Text className="so-article__meta">
          {article.member.name ?? '社会组织动态'} · {formatDate(article.publishedAt)}
        </Text>
      </View>
      {article.cover ? <Cover className="so-article__cover" src={article.cover} lazy /> : null}
    </View>
  )
}
