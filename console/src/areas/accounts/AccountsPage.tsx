import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ROLE_NAMES } from '../../app/roles';
import { useStaff } from '../../app/session';
import { Async } from '../../app/states';
import { AccountForm } from './AccountForm';
import { accountKeys, accountsApi, type NewAccount, type StaffAccount } from './api';
import { OneTimePassword } from './OneTimePassword';

const scopeText = (a: StaffAccount) => {
  const parts = a.scope.divisions.map((d) => (d === '' ? '全国' : d));
  if (a.scope.halls.length) parts.push(`大厅 ${a.scope.halls.join('、')}`);
  return parts.join('，') || '—';
};

/** Every staff account; the administrator creates, edits, disables and resets them here. */
export default function AccountsPage() {
  const me = useStaff();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const query = useQuery({ queryKey: accountKeys.list, queryFn: accountsApi.list });
  const [editing, setEditing] = useState<StaffAccount | 'new' | null>(null);
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  const [search, setSearch] = useState('');

  const refresh = () => queryClient.invalidateQueries({ queryKey: accountKeys.list });
  const act = useMutation({
    mutationFn: async ({
      account,
      action,
    }: {
      account: StaffAccount;
      action: 'disable' | 'enable' | 'unlock' | 'reset';
    }) => {
      if (action === 'reset') return accountsApi.resetPassword(account.id);
      return accountsApi[action](account.id);
    },
    onSuccess: (r, { account, action }) => {
      refresh();
      const password = (r as { oneTimePassword?: string }).oneTimePassword;
      if (password) setShown({ username: account.username, password });
      else
        message.success(
          { disable: '账号已停用', enable: '账号已启用', unlock: '账号已解锁', reset: '密码已重置' }[action],
        );
    },
    onError: (err) => message.error(reason(err)),
  });

  const save = async (values: NewAccount) => {
    if (editing === 'new') {
      const r = await accountsApi.create(values);
      if (r.oneTimePassword) setShown({ username: r.staff.username, password: r.oneTimePassword });
      else message.success('账号已创建');
    } else if (editing) {
      await accountsApi.update(editing.id, {
        displayName: values.displayName,
        roles: values.roles,
        scope: values.scope,
      });
      message.success('已保存，下一次操作起生效');
    }
    setEditing(null);
    refresh();
  };

  const filter = useMemo(() => search.trim().toLowerCase(), [search]);

  return (
    <>
      <PageHeader
        title="账号管理"
        sub="角色与管辖范围修改后立即生效；停用或重置密码会结束该账号所有已登录的会话。"
        extra={
          <>
            <Input.Search
              placeholder="用户名或姓名"
              allowClear
              onChange={(e) => setSearch(e.target.value)}
              style={{ width: 200 }}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="account-new">
              新建账号
            </Button>
          </>
        }
      />
      <Async query={query}>
        {({ items }) => (
          <Table<StaffAccount>
            rowKey="id"
            data-testid="accounts"
            dataSource={items.filter(
              (a) => !filter || a.username.includes(filter) || a.displayName.toLowerCase().includes(filter),
            )}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: filter ? '没有符合条件的账号' : '暂无账号' }}
            columns={[
              { title: '用户名', dataIndex: 'username' },
              { title: '姓名', dataIndex: 'displayName' },
              {
                title: '角色',
                dataIndex: 'roles',
                render: (roles: StaffAccount['roles']) => roles.map((r) => <Tag key={r}>{ROLE_NAMES[r] ?? r}</Tag>),
              },
              { title: '管辖范围', key: 'scope', render: (_, a) => scopeText(a) },
              {
                title: '状态',
                key: 'state',
                render: (_, a) => (
                  <Space size={4} wrap>
                    {a.disabled ? <Tag color="default">已停用</Tag> : <Tag color="green">正常</Tag>}
                    {a.locked && <Tag color="orange">已锁定</Tag>}
                    {a.mustChangePassword && <Tag color="blue">待改密</Tag>}
                  </Space>
                ),
              },
              {
                title: '操作',
                key: 'actions',
                width: 260,
                render: (_, a) => (
                  <Space size={0} wrap>
                    <Button type="link" size="small" onClick={() => setEditing(a)}>
                      编辑
                    </Button>
                    {a.locked && (
                      <Button type="link" size="small" onClick={() => act.mutate({ account: a, action: 'unlock' })}>
                        解锁
                      </Button>
                    )}
                    <Popconfirm
                      title={`重置 ${a.username} 的密码？`}
                      description="将生成一次性密码，该账号已登录的会话全部结束。"
                      onConfirm={() => act.mutate({ account: a, action: 'reset' })}
                    >
                      <Button type="link" size="small">
                        重置密码
                      </Button>
                    </Popconfirm>
                    {a.id !== me.id &&
                      (a.disabled ? (
                        <Button type="link" size="small" onClick={() => act.mutate({ account: a, action: 'enable' })}>
                          启用
                        </Button>
                      ) : (
                        <Popconfirm
                          title={`停用 ${a.username}？`}
                          description="停用后该账号立即无法登录和操作。"
                          onConfirm={() => act.mutate({ account: a, action: 'disable' })}
                        >
                          <Button type="link" size="small" danger>
                            停用
                          </Button>
                        </Popconfirm>
                      ))}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Async>
      <AccountForm
        account={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSave={save}
      />
      <OneTimePassword value={shown} onClose={() => setShown(null)} />
    </>
  );
}
