import { act, cleanup, fireEvent, type RenderResult } from '@testing-library/react'
import assert from 'node:assert/strict'
import { taroDouble, type RequestOptions } from './doubles/taro'
import { renderPage, settle } from './support/render'
import { extra, installSocialOrgDoubles, json, serverWith, uninstallSocialOrgDoubles } from './support/social-orgs'
import ComplaintPage from '../src/packages/social-orgs/pages/complaint/index'

const USCC = '53110105MJ0000001X'
const posts = () =>
  taroDouble.requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/social-orgs/complaints')

const complaint = (req: RequestOptions) => ({
  trackingNo: 'TS20261129ABC123',
  targetType: 'org',
  targetName: '北京市朝阳区书法家协会',
  category: req.data.category,
  categoryName: '违规收费或强制入会',
  content: req.data.content,
  anonymous: req.data.anonymous,
  contactPhone: null,
  status: 'submitted',
  statusName: '已提交',
  answer: null,
  rejectReason: null,
  submittedAt: '2026-11-29T08:00:00.000Z',
  progress: [{ status: 'submitted', statusName: '已提交', note: null, at: '2026-11-29T08:00:00.000Z' }],
  images: []
})

const field = (view: RenderResult, name: string) =>
  view.container.querySelector(`[data-field="${name}"]`) as HTMLElement
const errorOf = (view: RenderResult, name: string) =>
  field(view, name).querySelector('.so-complaint__error, .mz-field__error')?.textContent ?? null

async function type(view: RenderResult, name: string, value: string) {
  const el = field(view, name).querySelector('textarea, input') as HTMLInputElement
  await act(async () => {
    fireEvent.change(el, { target: { value } })
  })
}
async function chooseCategory(view: RenderResult, value: string) {
  await act(async () => {
    fireEvent.click(field(view, 'category').querySelector(`[data-value="${value}"]`)!)
  })
}
async function tapSubmit(view: RenderResult, times = 1) {
  await act(async () => {
    for (let i = 0; i < times; i++) fireEvent.click(view.getByText('提交投诉'))
  })
  await settle()
}

