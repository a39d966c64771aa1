import type { HallFamilyLinkView } from '@minzheng/contracts';
import { Alert, Button, Card, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { EmptyState } from '../../app/states';
import { hallLinksApi } from './api';

/**
 * 亲属绑定窗口确认 (elderly_officer, hall_staff): an elder without a phone comes to the window with
 * the ID card; staff type (or read) the ID number, see the links a child asked for, and confirm
 * one after checking the name on the card. The server checks the ID and name against the link
 * and the elder's area against the account's divisions; the look-up and the confirmation are
 * audited. From then on the child can order meals and book assessments for the elder.
 */
export default function FamilyLinksPage() {
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [items, setItems] = useState<HallFamilyLinkView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const look = async () => {
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      setItems((await hallLinksApi.pending(idNumber.trim())).items);
    } catch (err) {
      setItems(null);
      setError(reason(err));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (l: HallFamilyLinkView) => {
    setError(null);
    setDone(null);
    try {
      await hallLinksApi.confirm(l.id, { idNumber: idNumber.trim(), name: name.trim() });
      setDone(`已为长辈${l.elderName}确认与${l.requesterName}（${l.relationName}）的亲属绑定`);
      setItems((await hallLinksApi.pending(idNumber.trim())).items);
    } catch (err) {
      setError(reason(err));
    }
  };

  return (
    <>
      <PageHeader title="亲属绑定窗口确认" sub="为没有手机的长辈核对身份证后，确认子女在小程序中发起的亲属绑定" />
      <Card style={{ marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            请长辈本人出示身份证。确认后，子女可以为长辈订餐、预约能力评估，每次办理都会记录是谁为谁办理。
          </Typography.Text>
          <Space wrap>
            <Input
              addonBefore="长辈身份证号"
              style={{ width: 340 }}
              maxLength={18}
              value={idNumber}
              onChange={(e) => setIdNumber(e.target.value)}
              onPressEnter={look}
              data-testid="hall-id"
            />
            <Input
              addonBefore="身份证上的姓名"
              style={{ width: 240 }}
              maxLength={30}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="hall-name"
            />
            <Button type="primary" onClick={look} loading={busy} data-testid="hall-look">
              查询待确认的绑定
            </Button>
          </Space>
          {error ? <Alert type="error" showIcon message={error} data-testid="hall-error" /> : null}
          {done ? <Alert type="success" showIcon message={done} data-testid="hall-done" /> : null}
        </Space>
      </Card>
      {items === null ? null : items.length === 0 ? (
        <Card>
          <EmptyState text="这位长辈没有待确认的亲属绑定。请子女先在小程序“亲属绑定”中发起。" />
        </Card>
      ) : (
        <Card title="待确认的绑定" data-testid="hall-links">
          <List
            dataSource={items}
            renderItem={(l) => (
              <List.Item
                data-testid="hall-link"
                actions={[
                  <Button key="ok" type="primary" onClick={() => confirm(l)} data-testid="hall-confirm">
                    核对无误，确认绑定
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={`${l.requesterName} 申请绑定长辈 ${l.elderName}（${l.relationName}）`}
                  description={`申请时间 ${new Date(l.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}
