import { PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { LEVELS, type Member, matrixApi, matrixKeys, type NewMember, time } from './api';

function SyncStatus({ m }: { m: Member }) {
  if (!m.active) return <Tag>已停用</Tag>;
  if (m.sync.failures > 0)
    return (
      <Tag color="error" data-testid="sync-failing">
        同步失败（连续 {m.sync.failures} 次）
      </Tag>
    );
  if (!m.sync.lastSyncedAt) return <Tag>尚未同步</Tag>;
  return <Tag color="success">正常</Tag>;
}

/** 成员账号: every member public account in the editor's divisions, how its syncing goes, and 立即同步. */
export default function MembersPage() {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const query = useQuery({ queryKey: matrixKeys.members, queryFn: matrixApi.members, refetchInterval: 15_000 });
  const [syncing, setSyncing] = useState(false);
  // The modal adds a member (editing null) or edits one: name, credentials, level, region, category.
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<NewMember>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: matrixKeys.members });

  const openEditor = (m: Member | null) => {
    setEditing(m);
    setAdding(true);
    setAddError(null);
  };
  // The one form instance outlives the modal: fill it each time it opens, with what is saved.
  useEffect(() => {
    if (!adding) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? {
            name: editing.name,
            appid: editing.appid,
            level: editing.level as NewMember['level'],
            divisionCode: editing.divisionCode,
            category: editing.category,
          }
        : { level: 'county' },
    );
  }, [adding, editing, form]);
  // The server tries the AppID and AppSecret against WeChat before saving: a wrong pair is said
  // here. An edit sends only what changed; an empty AppSecret keeps the one saved.
  const add = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    setAddError(null);
    try {
      if (editing) {
        const changes = Object.fromEntries(
          (Object.keys(v) as Array<keyof NewMember>)
            .filter((k) => (k === 'secret' ? Boolean(v.secret) : v[k] !== editing[k as keyof Member]))
            .map((k) => [k, v[k]]),
        ) as Partial<NewMember>;
        if (!Object.keys(changes).length) {
          setAdding(false);
          return;
        }
        await matrixApi.editMember(editing.id, changes);
        message.success(
          changes.appid || changes.secret ? `已保存 ${v.name}，新的凭据已通过微信校验` : `已保存 ${v.name}`,
        );
      } else {
        await matrixApi.addMember(v);
        message.success('成员账号已添加，下一轮同步将拉取它的文章');
      }
      setAdding(false);
      refresh();
    } catch (err) {
      setAddError(reason(err));
      if (err instanceof ApiError && err.fields)
        form.setFields(
          Object.entries(err.fields)
            .filter(([n]) => ['name', 'appid', 'secret', 'level', 'divisionCode', 'category'].includes(n))
            .map(([n, e]) => ({ name: n as keyof NewMember, errors: [e] })),
        );
    } finally {
      setSaving(false);
    }
  };
  const setActive = (m: Member, active: boolean) =>
    matrixApi
      .setActive(m.id, active)
      .then(() => {
        message.success(active ? `已启用 ${m.name}` : `已停用 ${m.name}，它的文章不再向群众展示`);
        refresh();
      })
      .catch((err) => message.error(`操作未完成：${reason(err)}`));

  const sync = async () => {
    setSyncing(true);
    try {
      const { queued } = await matrixApi.sync();
      message.success(
        queued ? `已安排 ${queued} 个成员账号立即同步` : '没有需要同步的成员账号（失败的账号在退避期内暂不重试）',
      );
      setTimeout(() => queryClient.invalidateQueries({ queryKey: matrixKeys.members }), 1500);
    } catch (err) {
      message.error(`同步未能开始：${reason(err)}`);
    } finally {
      setSyncing(false);
    }
  };

  return (
    <>
      <PageHeader
        title="成员账号"
        sub="矩阵中的各级民政公众号；系统每 10 分钟同步一次它们新发布的文章，失败的账号按退避时间重试。"
        extra={
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => openEditor(null)} data-testid="member-new">
              添加成员账号
            </Button>
            <Button type="primary" icon={<SyncOutlined />} loading={syncing} onClick={sync} data-testid="matrix-sync">
              立即同步
            </Button>
          </Space>
        }
      />
      <Async query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState text="您管辖的区划内暂无成员账号" />
          ) : (
            <Table<Member>
              rowKey="id"
              data-testid="matrix-members"
              dataSource={items}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: '名称', dataIndex: 'name' },
                { title: '级别', dataIndex: 'levelName', width: 90 },
                { title: '区划', dataIndex: 'divisionCode', width: 90 },
                { title: '类别', dataIndex: 'category', width: 130 },
                {
                  title: '启用',
                  dataIndex: 'active',
                  width: 70,
                  render: (on: boolean, m) => (
                    <Switch checked={on} onChange={(v) => setActive(m, v)} data-testid="member-active" />
                  ),
                },
                { title: '同步状态', key: 'status', width: 170, render: (_, m) => <SyncStatus m={m} /> },
                { title: '上次同步', key: 'last', width: 170, render: (_, m) => time(m.sync.lastSyncedAt) },
                {
                  title: '最近错误',
                  key: 'error',
                  render: (_, m) =>
                    m.sync.lastError ? (
                      <>
                        <Typography.Text type="danger" data-testid="sync-error">
                          {m.sync.lastError}
                        </Typography.Text>
                        {m.sync.nextAttemptAt && (
                          <div>
                            <Typography.Text type="secondary">下次重试：{time(m.sync.nextAttemptAt)}</Typography.Text>
                          </div>
                        )}
                      </>
                    ) : (
                      '—'
                    ),
                },
                {
                  title: '',
                  key: 'edit',
                  width: 70,
                  render: (_, m) => (
                    <Button type="link" onClick={() => openEditor(m)} data-testid="member-edit">
                      编辑
                    </Button>
                  ),
                },
              ]}
            />
          )
        }
      </Async>
      <Modal
        open={adding}
        title={editing ? `编辑成员账号：${editing.name}` : '添加成员账号'}
        okText={editing ? '保存' : '校验并添加'}
        cancelText="取消"
        confirmLoading={saving}
        onOk={add}
        onCancel={() => setAdding(false)}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'member-save' } as never}
      >
        {addError && (
          <Alert type="error" showIcon className="form-alert" message={addError} data-testid="member-error" />
        )}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="name"
            label="公众号名称"
            rules={[{ required: true, whitespace: true, message: '请填写公众号名称' }]}
          >
            <Input maxLength={64} data-testid="member-name" />
          </Form.Item>
          <Space align="start">
            <Form.Item name="appid" label="AppID" rules={[{ required: true, message: '请填写公众号 AppID' }]}>
              <Input style={{ width: 220 }} data-testid="member-appid" />
            </Form.Item>
            <Form.Item
              name="secret"
              label="AppSecret"
              extra={editing ? '不修改请留空；只加密保存，不再显示' : '只加密保存，不再显示'}
              rules={editing ? [] : [{ required: true, message: '请填写公众号 AppSecret' }]}
            >
              <Input.Password style={{ width: 240 }} autoComplete="off" data-testid="member-secret" />
            </Form.Item>
          </Space>
          <Space align="start">
            <Form.Item name="level" label="级别">
              <Select style={{ width: 120 }} options={LEVELS} />
            </Form.Item>
            <Form.Item name="divisionCode" label="区划代码" rules={[{ required: true, message: '请填写区划代码' }]}>
              <Input style={{ width: 140 }} maxLength={6} placeholder="6 位数字" data-testid="member-division" />
            </Form.Item>
            <Form.Item
              name="category"
              label="类别"
              rules={[{ required: true, whitespace: true, message: '请填写类别' }]}
            >
              <Input style={{ width: 160 }} maxLength={32} placeholder="民政部门" data-testid="member-category" />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