describe('投诉举报 form', () => {
  let answer: (req: RequestOptions) => { statusCode: number; data: unknown }
  let release: (() => void) | null
  beforeEach(() => {
    taroDouble.reset()
    installSocialOrgDoubles()
    extra.params = { uscc: USCC, name: encodeURIComponent('北京市朝阳区书法家协会') }
    release = null
    answer = (req) => json({ complaint: complaint(req), replayed: false }, 201)
    serverWith((req, url) => {
      if (url.pathname !== '/api/social-orgs/complaints') return undefined
      return answer(req)
    })
  })
  afterEach(() => {
    cleanup()
    uninstallSocialOrgDoubles()
  })

  it('names the organization and counts the characters of the text', async () => {
    const view = await renderPage(ComplaintPage)
    assert.equal(view.getByTestId('complaint-target').textContent, '北京市朝阳区书法家协会')
    assert.equal(view.getByTestId('content-counter').textContent, '0/1000')
    await type(view, 'content', '该协会强制会员缴费')
    assert.equal(view.getByTestId('content-counter').textContent, '9/1000')
    assert.match(field(view, 'content').textContent!, /还需至少1个字/)
    assert.equal(field(view, 'content').querySelector('textarea')!.getAttribute('maxlength'), '1000')
  })

  it('refuses to send without a category or with too short a text, or with a wrong phone', async () => {
    const view = await renderPage(ComplaintPage)
    await tapSubmit(view)
    assert.equal(errorOf(view, 'category'), '请选择投诉类别')
    assert.equal(errorOf(view, 'content'), '请填写投诉内容')
    await chooseCategory(view, 'fees')
    await type(view, 'content', '强制入会')
    await type(view, 'phone', '12345')
    await tapSubmit(view)
    assert.equal(errorOf(view, 'category'), null)
    assert.equal(errorOf(view, 'content'), '投诉内容至少10个字')
    assert.equal(errorOf(view, 'phone'), '联系电话格式不正确')
    assert.equal(posts().length, 0, 'nothing sent')
    assert.equal(taroDouble.toasts.at(-1)?.title, '投诉内容至少10个字')
  })

  it('a double tap files one complaint; the tracking number is shown', async () => {
    answer = (req) => {
      const res = json({ complaint: complaint(req), replayed: false }, 201)
      return new Promise((resolve) => (release = () => resolve(res))) as any
    }
    const view = await renderPage(ComplaintPage)
    await chooseCategory(view, 'fees')
    await type(view, 'content', '该协会以评奖为名强制会员缴纳会费三千元。')
    await type(view, 'phone', '13800138000')
    await tapSubmit(view, 2)
    await tapSubmit(view)
    release!()
    await settle()
    assert.equal(posts().length, 1)
    const body = posts()[0].data
    assert.deepEqual(
      { ...body, idempotencyKey: undefined },
      {
        target: { uscc: USCC },
        category: 'fees',
        content: '该协会以评奖为名强制会员缴纳会费三千元。',
        images: [],
        anonymous: false,
        contact: { phone: '13800138000' },
        idempotencyKey: undefined
      }
    )
    assert.match(body.idempotencyKey, /^[A-Za-z0-9_-]{8,64}$/)
    assert.match(posts()[0].header!.Authorization, /^Bearer /)
    assert.equal(view.getByTestId('tracking-no').textContent, 'TS20261129ABC123')
    assert.ok(view.getByTestId('notice-consent'), 'offers the progress notices')
  })

  it('a second tap after a failed answer reuses the idempotency key (the server files it once)', async () => {
    let calls = 0
    answer = (req) =>
      ++calls === 1
        ? json({ error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } }, 503)
        : json({ complaint: complaint(req), replayed: true }, 200)
    const view = await renderPage(ComplaintPage)
    await chooseCategory(view, 'fraud')
    await type(view, 'content', '以慈善名义在小区募捐，无任何登记证明。')
    await tapSubmit(view)
    assert.equal(view.queryByTestId('tracking-no'), null)
    assert.equal(taroDouble.toasts.at(-1)?.title, '服务暂时不可用，请稍后再试')
    await tapSubmit(view)
    assert.equal(posts().length, 2)
    assert.equal(posts()[0].data.idempotencyKey, posts()[1].data.idempotencyKey)
    assert.equal(view.getByTestId('tracking-no').textContent, 'TS20261129ABC123')
  })

  it('a new form has a new idempotency key', async () => {
    const keys: string[] = []
    for (let i = 0; i < 2; i++) {
      const view = await renderPage(ComplaintPage)
      await chooseCategory(view, 'other')
      await type(view, 'content', '这是一条用于测试的投诉内容文字。')
      await tapSubmit(view)
      keys.push(posts().at(-1)!.data.idempotencyKey)
      cleanup()
    }
    assert.notEqual(keys[0], keys[1])
  })

  it('uploads up to 3 photos as multipart (field "file") and names them in the complaint; anonymous sends no contact', async () => {
    extra.chosen = ['wxfile://a.jpg', 'wxfile://b.jpg', 'wxfile://c.jpg', 'wxfile://d.jpg']
    const view = await renderPage(ComplaintPage)
    await act(async () => {
      fireEvent.click(view.getByTestId('add-photo'))
    })
    await settle()
    assert.equal(extra.uploads.length, 3)
    assert.deepEqual(
      extra.uploads.map((u) => [u.filePath, u.name]),
      [
        ['wxfile://a.jpg', 'file'],
        ['wxfile://b.jpg', 'file'],
        ['wxfile://c.jpg', 'file']
      ]
    )
    assert.equal(extra.uploads[0].url, 'http://api.test/api/social-orgs/complaint-images')
    assert.match(extra.uploads[0].header!.Authorization, /^Bearer /)
    assert.equal(view.queryByTestId('add-photo'), null, 'no more than 3')
    assert.equal(view.container.querySelectorAll('[data-state="done"]').length, 3)

    await type(view, 'phone', '13800138000')
    await act(async () => {
      fireEvent.click(view.getByTestId('anonymous-switch').querySelector('.nut-switch')!)
    })
    assert.equal(field(view, 'phone'), null, 'the contact fields go away')
    await chooseCategory(view, 'fundraising')
    await type(view, 'content', '在地铁站以基金会名义募捐并发放收据。')
    await tapSubmit(view)
    const body = posts()[0].data
    assert.equal(body.anonymous, true)
    assert.equal(body.contact, undefined)
    assert.equal(body.images.length, 3)
    assert.match(body.images[0], /^img_/)
  })

  it('shows a failed upload with a retry, and the server field messages under the fields', async () => {
    extra.chosen = ['wxfile://bad.gif']
    extra.uploadAnswer = () =>
      json({ error: { code: 'UNSUPPORTED_IMAGE', message: '仅支持 JPG、PNG、WEBP 格式的图片' } }, 400)
    answer = () =>
      json(
        {
          error: {
            code: 'VALIDATION_FAILED',
            message: '提交的信息有误：投诉内容不能超过1000个字',
            fields: { content: '投诉内容不能超过1000个字' }
          }
        },
        400
      )
    const view = await renderPage(ComplaintPage)
    await act(async () => {
      fireEvent.click(view.getByTestId('add-photo'))
    })
    await settle()
    assert.equal(view.container.querySelectorAll('[data-state="failed"]').length, 1)
    assert.equal(taroDouble.toasts.at(-1)?.title, '仅支持 JPG、PNG、WEBP 格式的图片')
    await chooseCategory(view, 'other')
    await type(view, 'content', '这是一条用于测试的投诉内容文字。')
    await tapSubmit(view)
    assert.equal(errorOf(view, 'images'), '有图片上传失败，请重试或删除')
    await act(async () => {
      fireEvent.click(view.getByText('×'))
    })
    await tapSubmit(view)
    assert.equal(errorOf(view, 'content'), '投诉内容不能超过1000个字')
  })

  it('without an organization to complain about, sends the citizen to the search', async () => {
    extra.params = {}
    const view = await renderPage(ComplaintPage)
    assert.match(view.container.textContent!, /请选择被投诉的组织/)
  })
})
