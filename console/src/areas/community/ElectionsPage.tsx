import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { ElectionView } from '@minzheng/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Checkbox, Empty, Form, Input, InputNumber, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { FormModal, required } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { type Candidate, communityApi, communityKeys, type ResultLine, when } from './api';
import { CommunityPicker } from './CommunityPicker';

type Step =
  | { kind: 'announce' }
  | { kind: 'candidates'; election: ElectionView }
  | { kind: 'results'; election: ElectionView };

/**
 * 村/居委会换届: per term, the 选举公告, then the candidate list, then the results. Each stage is
 * public on the community's page and told to its followers; the server keeps the order.
 */
export default function ElectionsPage() {
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step | null>(null);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: communityKeys.elections(code),
    queryFn: () => communityApi.elections(code),
    enabled: /^\d{12}$/.test(code),
  });
  const saved = async (text: string) => {
    setStep(null);
    message.success(text);
    await queryClient.invalidateQueries({ queryKey: communityKeys.elections(code) });
  };
  const election = step && step.kind !== 'announce' ? step.election : null;

  return (
    <>
      <PageHeader
        title="社区治理 · 换届选举"
        sub="按届发布选举公告、候选人名单和选举结果；每一步都在村/社区页面公开，并通知关注的居民。"
        extra={
          <Button
            type="primary"
            disabled={!code}
            onClick={() => setStep({ kind: 'announce' })}
            data-testid="election-announce"
          >
            发布选举公告
          </Button>
        }
      />
      <CommunityPicker value={code} onChange={setCode} />
      {!code ? (
        <Empty description="请选择村/社区" />
      ) : (
        <Async query={query}>
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState text="本村/社区暂无换届选举记录" />
            ) : (
              <Space direction="vertical" style={{ width: '100%' }}>
                {items.map((e) => (
                  <ElectionCard key={e.id} election={e} onStep={setStep} />
                ))}
              </Space>
            )
          }
        </Async>
      )}
      <FormModal
        open={step?.kind === 'announce'}
        title="发布换届选举公告"
        okText="发布"
        testId="election-new"
        resetKey={code}
        initial={() => ({ term: (query.data?.items[0]?.term ?? 0) + 1 })}
        send={async (v) => (await communityApi.announce(code, v)).election}
        onClose={() => setStep(null)}
        onSaved={(e) => void saved(`已发布第${e.term}届选举公告`)}
      >
        <Form.Item name="term" label="届次" rules={[{ required: true, message: '请填写届次' }]}>
          <InputNumber min={1} max={99} data-testid="election-term" />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={required('标题')}>
          <Input maxLength={100} data-testid="election-title" />
        </Form.Item>
        <Form.Item name="announcement" label="选举公告" rules={required('选举公告')}>
          <Input.TextArea rows={5} data-testid="election-text" />
        </Form.Item>
      </FormModal>
      <FormModal
        open={step?.kind === 'candidates'}
        title={`公布候选人名单：第${election?.term ?? ''}届`}
        okText="公布"
        width={720}
        testId="election-candidates"
        resetKey={election}
        initial={() => ({
          candidates: election?.candidates.length ? election.candidates : [{ name: '', role: '', intro: '' }],
        })}
        send={async (v) =>
          (
            await communityApi.candidates(
              election!.id,
              (v.candidates ?? []).map((c: Partial<Candidate>) => ({
                name: c.name ?? '',
                role: c.role ?? '',
                intro: c.intro ?? '',
              })),
            )
          ).election
        }
        onClose={() => setStep(null)}
        onSaved={(e) => void saved(`已公布第${e.term}届候选人名单（${e.candidates.length}人）`)}
      >
        <Rows name="candidates" add={{ name: '', role: '', intro: '' }} addLabel="添加候选人">
          {(n) => (
            <>
              <Form.Item name={[n, 'name']} rules={required('候选人姓名')}>
                <Input placeholder="姓名" maxLength={30} />
              </Form.Item>
              <Form.Item name={[n, 'role']} rules={required('职务')}>
                <Input placeholder="职务，如 主任" maxLength={20} />
              </Form.Item>
              <Form.Item name={[n, 'intro']}>
                <Input placeholder="简介（选填）" maxLength={200} />
              </Form.Item>
            </>
          )}
        </Rows>
      </FormModal>
      <FormModal
        open={step?.kind === 'results'}
        title={`公布选举结果：第${election?.term ?? ''}届`}
        okText="公布"
        width={720}
        testId="election-results"
        resetKey={election}
        initial={() => ({
          results: (election?.results.length
            ? election.results
            : (election?.candidates ?? []).map((c) => ({
                name: c.name,
                role: c.role,
                votes: undefined,
                elected: false,
              }))
          ).map((r) => ({ ...r })),
        })}
        send={async (v) =>
          (
            await communityApi.results(
              election!.id,
              (v.results ?? []).map((r: Partial<ResultLine>) => ({
                name: r.name ?? '',
                role: r.role ?? '',
                votes: r.votes ?? 0,
                elected: Boolean(r.elected),
              })),
            )
          ).election
        }
        onClose={() => setStep(null)}
        onSaved={(e) => void saved(`已公布第${e.term}届选举结果`)}
      >
        <Rows name="results" add={{ name: '', role: '', elected: false }} addLabel="添加一行">
          {(n) => (
            <>
              <Form.Item name={[n, 'name']} rules={required('姓名')}>
                <Input placeholder="姓名" maxLength={30} />
              </Form.Item>
              <Form.Item name={[n, 'role']} rules={required('职务')}>
                <Input placeholder="职务" maxLength={20} />
              </Form.Item>
              <Form.Item name={[n, 'votes']} rules={[{ required: true, message: '请填写得票数' }]}>
                <InputNumber min={0} placeholder="得票数" />
              </Form.Item>
              <Form.Item name={[n, 'elected']} valuePropName="checked">
                <Checkbox>当选</Checkbox>
              </Form.Item>
            </>
          )}
        </Rows>
      </FormModal>
    </>
  );
}

