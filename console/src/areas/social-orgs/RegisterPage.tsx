import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { download, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { useStaff } from '../../app/session';
import { Async } from '../../app/states';
import {
  CREDIT_COLORS,
  CREDIT_STATUSES,
  type CreditStatus,
  ORG_STATUSES,
  ORG_TYPES,
  type OrgListItem,
  type OrgStatus,
  type OrgType,
  orgKeys,
  orgsApi,
  type RegisterFilter,
} from './api';

const options = <K extends string>(names: Record<K, string>) =>
  (Object.entries(names) as [K, string][]).map(([value, label]) => ({ value, label }));

/** The register of the officer's divisions: search by name or credit code, filter, open a record, export. */
export default function RegisterPage() {
  const staff = useStaff();
  const { message } = AntApp.useApp();
  const divisions = staff.roles.includes('admin') ? [] : staff.scope.divisions.filter((d) => d !== '');
  const [filter, setFilter] = useState<RegisterFilter>({ page: 1, pageSize: 20, division: divisions[0] });
  const set = (patch: Partial<RegisterFilter>) => setFilter((f) => ({ ...f, page: 1, ...patch }));
  const query = useQuery({
    queryKey: orgKeys.register(filter),
    queryFn: () => orgsApi.register(filter),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(filter.q || filter.type || filter.status || filter.credit);

  const exportRegister = (format: 'xlsx' | 'csv') =>
    download('/api/staff/social-orgs/export', `社会组织名录.${format}`, { format, division: filter.division }).catch(
      (err) => message.error(reason(err)),
    );

  return (
    <>
      <PageHeader
        title="登记名录"
        sub="本辖区登记的社会组织；点名称查看信用记录、年检、处罚与评估等级。"
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => exportRegister('xlsx')}>
              导出 Excel
            </Button>
            <Button onClick={() => exportRegister('csv')}>导出 CSV</Button>
          </>
        }
      />
      <Space wrap style={{ marginBottom: 16 }} data-testid="register-filters">
        <Input.Search
          placeholder="名称或统一社会信用代码"
          allowClear
          enterButton="查询"
          style={{ width: 300 }}
          data-testid="register-search"
          onSearch={(q) => set({ q: q.trim() || undefined })}
        />
        {divisions.length > 1 && (
          <Select
            value={filter.division}
            style={{ width: 140 }}
            options={divisions.map((d) => ({ value: d, label: d }))}
            onChange={(division) => set({ division })}
            aria-label="区划"
          />
        )}
        <Select<OrgType>
          placeholder="组织类型"
          allowClear
          style={{ width: 140 }}
          options={options(ORG_TYPES)}
          onChange={(type) => set({ type })}
          data-testid="filter-type"
        />
        <Select<OrgStatus>
          placeholder="登记状态"
          allowClear
          style={{ width: 120 }}
          options={options(ORG_STATUSES)}
          onChange={(status) => set({ status })}
        />
        <Select<CreditStatus>
          placeholder="信用状态"
          allowClear
          style={{ width: 170 }}
          options={options(CREDIT_STATUSES)}
          onChange={(credit) => set({ credit })}
          data-testid="filter-credit"
        />
      </Space>
      <Async query={query}>
        {(page) => (
          <>
            {page.warning && (
              <Alert
                type="warning"
                showIcon
                className="form-alert"
                message={page.warning.message}
                description={page.warning.matches.map((m) => `${m.name}（${m.authority}公布）`).join('；')}
              />
            )}
            <Table<OrgListItem>
              rowKey="uscc"
              data-testid="register"
              loading={query.isFetching && query.isPlaceholderData}
              dataSource={page.items}
              locale={{ emptyText: filtered ? '没有符合条件的社会组织' : '本辖区暂无登记的社会组织' }}
              pagination={{
                current: filter.page,
                pageSize: filter.pageSize,
                total: page.total,
                showTotal: (n) => `共 ${n} 个`,
                onChange: (p, pageSize) => setFilter((f) => ({ ...f, page: p, pageSize })),
              }}
              scroll={{ x: 900 }}
              columns={[
                {
                  title: '名称',
                  dataIndex: 'name',
                  render: (name: string, o) => <Link to={`/social-orgs/${o.uscc}`}>{name}</Link>,
                },
                { title: '统一社会信用代码', dataIndex: 'uscc', width: 190 },
                { title: '类型', dataIndex: 'typeName', width: 120 },
                { title: '区划', dataIndex: 'divisionName', width: 160 },
                { title: '登记状态', dataIndex: 'statusName', width: 90 },
                {
                  title: '信用状态',
                  dataIndex: 'creditStatus',
                  width: 160,
                  render: (c: CreditStatus, o) => <Tag color={CREDIT_COLORS[c]}>{o.creditStatusName}</Tag>,
                },
                { title: '成立日期', dataIndex: 'registeredAt', width: 110 },
              ]}
            />
          </>
        )}
      </Async>
    </>
  );
}
