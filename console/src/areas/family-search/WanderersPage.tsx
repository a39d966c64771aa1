import { useMutation } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { useStaff } from '../../app/session';
import { EmptyState } from '../../app/states';
import { type IntakeQuery, type WandererHit, wandererApi } from './api';

/**
 * 入站查寻 · 易走失人员: describe the person at intake (or give the ID number they carry); the register
 * of relatives families pre-registered answers, best first, with the reasons (masked; audited).
 */
export default function WanderersPage() {
  const staff = useStaff();
  const divisions = staff.scope.divisions.filter((d) => /^\d{6}$/.test(d));
  const { message } = AntApp.useApp();
  const [noticeIds, setNoticeIds] = useState<Record<number, number | null>>({});
  const search = useMutation({ mutationFn: (q: IntakeQuery) => wandererApi.search(q) });
  const notify = useMutation({
    mutationFn: ({ id, noticeId }: { id: number; noticeId: number }) => wandererApi.notify(id, noticeId),
    onSuccess: (r) => message.success(r.message),
    onError: (err) => message.error(reason(err)),
  });
  return (
    <>
      <PageHeader
        title="救助寻亲 · 易走失人员查寻"
        sub="家属事先登记的失智、智力或精神障碍人员。按体貌或身份证号查寻；姓名、证件号、电话均已脱敏，查寻记入审计日志。"
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<IntakeQuery & { idNumber?: string }>
          layout="inline"
          initialValues={{ stationDivisionCode: divisions[0], sex: 'male', ageMin: 60, ageMax: 80 }}
          onFinish={(v) =>
            search.mutate({
              ...v,
              idNumber: v.idNumber?.trim() || undefined,
              accent: v.accent?.trim() || undefined,
              features: v.features?.trim() || undefined,
            })
          }
        >
          <Form.Item
            name="stationDivisionCode"
            label="本站区划"
            rules={[{ required: true, message: '请填写本站区划代码' }]}
          >
            {divisions.length ? (
              <Select style={{ width: 110 }} options={divisions.map((d) => ({ value: d, label: d }))} />
            ) : (
              <Input style={{ width: 110 }} placeholder="6位代码" />
            )}
          </Form.Item>
          <Form.Item name="sex" label="性别">
            <Select
              style={{ width: 80 }}
              options={[
                { value: 'male', label: '男' },
                { value: 'female', label: '女' },
              ]}
            />
          </Form.Item>
          <Form.Item name="ageMin" label="估计年龄">
            <InputNumber min={0} max={120} style={{ width: 70 }} />
          </Form.Item>
          <Form.Item name="ageMax" label="至">
            <InputNumber min={0} max={120} style={{ width: 70 }} />
          </Form.Item>
          <Form.Item name="accent" label="口音">
            <Input style={{ width: 110 }} placeholder="如：河南" />
          </Form.Item>
          <Form.Item name="features" label="体貌特征">
            <Input style={{ width: 200 }} placeholder="如：左手缺小指" />
          </Form.Item>
          <Form.Item name="idNumber" label="随身证件号">
            <Input style={{ width: 190 }} placeholder="可不填" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={search.isPending}>
            查寻
          </Button>
        </Form>
      </Card>
      {search.isError && <EmptyState text={`查寻失败：${reason(search.error)}`} />}
      {search.data &&
        (search.data.items.length === 0 ? (
          <EmptyState text="登记库中没有相符的易走失人员" />
        ) : (
          <Table<WandererHit>
            rowKey="id"
            dataSource={search.data.items}
            pagination={false}
            onRow={() => ({ 'data-testid': 'wanderer-hit' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: '相似度', dataIndex: 'score', width: 80 },
              { title: '姓名', dataIndex: 'name', width: 80 },
              { title: '证件号', dataIndex: 'idNumber', width: 170, render: (v) => v ?? '未登记' },
              { title: '出生年', dataIndex: 'birthYear', width: 80 },
              { title: '情况', dataIndex: 'conditionLabel', width: 140 },
              {
                title: '相符之处',
                render: (_, w) => (
                  <Space wrap>
                    {w.reasons.map((r) => (
                      <Tag key={r}>{r}</Tag>
                    ))}
                  </Space>
                ),
              },
              { title: '监护人', width: 150, render: (_, w) => `${w.guardian.name} ${w.guardian.phone}` },
              {
                title: '通知家属',
                width: 220,
                render: (_, w) => (
                  <Space.Compact>
                    <InputNumber
                      placeholder="本站公告编号"
                      min={1}
                      style={{ width: 120 }}
                      value={noticeIds[w.id] ?? null}
                      onChange={(v) => setNoticeIds((m) => ({ ...m, [w.id]: v }))}
                    />
                    <Button
                      disabled={!noticeIds[w.id]}
                      loading={notify.isPending}
                      onClick={() => notify.mutate({ id: w.id, noticeId: noticeIds[w.id]! })}
                    >
                      通知
                    </Button>
                  </Space.Compact>
                ),
              },
            ]}
          />
        ))}
    </>
  );
}