/** Rows of a list the dialog sends whole: add one, remove one. */
function Rows({
  name,
  add,
  addLabel,
  children,
}: {
  name: string;
  add: Record<string, unknown>;
  addLabel: string;
  children: (n: number) => React.ReactNode;
}) {
  return (
    <Form.List name={name}>
      {(fields, ops) => (
        <>
          {fields.map((field, i) => (
            <Space key={field.key} align="baseline" data-testid={`${name}-row-${i}`}>
              {children(field.name)}
              <MinusCircleOutlined aria-label="删除该行" onClick={() => ops.remove(field.name)} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => ops.add(add)} data-testid={`${name}-add`}>
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function ElectionCard({ election: e, onStep }: { election: ElectionView; onStep: (s: Step) => void }) {
  return (
    <Card
      title={`第${e.term}届 · ${e.title}`}
      extra={<Tag color={e.status === 'finished' ? 'green' : 'blue'}>{e.statusLabel}</Tag>}
      data-testid={`election-${e.term}`}
      actions={[
        ...(e.status !== 'finished'
          ? [
              <Button key="c" type="link" onClick={() => onStep({ kind: 'candidates', election: e })}>
                {e.candidates.length ? '修改候选人名单' : '公布候选人名单'}
              </Button>,
            ]
          : []),
        ...(e.status === 'candidates'
          ? [
              <Button key="r" type="link" onClick={() => onStep({ kind: 'results', election: e })}>
                公布选举结果
              </Button>,
            ]
          : []),
      ]}
    >
      <p style={{ whiteSpace: 'pre-wrap' }}>{e.announcement}</p>
      <p>更新于 {when(e.updatedAt)}</p>
      {e.candidates.length > 0 && (
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          title={() => `候选人名单（${e.candidates.length}人）`}
          dataSource={e.candidates}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '职务', dataIndex: 'role' },
            { title: '简介', dataIndex: 'intro' },
          ]}
        />
      )}
      {e.results.length > 0 && (
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          title={() => '选举结果'}
          dataSource={e.results}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '职务', dataIndex: 'role' },
            { title: '得票', dataIndex: 'votes' },
            { title: '', render: (_, r) => (r.elected ? <Tag color="green">当选</Tag> : <Tag>未当选</Tag>) },
          ]}
        />
      )}
    </Card>
  );
}
