import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async } from '../../app/states';

/** The public account's custom menu as WeChat's menu/create takes it (server: modules/mp/menu.ts). */
type LeafType = 'click' | 'view' | 'miniprogram';
interface Leaf {
  type: LeafType;
  name: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
}
interface Group {
  name: string;
  sub_button: Leaf[];
}
interface Menu {
  button: Array<Group | Leaf>;
}
interface MenuAnswer {
  menu: Menu;
  pushedAt: string | null;
  saved: boolean;
}
/** A button as the form holds it: a group (子菜单) or one of the leaf types. */
interface FormButton {
  kind: 'group' | LeafType;
  name: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  sub_button?: Leaf[];
}

const MAX_BUTTONS = 3;
const MAX_SUBS = 5;
const key = ['notices', 'menu'] as const;
const LEAF_TYPES: { value: LeafType; label: string }[] = [
  { value: 'click', label: '点击回复（菜单键）' },
  { value: 'view', label: '打开网页' },
  { value: 'miniprogram', label: '打开小程序' },
];

const toForm = (menu: Menu): FormButton[] =>
  menu.button.map((b) =>
    'sub_button' in b ? { kind: 'group', name: b.name, sub_button: b.sub_button } : { ...b, kind: b.type },
  );

function leafOf(b: { type: LeafType } & Omit<Leaf, 'type'>): Leaf {
  if (b.type === 'click') return { type: 'click', name: b.name, key: b.key ?? '' };
  if (b.type === 'view') return { type: 'view', name: b.name, url: b.url ?? '' };
  return { type: 'miniprogram', name: b.name, appid: b.appid ?? '', pagepath: b.pagepath ?? '', url: b.url ?? '' };
}
const fromForm = (buttons: FormButton[]): Menu => ({
  button: buttons.map((b) =>
    b.kind === 'group'
      ? { name: b.name, sub_button: (b.sub_button ?? []).map(leafOf) }
      : leafOf({ ...b, type: b.kind }),
  ),
});

/** The fields of one leaf (a top button without sub-menu, or a sub-button), by its type; `path` is within the enclosing list. */
function LeafFields({ path, type }: { path: (string | number)[]; type: LeafType | undefined }) {
  if (type === 'click')
    return (
      <Form.Item name={[...path, 'key']} label="菜单键" extra="关注者点击后，公众号按这个键回复（如 FAQ、HOURS）">
        <Input placeholder="FAQ" />
      </Form.Item>
    );
  if (type === 'view')
    return (
      <Form.Item name={[...path, 'url']} label="网页地址">
        <Input placeholder="https://" />
      </Form.Item>
    );
  if (type === 'miniprogram')
    return (
      <Space wrap align="start">
        <Form.Item name={[...path, 'appid']} label="小程序 AppID">
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name={[...path, 'pagepath']} label="页面路径">
          <Input style={{ width: 240 }} placeholder="pages/services/index" />
        </Form.Item>
        <Form.Item name={[...path, 'url']} label="备用网页（旧版微信打开）">
          <Input style={{ width: 240 }} placeholder="https://" />
        </Form.Item>
      </Space>
    );
  return null;
}

function TopButton({ form, index, remove }: { form: FormInstance; index: number; remove: () => void }) {
  const kind = Form.useWatch(['button', index, 'kind'], form) as FormButton['kind'] | undefined;
  const subs = (Form.useWatch(['button', index, 'sub_button'], form) as Leaf[] | undefined) ?? [];
  return (
    <Card
      size="small"
      data-testid={`menu-button-${index}`}
      title={`一级菜单 ${index + 1}`}
      extra={
        <Button type="link" danger size="small" icon={<DeleteOutlined />} onClick={remove}>
          删除
        </Button>
      }
      style={{ marginBottom: 16 }}
    >
      <Space wrap align="start">
        <Form.Item name={[index, 'name']} label="名称" extra="最多 4 个汉字或 16 个字母">
          <Input style={{ width: 200 }} data-testid="menu-name" />
        </Form.Item>
        <Form.Item name={[index, 'kind']} label="类型">
          <Select
            style={{ width: 200 }}
            options={[{ value: 'group', label: '子菜单' }, ...LEAF_TYPES]}
            onChange={(next) => {
              if (next === 'group' && !form.getFieldValue(['button', index, 'sub_button'])?.length)
                form.setFieldValue(['button', index, 'sub_button'], [{ type: 'click', name: '', key: '' }]);
            }}
          />
        </Form.Item>
      </Space>
      {kind === 'group' ? (
        <Form.List name={[index, 'sub_button']}>
          {(fields, { add, remove: removeSub }, { errors }) => (
            <div className="menu-subs">
              {fields.map((f, j) => (
                <Card
                  key={f.key}
                  size="small"
                  type="inner"
                  style={{ marginBottom: 8 }}
                  data-testid={`menu-sub-${index}-${j}`}
                  title={`子菜单 ${j + 1}`}
                  extra={
                    <Button type="link" danger size="small" onClick={() => removeSub(f.name)}>
                      删除
                    </Button>
                  }
                >
                  <Space wrap align="start">
                    <Form.Item name={[f.name, 'name']} label="名称" extra="最多 20 个汉字">
                      <Input style={{ width: 200 }} data-testid="menu-sub-name" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'type']} label="类型">
                      <Select style={{ width: 200 }} options={LEAF_TYPES} />
                    </Form.Item>
                  </Space>
                  <LeafFields path={[f.name]} type={subs[j]?.type} />
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_SUBS}
                onClick={() => add({ type: 'click', name: '', key: '' })}
                data-testid={`menu-add-sub-${index}`}
              >
                {fields.length >= MAX_SUBS ? `子菜单最多 ${MAX_SUBS} 项` : '添加子菜单'}
              </Button>
            </div>
          )}
        </Form.List>
      ) : (
        <LeafFields path={[index]} type={kind} />
      )}
    </Card>
  );
}

