import { AREAS, type AreaKey } from './constants/areas'

/** Pages of each area's subpackage besides its entry page (add an area's new pages here). */
const MORE_PAGES: Partial<Record<AreaKey, string[]>> = {
  marriage: ['pages/knowledge/index'],
  volunteer: ['pages/activity/index', 'pages/record/index', 'pages/orgs/index'],
  'social-work': ['pages/station/index', 'pages/ask/index', 'pages/requests/index'],
  funeral: [
    'pages/place/index',
    'pages/bills/index',
    'pages/bill/index',
    'pages/checklist/index',
    'pages/visit/index',
    'pages/memorial/index'
  ],
  elderly: [
    'pages/place/index',
    'pages/allowance/index',
    'pages/meals/index',
    'pages/assessment/index',
    'pages/family/index'
  ],
  community: [
    'pages/community/index',
    'pages/notices/index',
    'pages/notice/index',
    'pages/proposals/index',
    'pages/propose/index',
    'pages/proposal/index',
    'pages/elections/index'
  ],
  'family-search': ['pages/wanderers/index', 'pages/search/index'],
  divisions: ['pages/place/index'],
  assistance: [
    'pages/apply/index',
    'pages/applications/index',
    'pages/case/index',
    'pages/publicity/index',
    'pages/reports/index'
  ],
  'social-orgs': [
    'pages/detail/index',
    'pages/complaint/index',
    'pages/complaints/index',
    'pages/complaint-detail/index',
    'pages/news/index',
    'pages/matrix-members/index',
    'pages/web-view/index',
    'pages/following/index'
  ]
}

/**
 * Main package: the four tab pages only. Each service area is a subpackage of its own
 * (`packages/<area>`, entry `pages/index/index`), listed from constants/areas.ts.
 */
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/services/index', 'pages/messages/index', 'pages/mine/index'],
  subPackages: [
    ...AREAS.map((area) => ({
      root: area.root,
      pages: ['pages/index/index', ...(MORE_PAGES[area.key] ?? [])]
    })),
    // Where an unknown address lands (app.ts: onPageNotFound)
    { root: 'packages/misc', pages: ['pages/not-found/index'] },
    // 消息's detail and 通知设置 (kept out of the main package)
    { root: 'packages/messages', pages: ['pages/detail/index', 'pages/settings/index'] },
    // Halls, the catalogue, booking and the queue, shared by every area; a scanned hall code opens pages/hall.
    {
      root: 'packages/halls',
      pages: [
        'pages/hall/index',
        'pages/list/index',
        'pages/service/index',
        'pages/catalogue/index',
        'pages/book/index',
        'pages/booking/index',
        'pages/my-bookings/index',
        'pages/invitation/index',
        'pages/ticket/index',
        'pages/my-tickets/index'
      ]
    }
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/divisions'] }
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1677ff',
    navigationBarTitleText: '民政服务',
    navigationBarTextStyle: 'white',
    // H5: Taro's own title bar, with 返回 on a page opened from another and 首页 on a page opened
    // from a shared link (weapp has its native bar either way).
    navigationStyle: 'default',
    backgroundColor: '#f3f5f9'
  },
  tabBar: {
    color: '#8a919f',
    selectedColor: '#1677ff',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png'
      },
      {
        pagePath: 'pages/services/index',
        text: '办事',
        iconPath: 'assets/tab/services.png',
        selectedIconPath: 'assets/tab/services-active.png'
      },
      {
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tab/messages.png',
        selectedIconPath: 'assets/tab/messages-active.png'
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-active.png'
      }
    ]
  }
})
