import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Empty, Form, Input, Select, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { FormError, showRefusal } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import { Async } from '../../app/states';
import { communityApi, communityKeys, type ProfileInput } from './api';
import { CommunityPicker } from './CommunityPicker';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * 村/社区信息: what residents see on the community's page in the mini-program — the 村/居民委员会
 * members with their posts, office hours, address, phone and services. Entered once here.
 */
export default function ProfilePage() {
  const [code, setCode] = useState('');
  const query = useQuery({
    queryKey: communityKeys.page(code),
    queryFn: () => communityApi.page(code),
    enabled: /^\d{12}$/.test(code),
  });
  return (
    <>
      <PageHeader
        title="社区治理 · 村/社区信息"
        sub="委员会成员、办公时间、地址和便民服务，保存后居民在小程序的村/社区页面即可看到。"
      />
      <CommunityPicker value={code} onChange={setCode} />
      {!code ? (
        <Empty description="请选择村/社区" />
      ) : (
        <Async query={query}>{({ community }) => <ProfileForm code={code} page={community} />}</Async>
      )}
    </>
  );
}

function ProfileForm({
  code,
  page,
}: {
  code: string;
  page: Awaited<ReturnType<typeof communityApi.page>>['community'];
}) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fill = (p: typeof page) => {
    form.resetFields();
    setError(null);
    form.setFieldsValue({
      address: p.address ?? '',
      officeHours: p.officeHours ?? '',
      phone: p.phone ?? '',
      services: p.services,
      committee: p.committee,
    });
  };
  // Filled once per community (and again from what a save stored): a background refetch of the
  // page must not wipe what the clerk is typing.
  const filledFor = useRef<string | null>(null);
  useEffect(() => {
    if (filledFor.current === code) return;
    filledFor.current = code;
    fill(page);
  });

  const save = async () => {
    // What the form itself refuses is marked on its fields; nothing is sent.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    setError(null);
    const body: ProfileInput = {
      address: text(v.address),
      officeHours: text(v.officeHours),
      phone: text(v.phone),
      services: v.services ?? [],
      committee: (v.committee ?? []).map((m: { name?: string; role?: string }) => ({
        name: m.name ?? '',
        role: m.role ?? '',
      })),
    };
    try {
      const { community } = await communityApi.saveProfile(code, body);
      queryClient.setQueryData(communityKeys.page(code), { community });
      fill(community);
      message.success(`已保存${community.name}的信息，居民在小程序中即可看到`);
    } catch (err) {
      showRefusal(form, err, setError);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={`${page.fullName}（${page.kindLabel}）`} data-testid="community-profile">
      <FormError error={error} testId="community-profile-error" />
      <Form form={form} layout="vertical" style={{ maxWidth: 720 }} data-testid="community-profile-form">
        <Form.Item name="address" label="办公地址">
          <Input maxLength={200} data-testid="profile-address" />
        </Form.Item>
        <Form.Item name="officeHours" label="办公时间">
          <Input maxLength={200} placeholder="如：周一至周五 8:30-17:30" data-testid="profile-hours" />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={40} data-testid="profile-phone" />
        </Form.Item>
        <Form.Item name="services" label="便民服务" extra="输入一项后按回车，可填多项">
          <Select mode="tags" open={false} tokenSeparators={['，', ',']} data-testid="profile-services" />
        </Form.Item>
        <Form.Item label="村/居民委员会成员">
          <Form.List name="committee">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Space key={field.key} align="baseline" data-testid={`profile-member-${i}`}>
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={[{ required: true, whitespace: true, message: '请填写成员姓名' }]}
                    >
                      <Input placeholder="姓名" maxLength={30} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'role']}
                      rules={[{ required: true, whitespace: true, message: '请填写职务' }]}
                    >
                      <Input placeholder="职务，如 主任、委员" maxLength={20} />
                    </Form.Item>
                    <MinusCircleOutlined aria-label="删除该成员" onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} data-testid="profile-add-member">
                  添加成员
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="profile-save">
          保存
        </Button>
      </Form>
    </Card>
  );
}
