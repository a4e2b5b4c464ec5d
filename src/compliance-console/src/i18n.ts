import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

// Chinese is the default; ?lang=en (or the switch in the header) shows English. The choice is kept for the session.
const en = {
  app: { title: 'Compliance console', skip: 'Skip to content', signOut: 'Sign out', language: 'Language', signedInAs: 'Signed in as {{sub}} ({{platform}}, {{roles}})' },
  nav: { inspection: 'Inspection', cases: 'Cases', sanctions: 'Sanctions and blacklist', deadlines: 'Deadlines', screening: 'Screening', audit: 'Audit log', apiDocs: 'API reference' },
  signIn: { title: 'Sign in', platform: 'Platform', role: 'Role', subject: 'User id', submit: 'Sign in', entra: 'Sign in with Microsoft Entra ID', devNote: 'Development sign-in: the local host mints a development token for the platform and role you choose.', notConfigured: 'Sign-in is not configured here: set Console:ClientId, Console:Authority and Console:ApiScope (Microsoft Entra ID), or run the local host in Development with a development signing key.' },
  roles: { 'platform.api': 'Platform system (platform.api)', 'compliance.reviewer': 'Reviewer (compliance.reviewer)', 'compliance.admin': 'Administrator (compliance.admin)' },
  common: { loading: 'Loading…', date: 'Date', show: 'Show', error: 'Error', none: 'Nothing to show.', refresh: 'Refresh', status: 'Status', reason: 'Reason', close: 'Close', submit: 'Submit' },
  inspection: {
    title: 'Inspection plan', replan: 'Replan', replanned: 'Replanned: {{kept}} kept, {{moved}} reassigned, {{covered}} newly covered.',
    heatmap: 'Inspector load by time slot', inspector: 'Inspector', slot: 'Slot', load: 'Rooms watched', offShift: 'off shift',
    uncoveredRow: 'Uncovered key sessions', ratioRow: 'Auditor ratio (1:50)', ratioViolation: '{{liveRooms}} live rooms, {{auditors}} auditors, {{required}} needed',
    coverage: '{{covered}} of {{total}} key sessions covered', bound: 'upper bound {{bound}}', optimal: 'proven optimal', notOptimal: 'not proven optimal',
    assignments: 'Assignments and why', session: 'Session', time: 'Time', explanation: 'Explanation', uncovered: 'Uncovered key sessions', noDay: 'No inspection day is stored for this date.', noSchedule: 'No plan yet for this day.', stale: 'The day changed after this plan: replan it.', tableLabel: 'Heat map as a table',
  },
  cases: {
    title: 'Review queue', overdue: 'Overdue', dueBy: 'Due by', opened: 'Opened', kind: 'Kind', subject: 'Subject', assignee: 'Assignee', open: 'Open', assignToMe: 'Assign to me',
    decide: 'Decide', decision: 'Decision', approved: 'Approve', rejected: 'Reject', needs_more_information: 'Ask for more information', reasonCodes: 'Reason codes', note: 'Note', decided: 'Decided.', empty: 'No open cases.', history: 'Account history', reasons: 'Reasons of the check', suggested: 'Suggested measure (not applied)', missingItems: 'Missing items (comma-separated)',
  },
  sanctions: { title: 'Sanctions and blacklist', impose: 'Impose a measure', subjectType: 'Subject', subjectId: 'Id', measure: 'Measure', reason: 'Reason', facts: 'Facts', endsAt: 'Ends at (optional)', history: 'History', lookup: 'Show history', appeal: 'Appeal', appeals: 'Appeals', imposedBy: 'Imposed by', imposed: 'Imposed.', blacklist: 'Blacklist an identity', idNumber: 'ID number', creditCode: 'Credit code', person: 'Person', entity: 'Entity', blacklisted: 'Blacklist entry recorded.', statement: 'Statement' },
  deadlines: { title: 'Deadlines', from: 'From', to: 'To', filings: 'Themed-event filings', disputes: 'Dispute responses', event: 'Event', deadline: 'Filing deadline', reminders: 'Reminders', respondBy: 'Respond by', dispute: 'Dispute', late: 'late', holiday: 'Official holiday', makeUp: 'Make-up working day', calendar: 'Calendar', legend: 'Legend' },
  screening: { title: 'Screening', listId: 'Negative list', listings: 'Listings (one per line: SKU, tab, title)', screen: 'Screen', version: 'List version {{version}}', verdict: 'Verdict', matches: 'Matches', kind: 'How found', confidence: 'Confidence', sku: 'SKU', text: 'Text' },
  audit: { title: 'Audit log', verification: 'Verification', valid: 'Chain intact: {{entries}} entries, head {{head}}', broken: 'Chain broken at entry {{seq}}', seq: 'Seq', at: 'At', actor: 'Actor', action: 'Action', target: 'Target', summary: 'Summary', more: 'Load more' },
};

