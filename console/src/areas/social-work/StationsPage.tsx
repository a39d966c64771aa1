import { NEED_CATEGORIES, NEED_CATEGORY_NAMES } from '@minzheng/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../app/PageHeader';
import { useStaff } from '../../app/session';
import { Async, EmptyState } from '../../app/states';
import { type ServiceOrg, type Station, type StationInput, socialWorkApi, socialWorkKeys, type Worker } from './api';
import { blank, FormModal, required } from '../../app/forms';

/**
 * 社工站与机构: the 乡镇/街道社工站 in scope with their workers, and the social work service
 * organizations (linked to the social organization register by credit code). Set up a station,
 * edit one, register an organization; the server checks scope and the register and says why not.
 */
export default function StationsPage() {
  const staff = useStaff();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const stations = useQuery({ queryKey: socialWorkKeys.stations(), queryFn: socialWorkApi.stations });
  const orgs = useQuery({ queryKey: socialWorkKeys.orgs(), queryFn: socialWorkApi.orgs });
  const workers = useQuery({ queryKey: socialWorkKeys.workers(false), queryFn: () => socialWorkApi.workers(false) });
  const [editing, setEditing] = useState<Station | 'new' | null>(null);
  const [orgOpen, setOrgOpen] = useState(false);
  const saved = async (text: string) => {
    setEditing(null);
    setOrgOpen(false);
    message.success(text);
    await queryClient.invalidateQueries({ queryKey: socialWorkKeys.all });
  };
  const workersOf = (id: number) => (workers.data?.items ?? []).filter((w) => w.stationId === id);

  return (
    <>
      <PageHeader
        title="社会工作 · 社工站与机构"
        sub="乡镇（街道）社工站及其社工、社会工作服务机构（按统一社会信用代码关联社会组织登记）。一次录入，名册、求助分派和统计共用。"
        extra={
          <Space>
            <Button onClick={() => setOrgOpen(true)} data-testid="sw-org-new">
              登记服务机构
            </Button>
            <Button type="primary" onClick={() => setEditing('new')} data-testid="sw-station-new">
              设立社工站
            </Button>
          </Space>
        }
      />
      <Async query={stations}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState text="辖区内暂无社工站" />
          ) : (
            <Table
              rowKey="id"
              dataSource={data.items}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="sw-stations-table"
              expandable={{
                expandedRowRender: (s) => <StationWorkers workers={workersOf(s.id)} />,
                expandRowByClick: false,
              }}
              columns={[
                { title: '社工站', dataIndex: 'name' },
                { title: '地区代码', dataIndex: 'divisionCode' },
                { title: '服务内容', render: (_, s) => s.serviceNames.map((n) => <Tag key={n}>{n}</Tag>) },
                { title: '运营机构', render: (_, s) => s.orgName ?? '—' },
                { title: '社工（已登记）', render: (_, s) => `${s.workerCount}（${s.certifiedCount}）` },
                { title: '电话', dataIndex: 'phone' },
                {
                  title: '操作',
                  render: (_, s) => (
                    <Button type="link" size="small" onClick={() => setEditing(s)}>
                      编辑
                    </Button>
                  ),
                },
              ]}
            />
          )
        }
      </Async>
      <Card title="社会工作服务机构" size="small" style={{ marginTop: 16 }}>
        <Async query={orgs}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState text="暂无登记的社会工作服务机构" />
            ) : (
              <Table
                rowKey="id"
                size="small"
                dataSource={data.items}
                pagination={false}
                data-testid="sw-orgs-table"
                columns={[
                  { title: '机构名称', dataIndex: 'name' },
                  { title: '统一社会信用代码', dataIndex: 'uscc' },
                  { title: '登记管理机关区划', dataIndex: 'divisionCode' },
                ]}
              />
            )
          }
        </Async>
      </Card>
      <StationModal
        open={editing !== null}
        station={editing === 'new' ? null : editing}
        orgs={orgs.data?.items ?? []}
        defaultDivision={staff.scope.divisions.find((d) => d !== '') ?? ''}
        onClose={() => setEditing(null)}
        onSaved={(s) => void saved(editing === 'new' ? `已设立 ${s.name}` : `已保存 ${s.name}`)}
      />
      <OrgModal open={orgOpen} onClose={() => setOrgOpen(false)} onSaved={(o) => void saved(`已登记 ${o.name}`)} />
    </>
  );
}

