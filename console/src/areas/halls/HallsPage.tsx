import { DesktopOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { hallKeys, hallsApi, type Hall } from './api';

/** The halls this account works in, each one click from its desk and its settings. */
export default function HallsPage() {
  const query = useQuery({ queryKey: hallKeys.list, queryFn: hallsApi.list });
  return (
    <>
      <PageHeader title="服务大厅" sub="您负责的服务大厅" />
      <Async query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState text="您的账号还没有负责的服务大厅，请联系系统管理员分配。" />
          ) : (
            <Table<Hall>
              rowKey="id"
              dataSource={items}
              pagination={false}
              data-testid="halls"
              columns={[
                {
                  title: '大厅',
                  dataIndex: 'name',
                  render: (name: string, h) => (
                    <Space>
                      <Link to={`/halls/${h.id}/desk`}>{name}</Link>
                      {!h.active && <Tag>已停用</Tag>}
                    </Space>
                  ),
                },
                { title: '地址', dataIndex: 'address', ellipsis: true },
                {
                  title: '办公时间',
                  dataIndex: 'hours',
                  render: (hours: Hall['hours']) => hours.map(([a, b]) => `${a}-${b}`).join('，'),
                },
                {
                  title: '',
                  key: 'actions',
                  width: 220,
                  render: (_, h) => (
                    <Space>
                      <Link to={`/halls/${h.id}/desk`}>
                        <Button type="primary" size="small" icon={<DesktopOutlined />}>
                          窗口工作台
                        </Button>
                      </Link>
                      <Link to={`/halls/${h.id}/settings`}>
                        <Button size="small" icon={<SettingOutlined />}>
                          大厅设置
                        </Button>
                      </Link>
                    </Space>
                  ),
                },
              ]}
            />
          )
        }
      </Async>
    </>
  );
}