/**
 * 自定义菜单: the public account's menu tree — up to 3 buttons, each a link, a reply key, a
 * mini-program page or a sub-menu of up to 5. Saved here first (the server checks WeChat's
 * rules and names the field at fault), then pushed to WeChat.
 */
export default function MenuPage() {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const query = useQuery({ queryKey: key, queryFn: () => api<MenuAnswer>('/api/staff/mp/menu') });
  const [form] = Form.useForm<{ button: FormButton[] }>();
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'push' | null>(null);

  const data = query.data;
  // What is saved fills the form, unless the editor has changed it since: a background refetch
  // must not wipe their edits (a save fills it again below).
  useEffect(() => {
    if (data && !dirty) form.setFieldsValue({ button: toForm(data.menu) });
  }, [data, dirty, form]);

  const save = async () => {
    setBusy('save');
    setError(null);
    form.setFields(form.getFieldsError().map((f) => ({ name: f.name, errors: [] })) as never);
    try {
      const answer = await api<MenuAnswer>('/api/staff/mp/menu', {
        method: 'PUT',
        body: fromForm(form.getFieldValue('button') ?? []),
      });
      queryClient.setQueryData(key, answer);
      form.setFieldsValue({ button: toForm(answer.menu) });
      setDirty(false);
      message.success('菜单已保存，推送到微信后关注者才能看到');
    } catch (err) {
      setError(reason(err));
      if (err instanceof ApiError && err.fields) {
        const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
        form.setFields(
          Object.entries(err.fields)
            .filter(([n]) => known.has(n))
            .map(([n, e]) => ({
              name: n.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)),
              errors: [e],
            })) as never,
        );
      }
    } finally {
      setBusy(null);
    }
  };
  const push = async () => {
    setBusy('push');
    setError(null);
    try {
      const answer = await api<MenuAnswer>('/api/staff/mp/menu/push', { method: 'POST' });
      queryClient.setQueryData(key, answer);
      message.success('菜单已推送到微信，关注者重新进入公众号后生效');
    } catch (err) {
      setError(`推送未成功，微信上的菜单没有变化：${reason(err)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeader
        title="自定义菜单"
        sub="公众号底部的菜单：最多 3 个一级菜单，每个最多 5 个子菜单。先保存，再推送到微信。"
        extra={
          <Space>
            <Button type="primary" loading={busy === 'save'} onClick={save} data-testid="menu-save">
              保存
            </Button>
            <Popconfirm
              title="把已保存的菜单推送到微信？"
              okText="推送"
              cancelText="取消"
              onConfirm={push}
              okButtonProps={{ 'data-testid': 'menu-push-confirm' } as never}
              disabled={dirty || !data}
            >
              <Button loading={busy === 'push'} disabled={dirty || !data} data-testid="menu-push">
                推送到微信
              </Button>
            </Popconfirm>
          </Space>
        }
      />
      <Async query={query}>
        {(d) => (
          <>
            <div style={{ marginBottom: 16 }} data-testid="menu-state">
              {!d.saved ? (
                <Tag>尚未保存过：下面是系统默认菜单</Tag>
              ) : d.pushedAt ? (
                <Tag color="success">
                  已于 {new Date(d.pushedAt).toLocaleString('zh-CN', { hour12: false })} 推送到微信
                </Tag>
              ) : (
                <Tag color="warning">已保存，尚未推送到微信</Tag>
              )}
              {dirty && <Typography.Text type="warning">有未保存的修改（推送前请先保存）</Typography.Text>}
            </div>
            {error && <Alert type="error" showIcon className="form-alert" message={error} data-testid="menu-error" />}
            <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
              <Form.List name="button">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <TopButton
                        key={f.key}
                        form={form}
                        index={f.name}
                        remove={() => {
                          remove(f.name);
                          setDirty(true);
                        }}
                      />
                    ))}
                    <Button
                      icon={<PlusOutlined />}
                      disabled={fields.length >= MAX_BUTTONS}
                      onClick={() => {
                        add({ kind: 'click', name: '', key: '' });
                        setDirty(true);
                      }}
                      data-testid="menu-add"
                    >
                      {fields.length >= MAX_BUTTONS ? `一级菜单最多 ${MAX_BUTTONS} 个` : '添加一级菜单'}
                    </Button>
                  </>
                )}
              </Form.List>
            </Form>
          </>
        )}
      </Async>
    </>
  );
}
