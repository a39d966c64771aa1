import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Progress, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api, reason, upload } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { EmptyState } from '../../app/states';
import { type PreviewTable, readPreview } from './table-preview';

/** What a bad row's field is called in the answer's `rows.<line>.<field>` keys. */
const FIELD_NAMES: Record<string, string> = {
  uscc: '统一社会信用代码',
  name: '名称',
  type: '类型',
  authority: '登记管理机关',
  authorityLevel: '登记管理机关级别',
  divisionCode: '区划代码',
  supervisor: '业务主管单位',
  legalRepresentative: '法定代表人',
  registeredAt: '成立登记日期',
  registeredCapital: '注册资金',
  address: '住所',
  businessScope: '业务范围',
  certificate: '证书有效期',
  status: '登记状态',
};

type PreviewRow = { cells: string[]; line: number };
/** A large file is worked as a job on the server: its state, as GET …/imports/:id tells it. */
interface ImportJob {
  id: number;
  status: 'queued' | 'checking' | 'writing' | 'done' | 'failed';
  totalRows: number;
  importedRows: number;
  progress: number;
  message: string | null;
  errors: Record<string, string>;
}

const JOB_STATES: Record<ImportJob['status'], string> = {
  queued: '排队中',
  checking: '正在逐行检查',
  writing: '正在写入',
  done: '已完成',
  failed: '未导入',
};

/** Bad rows by line, from the `rows.<line>.<field>` keys of an answer or a job. */
function rowsOf(fields: Record<string, string> | undefined): Map<number, string[]> {
  const rows = new Map<number, string[]>();
  for (const [key, message] of Object.entries(fields ?? {})) {
    const [, line, field] = key.split('.');
    if (!Number(line)) continue;
    rows.set(Number(line), [...(rows.get(Number(line)) ?? []), `${FIELD_NAMES[field] ?? field}：${message}`]);
  }
  return rows;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Outcome = { kind: 'done'; imported: number } | { kind: 'failed'; message: string; rows: Map<number, string[]> };

/**
 * An officer imports part of the register from a spreadsheet: the file is shown first, then
 * sent; the server takes it whole or not at all, and each bad row is shown with its reasons.
 */
export default function ImportPage() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<PreviewTable | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [sending, setSending] = useState(false);

  const choose = async (f: File) => {
    setFile(f);
    setOutcome(null);
    setPreview(null);
    setReadError(null);
    try {
      setPreview(await readPreview(f));
    } catch (err) {
      setReadError((err as Error).message);
    }
  };

  const [job, setJob] = useState<ImportJob | null>(null);

  const send = async () => {
    if (!file) return;
    setSending(true);
    setOutcome(null);
    setJob(null);
    try {
      const { status, body } = await upload<{ imported?: number; import?: ImportJob }>(
        '/api/staff/social-orgs/import',
        file,
        file.name,
      );
      let imported = body.imported ?? 0;
      if (status === 202 && body.import) {
        // A large file: the server works it as a job; follow it until it ends.
        let current = body.import;
        setJob(current);
        // A look that fails on the way (network, a server restarting) is not the import failing:
        // the job goes on, so the page asks again, and gives up only after several in a row.
        let missed = 0;
        while (current.status !== 'done' && current.status !== 'failed') {
          await sleep(1000);
          try {
            current = (await api<{ import: ImportJob }>(`/api/staff/social-orgs/imports/${current.id}`)).import;
            missed = 0;
          } catch (err) {
            const transient = !(err instanceof ApiError) || err.status === 0 || err.status >= 500;
            if (!transient || ++missed >= 10) throw err;
            continue;
          }
          setJob(current);
        }
        if (current.status === 'failed') {
          setOutcome({
            kind: 'failed',
            message: current.message ?? '导入未完成，未导入任何数据',
            rows: rowsOf(current.errors),
          });
          return;
        }
        imported = current.importedRows;
      }
      setOutcome({ kind: 'done', imported });
      queryClient.invalidateQueries({ queryKey: ['social-orgs', 'register'] });
    } catch (err) {
      setOutcome({
        kind: 'failed',
        message: reason(err),
        rows: rowsOf(err instanceof ApiError ? err.fields : undefined),
      });
    } finally {
      setSending(false);
    }
  };

  const bad = outcome?.kind === 'failed' ? outcome.rows : new Map<number, string[]>();
  return (
    <>
      <PageHeader
        title="批量导入"
        sub="上传 Excel（.xlsx）或 UTF-8 编码的 CSV，每行一个社会组织，最多5000行。整份文件全部无误才会导入，有误时不导入任何数据。"
      />
      <Upload.Dragger
        accept=".xlsx,.csv"
        showUploadList={false}
        beforeUpload={(f) => {
          void choose(f);
          return false;
        }}
        data-testid="import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>点击或拖入表格文件</p>
        <Typography.Text type="secondary">
          必填列：统一社会信用代码、名称、类型、登记管理机关、区划代码、法定代表人、成立登记日期、住所
        </Typography.Text>
      </Upload.Dragger>
      <div style={{ marginTop: 16 }}>
        {readError && <Alert type="error" showIcon message={readError} className="form-alert" />}
        {job && !outcome && (
          <div className="form-alert" data-testid="import-job">
            <Typography.Text>
              文件较大，服务器正在后台导入（{JOB_STATES[job.status]}，共 {job.totalRows} 行），可留在本页等待结果。
            </Typography.Text>
            <Progress percent={Math.round(job.progress * 100)} />
          </div>
        )}
        {outcome?.kind === 'done' && (
          <Alert
            type="success"
            showIcon
            className="form-alert"
            message={`已导入 ${outcome.imported} 个社会组织`}
            data-testid="import-done"
          />
        )}
        {outcome?.kind === 'failed' && (
          <Alert
            type="error"
            showIcon
            className="form-alert"
            message={outcome.message}
            description={
              outcome.rows.size ? (
                <ul className="import-errors" data-testid="import-errors">
                  {[...outcome.rows].map(([line, problems]) => (
                    <li key={line}>
                      第{line}行：{problems.join('；')}
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
            data-testid="import-failed"
          />
        )}
        {!file && !readError && <EmptyState text="尚未选择文件" />}
        {preview && (
          <>
            <Space style={{ marginBottom: 12 }}>
              <Typography.Text data-testid="import-summary">
                {file?.name}：共 {preview.total} 行
                {preview.total > preview.rows.length ? `，预览前 ${preview.rows.length} 行` : ''}
              </Typography.Text>
              <Button
                type="primary"
                loading={sending}
                disabled={!preview.total || outcome?.kind === 'done'}
                onClick={send}
                data-testid="import-send"
              >
                导入
              </Button>
            </Space>
            <Table<PreviewRow>
              size="small"
              rowKey="line"
              data-testid="import-preview"
              dataSource={preview.rows.map((cells, i) => ({ cells, line: i + 2 }))}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: '文件中没有数据行' }}
              rowClassName={(r) => (bad.has(r.line) ? 'import-row--bad' : '')}
              columns={[
                { title: '行', dataIndex: 'line', width: 56, fixed: 'left' },
                ...preview.header.map((h, i) => ({
                  title: h,
                  key: String(i),
                  render: (_: unknown, r: PreviewRow) => r.cells[i] ?? '',
                })),
                {
                  title: '问题',
                  key: 'problems',
                  render: (_: unknown, r: PreviewRow) =>
                    bad.has(r.line) ? (
                      <Typography.Text type="danger">{bad.get(r.line)!.join('；')}</Typography.Text>
                    ) : (
                      ''
                    ),
                },
              ]}
            />
          </>
        )}
      </div>
    </>
  );
}
