import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, InputNumber, Space, Table, message } from 'antd';
import { useState } from 'react';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { type MealRule, mealRulesApi, yuan } from './api';

/**
 * 助餐补贴规则 (elderly_officer): each region's rule within the account's divisions — from what age a
 * local 户籍 elder gets how much a meal, and the higher amount for an assessed 中度失能 or worse.
 * The server applies the longest prefix of a station's division when a meal is ordered; every
 * change is audited with before and after. A region outside the account's divisions is refused.
 */
export default function MealRulesPage() {
  const query = useQuery({ queryKey: ['elderly', 'meal-rules'], queryFn: mealRulesApi.list });
  const [prefix, setPrefix] = useState('');
  const [minAge, setMinAge] = useState<number | null>(60);
  const [perMeal, setPerMeal] = useState<number | null>(null);
  const [assessed, setAssessed] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const edit = (r: MealRule) => {
    setPrefix(r.prefix);
    setMinAge(r.minAge);
    setPerMeal(r.perMealCents / 100);
    setAssessed(r.assessedPerMealCents / 100);
    setError(null);
  };
  const save = async () => {
    setError(null);
    if (!/^\d{2}(\d{2}){0,2}$/.test(prefix)) return setError('请填写地区代码：省2位、市4位或县（区）6位');
    if (minAge === null || perMeal === null) return setError('请填写起始年龄和每餐补贴');
    setBusy(true);
    try {
      const saved = await mealRulesApi.save(prefix, {
        minAge,
        perMealCents: Math.round(perMeal * 100),
        assessedPerMealCents: Math.round((assessed ?? perMeal) * 100),
      });
      message.success(`已保存${saved.regionName}的助餐补贴`);
      await query.refetch();
    } catch (err) {
      setError(reason(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title="助餐补贴规则"
        sub="按地区设置助餐补贴：本地户籍老人自几周岁起每餐补贴多少，经评估失能的可提高"
      />
      <Card title="新增或修改" style={{ marginBottom: 16 }} data-testid="rule-form">
        <Space direction="vertical" style={{ width: '100%' }}>
          {error ? <Alert type="error" showIcon message={error} data-testid="rule-error" /> : null}
          <Space wrap>
            <Input
              addonBefore="地区代码"
              placeholder="如 110105"
              style={{ width: 220 }}
              maxLength={6}
              value={prefix}
              onChange={(e) => setPrefix(e.target.value.trim())}
              data-testid="rule-prefix"
            />
            <InputNumber
              addonBefore="年满"
              addonAfter="周岁"
              min={60}
              max={120}
              precision={0}
              value={minAge}
              onChange={setMinAge}
              data-testid="rule-age"
            />
            <InputNumber
              addonBefore="每餐补贴"
              addonAfter="元"
              min={0}
              max={1000}
              precision={2}
              value={perMeal}
              onChange={setPerMeal}
              data-testid="rule-per-meal"
            />
            <InputNumber
              addonBefore="失能老人每餐"
              addonAfter="元"
              min={0}
              max={1000}
              precision={2}
              value={assessed}
              onChange={setAssessed}
              placeholder="同上"
              data-testid="rule-assessed"
            />
            <Button type="primary" onClick={save} loading={busy} data-testid="rule-save">
              保存
            </Button>
          </Space>
        </Space>
      </Card>
      <Card title="辖区内的规则" data-testid="rules-card">
        <Async query={query}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState text="辖区内尚未设置助餐补贴规则；未设置的地区订餐按原价。" />
            ) : (
              <Table<MealRule>
                rowKey="prefix"
                size="small"
                pagination={false}
                data-testid="rules-table"
                dataSource={data.items}
                columns={[
                  { title: '地区', dataIndex: 'regionName' },
                  { title: '代码', dataIndex: 'prefix' },
                  { title: '起始年龄', dataIndex: 'minAge', render: (a: number) => `${a}周岁` },
                  { title: '每餐补贴', dataIndex: 'perMealCents', render: (c: number) => yuan(c) },
                  { title: '失能老人每餐', dataIndex: 'assessedPerMealCents', render: (c: number) => yuan(c) },
                  {
                    title: '',
                    key: 'edit',
                    render: (_: unknown, r: MealRule) => (
                      <Button size="small" onClick={() => edit(r)} data-testid={`edit-${r.prefix}`}>
                        修改
                      </Button>
                    ),
                  },
                ]}
              />
            )
          }
        </Async>
      </Card>
    </>
  );
}
