import { VOLUNTEER_SERVICE_TYPE_NAMES } from '@minzheng/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useNavigate } from 'react-router';
import { reason } from '../../app/api';
import {
  type Activity,
  type ActivityInput,
  BEIJING_INPUT,
  fromBeijingInput,
  toBeijingInput,
  volunteerApi,
  volunteerKeys,
} from './api';
import { GeofencePicker } from './GeofencePicker';

type Values = Omit<ActivityInput, 'startsAt' | 'endsAt' | 'signupDeadline'> & {
  startsAt: string;
  endsAt: string;
  signupDeadline: string;
};

const timeRule = { pattern: BEIJING_INPUT, message: '请按「2026-12-20 09:00」格式填写（北京时间）' };

/**
 * 新建 / 修改志愿活动: time (Beijing), place with its point and sign-in radius, places and the
 * page's texts. Editing is for drafts only (the server refuses a published one).
 */
export function ActivityForm({
  open,
  onClose,
  activity,
}: {
  open: boolean;
  onClose: () => void;
  /** The draft to edit; none: a new activity. */
  activity?: Activity & Partial<ActivityInput>;
}) {
  const [form] = Form.useForm<Values>();
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);
  const radiusM = Form.useWatch('radiusM', form);
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const orgs = useQuery({ queryKey: ['volunteer', 'orgs'], queryFn: volunteerApi.orgs, enabled: open && !activity });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        ...v,
        startsAt: fromBeijingInput(v.startsAt),
        endsAt: fromBeijingInput(v.endsAt),
        signupDeadline: fromBeijingInput(v.signupDeadline),
      };
      return activity ? volunteerApi.update(activity.id, body) : volunteerApi.create(body);
    },
    onSuccess: ({ activity: saved }) => {
      message.success(activity ? '活动已修改' : '活动已创建（草稿），发布后志愿者可见');
      client.invalidateQueries({ queryKey: volunteerKeys.all });
      onClose();
      if (!activity) navigate(`/volunteer/activities/${saved.id}`);
    },
    onError: (err) => message.error(reason(err)),
  });
  const initial: Partial<Values> = activity
    ? {
        ...activity,
        startsAt: toBeijingInput(activity.startsAt),
        endsAt: toBeijingInput(activity.endsAt),
        signupDeadline: activity.signupDeadline ? toBeijingInput(activity.signupDeadline) : '',
      }
    : { insurance: true, radiusM: 500, quota: 10, tasks: '', requirements: '', risks: '' };
  return (
    <Modal
      open={open}
      title={activity ? '修改活动' : '新建志愿活动'}
      okText="保存"
      cancelText="取消"
      width={720}
      destroyOnHidden
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        preserve={false}
        onFinish={(v) => save.mutate(v)}
        data-testid="activity-form"
      >
        {activity ? null : (
          <Form.Item name="orgId" label="志愿服务组织" rules={[{ required: true, message: '请选择志愿服务组织' }]}>
            <Select
              placeholder="请选择"
              loading={orgs.isLoading}
              options={orgs.data?.items.map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="type" label="服务类型" rules={[{ required: true, message: '请选择服务类型' }]}>
          <Select
            placeholder="请选择"
            options={Object.entries(VOLUNTEER_SERVICE_TYPE_NAMES).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="description" label="活动内容" rules={[{ required: true, message: '请填写活动内容' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="tasks" label="岗位任务">
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="requirements" label="参加条件">
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="risks" label="风险提示">
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="startsAt"
          label="开始时间（北京时间）"
          rules={[{ required: true, message: '请填写开始时间' }, timeRule]}
        >
          <Input placeholder="2026-12-20 09:00" />
        </Form.Item>
        <Form.Item
          name="endsAt"
          label="结束时间（北京时间）"
          rules={[{ required: true, message: '请填写结束时间' }, timeRule]}
        >
          <Input placeholder="2026-12-20 12:00" />
        </Form.Item>
        <Form.Item
          name="signupDeadline"
          label="报名截止（北京时间）"
          rules={[{ required: true, message: '请填写报名截止时间' }, timeRule]}
        >
          <Input placeholder="2026-12-19 18:00" />
        </Form.Item>
        <Form.Item name="address" label="活动地点" rules={[{ required: true, message: '请填写活动地点' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label="所在地区编码"
          rules={[{ required: true, pattern: /^\d{6,12}$/, message: '地区编码应为6至12位数字' }]}
        >
          <Input placeholder="如 110105001" />
        </Form.Item>
        <Form.Item name="lat" label="纬度" rules={[{ required: true, message: '请填写活动地点的纬度' }]}>
          <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="lng" label="经度" rules={[{ required: true, message: '请填写活动地点的经度' }]}>
          <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="radiusM" label="签到范围（米）" rules={[{ required: true, message: '请填写签到范围' }]}>
          <InputNumber min={50} max={5000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="签到范围示意（点击移动活动地点）">
          <GeofencePicker lat={lat} lng={lng} radiusM={radiusM} onMove={(point) => form.setFieldsValue(point)} />
        </Form.Item>
        <Form.Item name="quota" label="招募人数" rules={[{ required: true, message: '请填写招募人数' }]}>
          <InputNumber min={1} max={100000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="insurance" label="提供保险" valuePropName="checked">
          <Switch checkedChildren="提供" unCheckedChildren="不提供" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
