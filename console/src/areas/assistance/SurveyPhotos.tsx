import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Image, Space, Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { getToken, reason } from '../../app/api';
import { assistanceApi, MAX_SURVEY_PHOTOS } from './api';

const PHOTO_TYPES = ['image/jpeg', 'image/png'];

/**
 * The survey form's 入户照片: each photo is uploaded as soon as it is chosen (the server keeps it
 * for this case, re-encoded without EXIF), and the form's value is the ids it answered, sent as
 * `photoIds` with the survey. A photo that is not JPG/PNG is refused here, and the server's own
 * refusal is shown under the picture.
 */
export function SurveyPhotoUpload({
  caseId,
  value,
  onChange,
}: {
  caseId: number;
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  const { message } = AntApp.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const idsOf = (list: UploadFile[]) =>
    list.flatMap((f) => (f.status === 'done' && f.response?.photo?.id ? [f.response.photo.id as string] : []));
  return (
    <Upload
      listType="picture-card"
      accept="image/jpeg,image/png"
      multiple
      fileList={files}
      maxCount={MAX_SURVEY_PHOTOS}
      beforeUpload={(file) => {
        if (PHOTO_TYPES.includes(file.type)) return true;
        message.error('入户调查照片仅支持 JPG、PNG 格式的图片');
        return Upload.LIST_IGNORE;
      }}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const { body } = await assistanceApi.uploadSurveyPhoto(caseId, file as File);
          onSuccess?.(body);
        } catch (err) {
          message.error(reason(err));
          onError?.(err as Error);
        }
      }}
      onChange={({ fileList }) => {
        const list = fileList.map((f) => (f.status === 'error' ? { ...f, response: reason(f.error) } : f));
        setFiles(list);
        const ids = idsOf(list);
        if (ids.join() !== (value ?? []).join()) onChange?.(ids);
      }}
    >
      {files.length >= MAX_SURVEY_PHOTOS ? null : (
        <div>
          <PlusOutlined />
          <div style={{ marginTop: 8 }}>上传照片</div>
        </div>
      )}
    </Upload>
  );
}

/** A submitted survey's photo as a thumbnail, fetched with the staff token (an <img> cannot send it); each view is audited. */
function SurveyPhoto({ caseId, photoId }: { caseId: number; photoId: string }) {
  const [url, setUrl] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let objectUrl: string | undefined;
    let live = true;
    fetch(`/api/staff/assistance/cases/${caseId}/survey-photos/${photoId}`, {
      headers: { authorization: `Bearer ${getToken()}` },
    })
      .then((r) => (r.ok ? r.blob() : null))
      .then((b) => {
        if (!live) return;
        if (b) setUrl((objectUrl = URL.createObjectURL(b)));
        else setFailed(true);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [caseId, photoId]);
  if (failed) return <span>照片无法加载</span>;
  return url ? (
    <Image src={url} width={104} height={104} style={{ objectFit: 'cover' }} alt="入户调查照片" />
  ) : (
    <span>照片加载中…</span>
  );
}

/** The photos of the case's submitted surveys, as thumbnails that open large. */
export function SurveyPhotoList({ caseId, photos }: { caseId: number; photos: { id: string }[] }) {
  if (photos.length === 0) return <span>入户调查未附照片</span>;
  return (
    <Image.PreviewGroup>
      <Space wrap data-testid="survey-photo-list">
        {photos.map((p) => (
          <SurveyPhoto key={p.id} caseId={caseId} photoId={p.id} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
