import { DownOutlined, HomeOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Dropdown, Layout, Menu, type MenuProps, Space, Tag } from 'antd';
import { Suspense, useMemo } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { menuFor } from './areas';
import { ROLE_NAMES } from './roles';
import { useSession, useStaff } from './session';
import { Loading } from './states';

const { Header, Sider, Content } = Layout;

/** The frame every page lives in: the menu this account may use, who is signed in, sign-out. */
export function Frame() {
  const staff = useStaff();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();

  const groups = useMemo(() => menuFor(staff.roles), [staff.roles]);
  const items: MenuProps['items'] = useMemo(
    () => [
      { key: '/', icon: <HomeOutlined />, label: <Link to="/">首页</Link> },
      ...groups.map(({ area, entries }) =>
        entries.length === 1
          ? {
              key: `/${entries[0].path}`,
              icon: entries[0].icon ?? area.icon,
              label: <Link to={`/${entries[0].path}`}>{entries[0].label}</Link>,
            }
          : {
              key: `area:${area.key}`,
              icon: area.icon,
              label: area.label,
              children: entries.map((e) => ({
                key: `/${e.path}`,
                icon: e.icon,
                label: <Link to={`/${e.path}`}>{e.label}</Link>,
              })),
            },
      ),
    ],
    [groups],
  );
  // The entry whose path is the longest prefix of where we are.
  const selected = useMemo(() => {
    const paths = ['/', ...groups.flatMap((g) => g.entries.map((e) => `/${e.path}`))];
    const here = location.pathname;
    return paths
      .filter((p) => here === p || (p !== '/' && here.startsWith(`${p}/`)))
      .sort((a, b) => b.length - a.length)
      .slice(0, 1);
  }, [groups, location.pathname]);
  const openGroups = useMemo(
    () =>
      groups
        .filter((g) => g.entries.length > 1 && g.entries.some((e) => selected.includes(`/${e.path}`)))
        .map((g) => `area:${g.area.key}`),
    [groups, selected],
  );

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { type: 'divider' },
    { key: 'signout', icon: <LogoutOutlined />, label: '退出登录' },
  ];
  const onUserMenu: MenuProps['onClick'] = async ({ key }) => {
    if (key === 'password') navigate('/account/password');
    if (key === 'signout') {
      await session.signOut();
      message.success('已退出登录');
      navigate('/signin', { replace: true });
    }
  };

  return (
    <Layout className="frame">
      <Sider breakpoint="xl" collapsedWidth={64} width={208} theme="light" className="frame__sider">
        <Link to="/" className="frame__brand">
          <img src={`${import.meta.env.BASE_URL}emblem.svg`} alt="" width={28} height={28} />
          <span className="frame__brand-text">民政服务工作台</span>
        </Link>
        <Menu
          mode="inline"
          items={items}
          selectedKeys={selected}
          defaultOpenKeys={openGroups}
          key={openGroups.join(',')}
          data-testid="nav"
        />
      </Sider>
      <Layout>
        <Header className="frame__header">
          <div className="frame__header-space" />
          <Dropdown menu={{ items: userMenu, onClick: onUserMenu }} trigger={['click']}>
            <Button type="text" className="frame__user" data-testid="user-menu">
              <Space>
                <UserOutlined />
                <span>{staff.displayName || staff.username}</span>
                {staff.roles.map((r) => (
                  <Tag key={r} bordered={false}>
                    {ROLE_NAMES[r] ?? r}
                  </Tag>
                ))}
                <DownOutlined />
              </Space>
            </Button>
          </Dropdown>
        </Header>
        <Content className="frame__content">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