const zh: typeof en = {
  app: { title: '直播合规控制台', skip: '跳到正文', signOut: '退出', language: '语言', signedInAs: '已登录：{{sub}}（{{platform}}，{{roles}}）' },
  nav: { inspection: '巡查排班', cases: '审核案件', sanctions: '处置与黑名单', deadlines: '期限日历', screening: '商品筛查', audit: '审计日志', apiDocs: '接口文档' },
  signIn: { title: '登录', platform: '平台', role: '角色', subject: '用户标识', submit: '登录', entra: '使用 Microsoft Entra ID 登录', devNote: '开发环境登录：本地主机为所选平台和角色签发开发令牌。', notConfigured: '此处未配置登录：请设置 Console:ClientId、Console:Authority 和 Console:ApiScope（Microsoft Entra ID），或在开发环境中以开发签名密钥运行本地主机。' },
  roles: { 'platform.api': '平台系统（platform.api）', 'compliance.reviewer': '审核员（compliance.reviewer）', 'compliance.admin': '管理员（compliance.admin）' },
  common: { loading: '加载中…', date: '日期', show: '查看', error: '错误', none: '暂无内容。', refresh: '刷新', status: '状态', reason: '原因', close: '关闭', submit: '提交' },
  inspection: {
    title: '巡查排班', replan: '重新排班', replanned: '已重新排班：保留 {{kept}}，调整 {{moved}}，新增覆盖 {{covered}}。',
    heatmap: '巡查员各时段负载', inspector: '巡查员', slot: '时段', load: '巡查直播间数', offShift: '不在班',
    uncoveredRow: '未覆盖的重点场次', ratioRow: '审核员配比（1:50）', ratioViolation: '在播 {{liveRooms}} 间，审核员 {{auditors}} 人，需要 {{required}} 人',
    coverage: '重点场次覆盖 {{covered}} / {{total}}', bound: '上界 {{bound}}', optimal: '已证明最优', notOptimal: '未证明最优',
    assignments: '分配及理由', session: '场次', time: '时间', explanation: '说明', uncovered: '未覆盖的重点场次', noDay: '该日期没有已保存的巡查日。', noSchedule: '该日尚无排班。', stale: '排班后该日已变更：请重新排班。', tableLabel: '热力图（表格形式）',
  },
  cases: {
    title: '审核队列', overdue: '已逾期', dueBy: '截止', opened: '创建', kind: '类型', subject: '对象', assignee: '处理人', open: '打开', assignToMe: '分配给我',
    decide: '作出决定', decision: '决定', approved: '通过', rejected: '驳回', needs_more_information: '要求补充材料', reasonCodes: '原因代码', note: '备注', decided: '已作出决定。', empty: '没有待处理案件。', history: '账户历史', reasons: '检查原因', suggested: '建议处置（未执行）', missingItems: '缺少的材料（逗号分隔）',
  },
  sanctions: { title: '处置与黑名单', impose: '实施处置', subjectType: '对象', subjectId: '标识', measure: '措施', reason: '原因', facts: '事实', endsAt: '结束时间（可选）', history: '历史', lookup: '查看历史', appeal: '申诉', appeals: '申诉', imposedBy: '处置人', imposed: '已实施。', blacklist: '加入黑名单', idNumber: '身份证号', creditCode: '统一社会信用代码', person: '个人', entity: '单位', blacklisted: '已记录黑名单。', statement: '申诉陈述' },
  deadlines: { title: '期限日历', from: '从', to: '至', filings: '主题活动备案', disputes: '纠纷举证', event: '活动', deadline: '备案截止', reminders: '提醒', respondBy: '举证截止', dispute: '纠纷', late: '已逾期', holiday: '法定节假日', makeUp: '调休工作日', calendar: '日历', legend: '图例' },
  screening: { title: '商品筛查', listId: '负面清单', listings: '商品（每行一条：SKU、制表符、标题）', screen: '筛查', version: '清单版本 {{version}}', verdict: '结论', matches: '命中', kind: '识别方式', confidence: '置信度', sku: 'SKU', text: '文本' },
  audit: { title: '审计日志', verification: '校验', valid: '链完整：{{entries}} 条，链头 {{head}}', broken: '链在第 {{seq}} 条断开', seq: '序号', at: '时间', actor: '操作人', action: '操作', target: '对象', summary: '摘要', more: '加载更多' },
};

export type Language = 'zh' | 'en';

export function initialLanguage(): Language {
  const fromQuery = new URLSearchParams(window.location.search).get('lang');
  if (fromQuery === 'en' || fromQuery === 'zh') {
    sessionStorage.setItem('console.lang', fromQuery);
    return fromQuery;
  }
  return sessionStorage.getItem('console.lang') === 'en' ? 'en' : 'zh';
}

export function setLanguage(language: Language): void {
  sessionStorage.setItem('console.lang', language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  void i18next.changeLanguage(language);
}

const language = initialLanguage();
document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: language,
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
});

export default i18next;