function StationWorkers({ workers }: { workers: Worker[] }) {
  if (!workers.length) return <span>本站暂无社工，可在「社工名册」中登记社工并选择本站。</span>;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={workers}
      data-testid="sw-station-workers"
      columns={[
        { title: '姓名', dataIndex: 'name' },
        { title: '等级', dataIndex: 'levelName' },
        { title: '证书编号', dataIndex: 'certificateNo' },
        { title: '登记日期', render: (_, w) => w.registeredOn ?? <Tag color="orange">未登记</Tag> },
      ]}
    />
  );
}

function StationModal({
  open,
  station,
  orgs,
  defaultDivision,
  onClose,
  onSaved,
}: {
  open: boolean;
  station: Station | null;
  orgs: ServiceOrg[];
  defaultDivision: string;
  onClose: () => void;
  onSaved: (s: Station) => void;
}) {
  const editing = station !== null;
  return (
    <FormModal
      open={open}
      title={editing ? `修改社工站：${station?.name}` : '设立乡镇（街道）社工站'}
      width={680}
      testId="sw-station"
      resetKey={station}
      initial={() =>
        station
          ? {
              name: station.name,
              divisionCode: station.divisionCode,
              orgUscc: station.orgUscc ?? undefined,
              address: station.address,
              phone: station.phone,
              officeHours: station.officeHours,
              description: station.description,
              services: station.services,
              lat: station.lat ?? undefined,
              lng: station.lng ?? undefined,
            }
          : { divisionCode: defaultDivision, officeHours: '周一至周五 9:00-17:00', services: [] }
      }
      send={async (v) => {
        const body = {
          name: v.name,
          orgUscc: blank(v.orgUscc, editing),
          address: v.address,
          phone: v.phone,
          officeHours: v.officeHours,
          description: v.description ?? '',
          services: v.services ?? [],
          lat: blank(v.lat, editing),
          lng: blank(v.lng, editing),
        } as Partial<StationInput>;
        return (
          station
            ? await socialWorkApi.updateStation(station.id, body)
            : await socialWorkApi.createStation({ ...body, divisionCode: v.divisionCode } as StationInput)
        ).station;
      }}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item name="name" label="社工站名称" rules={required('社工站名称')}>
        <Input maxLength={100} data-testid="sw-station-name" />
      </Form.Item>
      <Form.Item
        name="divisionCode"
        label="所在乡镇（街道）代码"
        rules={required('所在乡镇（街道）代码')}
        extra={editing ? '求助按乡镇（街道）派给社工站，设立后不能修改' : '9位乡镇（街道）代码，如 110105001'}
      >
        <Input maxLength={12} disabled={editing} data-testid="sw-station-division" />
      </Form.Item>
      <Form.Item name="orgUscc" label="运营机构" extra="政府直接运营的可不选">
        <Select
          allowClear
          placeholder="选择已登记的社会工作服务机构"
          data-testid="sw-station-org"
          options={orgs.map((o) => ({ value: o.uscc, label: `${o.name}（${o.uscc}）` }))}
        />
      </Form.Item>
      <Form.Item name="address" label="地址" rules={required('地址')}>
        <Input maxLength={200} data-testid="sw-station-address" />
      </Form.Item>
      <Form.Item name="phone" label="联系电话" rules={required('联系电话')}>
        <Input maxLength={20} data-testid="sw-station-phone" />
      </Form.Item>
      <Form.Item name="officeHours" label="服务时间" rules={required('服务时间')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="services" label="服务内容">
        <Checkbox.Group
          data-testid="sw-station-services"
          options={NEED_CATEGORIES.map((c) => ({ value: c, label: NEED_CATEGORY_NAMES[c] }))}
        />
      </Form.Item>
      <Form.Item name="description" label="简介">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Space>
        <Form.Item name="lat" label="纬度（选填）">
          <InputNumber min={-90} max={90} step={0.0001} />
        </Form.Item>
        <Form.Item name="lng" label="经度（选填）">
          <InputNumber min={-180} max={180} step={0.0001} />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

function OrgModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (o: ServiceOrg) => void;
}) {
  return (
    <FormModal
      open={open}
      title="登记社会工作服务机构"
      okText="登记"
      testId="sw-org"
      send={async (v) => (await socialWorkApi.registerOrg(v.uscc)).org}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        name="uscc"
        label="统一社会信用代码"
        rules={required('统一社会信用代码')}
        extra="机构须已在社会组织登记中；名称从登记信息中读取"
      >
        <Input maxLength={18} data-testid="sw-org-uscc" />
      </Form.Item>
    </FormModal>
  );
}
