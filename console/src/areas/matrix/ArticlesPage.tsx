import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { type Article, type ArticleFilter, matrixApi, matrixKeys, time } from './api';
import { DistributeModal } from './DistributeModal';

/**
 * 文章聚合: the articles synced from every member in the editor's divisions, hidden ones included.
 * 置顶 puts an article first in the citizens' feed, 隐藏 takes it out, 标签 files it under topics.
 */
export default function ArticlesPage() {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState<ArticleFilter>({ page: 1 });
  const members = useQuery({ queryKey: matrixKeys.members, queryFn: matrixApi.members });
  const query = useQuery({
    queryKey: matrixKeys.articles(filter),
    queryFn: () => matrixApi.articles(filter),
    placeholderData: keepPreviousData,
  });
  const [tagging, setTagging] = useState<Article | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [tagError, setTagError] = useState<string | null>(null);
  const [distributing, setDistributing] = useState<Article | 'new' | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const curate = async (a: Article, change: Parameters<typeof matrixApi.curate>[1], done: string) => {
    setBusy(a.id);
    try {
      await matrixApi.curate(a.id, change);
      message.success(done);
      await queryClient.invalidateQueries({ queryKey: matrixKeys.allArticles });
      return true;
    } catch (err) {
      message.error(`操作未完成：${reason(err)}`);
      return false;
    } finally {
      setBusy(null);
    }
  };
  const saveTags = async () => {
    if (!tagging) return;
    setTagError(null);
    try {
      await matrixApi.curate(tagging.id, { tags });
      message.success('标签已保存');
      setTagging(null);
      await queryClient.invalidateQueries({ queryKey: matrixKeys.allArticles });
    } catch (err) {
      setTagError(reason(err));
    }
  };

  return (
    <>
      <PageHeader
        title="文章聚合"
        sub="各成员账号发布的文章，按置顶、发布时间排列；隐藏的文章不向群众展示。"
        extra={
          <Button type="primary" onClick={() => setDistributing('new')} data-testid="distribute-new">
            撰写并分发
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="全部成员账号"
          style={{ width: 220 }}
          value={filter.member}
          onChange={(member) => setFilter({ ...filter, member, page: 1 })}
          options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
          data-testid="articles-member"
        />
        <Input.Search
          allowClear
          placeholder="标题、摘要关键词"
          style={{ width: 240 }}
          onSearch={(q) => setFilter({ ...filter, q: q.trim() || undefined, page: 1 })}
          data-testid="articles-q"
        />
        <Input.Search
          allowClear
          placeholder="按标签筛选"
          style={{ width: 180 }}
          onSearch={(tag) => setFilter({ ...filter, tag: tag.trim() || undefined, page: 1 })}
        />
      </Space>
      <Async query={query}>
        {({ items, total }) =>
          total === 0 && filter.page === 1 ? (
            <EmptyState
              text={
                filter.q || filter.tag || filter.member
                  ? '没有符合条件的文章'
                  : '暂无文章：成员账号同步后，文章会出现在这里'
              }
            />
          ) : (
            <Table<Article>
              rowKey="id"
              data-testid="matrix-articles"
              dataSource={items}
              pagination={{
                current: filter.page,
                pageSize: 20,
                total,
                showSizeChanger: false,
                onChange: (page) => setFilter({ ...filter, page }),
              }}
              columns={[
                {
                  title: '标题',
                  dataIndex: 'title',
                  render: (title: string, a) => (
                    <>
                      {a.pinned && <Tag color="red">置顶</Tag>}
                      {a.hidden && <Tag>已隐藏</Tag>}
                      <Typography.Link href={a.link} target="_blank" rel="noreferrer">
                        {title}
                      </Typography.Link>
                      <div>
                        {a.tags.map((t) => (
                          <Tag key={t} color="blue">
                            {t}
                          </Tag>
                        ))}
                      </div>
                    </>
                  ),
                },
                { title: '成员账号', key: 'member', width: 160, render: (_, a) => a.member.name ?? `#${a.member.id}` },
                { title: '发布时间', dataIndex: 'publishedAt', width: 170, render: time },
                {
                  title: '操作',
                  key: 'actions',
                  width: 250,
                  render: (_, a) => (
                    <Space size={0} wrap data-testid={`article-actions-${a.id}`}>
                      <Button
                        type="link"
                        size="small"
                        disabled={busy === a.id}
                        onClick={() => curate(a, { pinned: !a.pinned }, a.pinned ? '已取消置顶' : '已置顶')}
                      >
                        {a.pinned ? '取消置顶' : '置顶'}
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        disabled={busy === a.id}
                        onClick={() => curate(a, { hidden: !a.hidden }, a.hidden ? '已恢复展示' : '已隐藏')}
                      >
                        {a.hidden ? '取消隐藏' : '隐藏'}
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        onClick={() => {
                          setTagging(a);
                          setTags(a.tags);
                          setTagError(null);
                        }}
                      >
                        标签
                      </Button>
                      <Button type="link" size="small" onClick={() => setDistributing(a)}>
                        分发
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          )
        }
      </Async>
      <Modal
        open={tagging !== null}
        title={`标签：${tagging?.title ?? ''}`}
        okText="保存"
        cancelText="取消"
        onOk={saveTags}
        onCancel={() => setTagging(null)}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'tags-save' } as never}
      >
        {tagError && <Alert type="error" showIcon className="form-alert" message={tagError} data-testid="tags-error" />}
        <Select
          mode="tags"
          open={false}
          style={{ width: '100%' }}
          value={tags}
          onChange={setTags}
          tokenSeparators={[',', '，']}
          placeholder="输入标签后按回车，最多 8 个"
          data-testid="tags-input"
        />
      </Modal>
      <DistributeModal article={distributing} onClose={() => setDistributing(null)} />
    </>
  );
}
