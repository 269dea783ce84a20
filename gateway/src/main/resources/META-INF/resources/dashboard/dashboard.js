'use strict';
// The operations dashboard: indicators, the eight core indicators against last year, stuck lists and service
// health, all read from the public API with a staff token. No libraries: charts are drawn as SVG here.

const TEXT = {
  zh: {
    title: '运行看板', signIn: '工作人员登录', username: '用户名', password: '密码', signInButton: '登录', logout: '退出',
    library: '图书馆', period: '时段', last12: '近12个月', lastMonth: '上月', thisMonth: '本月', thisYear: '今年',
    lastYear: '去年', custom: '自定义', from: '起', to: '止', refresh: '刷新', csv: '下载 CSV',
    trend: '每月趋势', byLibrary: '各馆借出（其中他馆馆藏）', suzhou: '八项核心指标（与上年同期比较）',
    stuckTransfers: '滞留的馆际调拨', stuckDeliveries: '滞留的配送订单与包裹', expiringHolds: '即将过期的预约',
    blockedPatrons: '被限制借阅的读者', health: '服务状态', network: '全网', loading: '加载中…',
    updated: '已更新', incomplete: '部分服务未响应：', none: '无', loginFailed: '登录失败：', notAllowed:
      '此看板供运维人员和图书馆管理员使用',
    loans: '借出', otherCopies: '其中他馆馆藏', lentElsewhere: '本馆馆藏在他馆借出', returns: '归还',
    deliveries: '送书上门（单）', deliveredItems: '送达册数', deliveryShare: '网借占借出', orderToDoor: '下单到送达（中位）',
    transit: '调拨在途（中位）', holdFill: '预约满足（中位）', activePatrons: '活跃读者', copies: '馆藏册数',
    titles: '馆藏种数', holdsPlaced: '预约', lateShare: '逾期归还率', hours: '小时', days: '天', minutes: '分钟',
    newCopies: '新增馆藏', patrons: '注册读者', visits: '到馆人次', events: '读者活动（场）', budget: '经费（元）',
    spending: '购书经费（元）', thisPeriod: '本期', samePeriodLastYear: '上年同期', change: '变化',
    indicator: '指标', barcode: '条码', route: '路线', status: '状态', age: '时长', kind: '类别',
    overdue: '超时', card: '读者证', pickup: '取书点', left: '剩余', reasons: '原因', fine: '欠款（元）',
    service: '服务', outbox: '待发事件', lag: '消费滞后', checks: '检查'
  },
  en: {
    title: 'Operations dashboard', signIn: 'Staff sign-in', username: 'Username', password: 'Password',
    signInButton: 'Sign in', logout: 'Sign out', library: 'Library', period: 'Period', last12: 'Last 12 months',
    lastMonth: 'Last month', thisMonth: 'This month', thisYear: 'This year', lastYear: 'Last year', custom: 'Custom',
    from: 'From', to: 'To', refresh: 'Refresh', csv: 'Download CSV', trend: 'Monthly trend',
    byLibrary: 'Loans per library (of which other libraries\' copies)',
    suzhou: 'The eight core indicators (against the same period last year)', stuckTransfers: 'Stuck transfers',
    stuckDeliveries: 'Stuck delivery orders and shipments', expiringHolds: 'Holds about to expire',
    blockedPatrons: 'Blocked readers', health: 'Services', network: 'Whole network', loading: 'Loading…',
    updated: 'Updated', incomplete: 'Some services did not answer: ', none: 'None', loginFailed: 'Sign-in failed: ',
    notAllowed: 'This dashboard is for operators and library administrators',
    loans: 'Loans', otherCopies: 'of other libraries\' copies', lentElsewhere: 'our copies lent elsewhere',
    returns: 'Returns', deliveries: 'Home deliveries', deliveredItems: 'Books delivered',
    deliveryShare: 'Delivery share of loans', orderToDoor: 'Order to door (median)',
    transit: 'Transfer transit (median)', holdFill: 'Hold filled after (median)', activePatrons: 'Active readers',
    copies: 'Copies held', titles: 'Titles held', holdsPlaced: 'Holds placed', lateShare: 'Late returns',
    hours: 'h', days: 'd', minutes: 'min', newCopies: 'New copies', patrons: 'Registered readers', visits: 'Visits',
    events: 'Reader events', budget: 'Budget (yuan)', spending: 'Acquisitions spending (yuan)',
    thisPeriod: 'This period', samePeriodLastYear: 'Same period last year', change: 'Change', indicator: 'Indicator',
    barcode: 'Barcode', route: 'Route', status: 'Status', age: 'Age', kind: 'Kind', overdue: 'Late by',
    card: 'Card', pickup: 'Pickup', left: 'Left', reasons: 'Reasons', fine: 'Owes (yuan)', service: 'Service',
    outbox: 'Unsent events', lag: 'Consumer lag', checks: 'Checks'
  }
};

const state = {
  lang: localStorage.getItem('tongjie.lang') || 'zh',
  token: sessionStorage.getItem('tongjie.token'),
  claims: null,
  libraries: [],
  data: null
};

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[state.lang][key] || key;

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'
  })[c]);
}

function number(value) {
  return value == null ? '–' : Number(value).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB');
}

function hoursOf(seconds) {
  if (seconds == null) return '–';
  const hours = seconds / 3600;
  if (hours < 1) return Math.round(seconds / 60) + ' ' + t('minutes');
  return hours >= 48 ? (hours / 24).toFixed(1) + ' ' + t('days') : hours.toFixed(1) + ' ' + t('hours');
}

function percent(share) {
  return share == null ? '–' : (share * 100).toFixed(1) + '%';
}

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.title = t('title');
  $('lang').textContent = state.lang === 'zh' ? 'English' : '中文';
  if (state.libraries.length) fillLibraries();
  if (state.data) render();
}

function claimsOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(payload))
    .map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  return JSON.parse(json);
}

async function api(path, accept) {
  const response = await fetch('/api/v1' + path, {
    headers: { Authorization: 'Bearer ' + state.token, Accept: accept || 'application/json' }
  });
  if (response.status === 401) {
    signOut();
    throw new Error('401');
  }
  if (!response.ok) {
    let detail = response.status;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(detail);
  }
  return accept ? response.text() : response.json();
}

async function signIn(event) {
  event.preventDefault();
  $('login-error').textContent = '';
  const body = new URLSearchParams({
    grant_type: 'password', username: $('username').value, password: $('password').value
  });
  const response = await fetch('/api/v1/auth/token', { method: 'POST', body });
  if (!response.ok) {
    let detail = response.status;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    $('login-error').textContent = t('loginFailed') + detail;
    return;
  }
  const token = (await response.json()).access_token;
  const groups = claimsOf(token).groups || [];
  if (!groups.includes('OPERATOR') && !groups.includes('ADMIN')) {
    $('login-error').textContent = t('notAllowed');
    return;
  }
  state.token = token;
  sessionStorage.setItem('tongjie.token', token);
  await start();
}

function signOut() {
  state.token = null;
  state.data = null;
  sessionStorage.removeItem('tongjie.token');
  $('dashboard-view').hidden = true;
  $('login-view').hidden = false;
  $('logout').hidden = true;
  $('who').textContent = '';
}

async function start() {
  state.claims = claimsOf(state.token);
  $('login-view').hidden = true;
  $('dashboard-view').hidden = false;
  $('logout').hidden = false;
  $('who').textContent = state.claims.sub + (state.claims.library ? ' · ' + state.claims.library : '');
  const page = await fetch('/api/v1/libraries?size=200').then((r) => r.json());
  state.libraries = page.items || [];
  fillLibraries();
  choosePreset();
  await load();
}

/** Libraries the caller may see: everything for the network, else the caller's library and those below it. */
function visibleLibraries() {
  const own = state.claims.library;
  const groups = state.claims.groups || [];
  if (!own || groups.includes('OPERATOR')) return state.libraries;
  const below = new Set([own]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const library of state.libraries) {
      if (library.parentCode && below.has(library.parentCode) && !below.has(library.code)) {
        below.add(library.code);
        grew = true;
      }
    }
  }
  return state.libraries.filter((library) => below.has(library.code));
}

function fillLibraries() {
  const select = $('library');
  const chosen = select.value;
  const networkWide = !state.claims.library || (state.claims.groups || []).includes('OPERATOR');
  const options = networkWide ? [`<option value="">${escapeHtml(t('network'))}</option>`] : [];
  for (const library of visibleLibraries()) {
    options.push(`<option value="${escapeHtml(library.code)}">${escapeHtml(library.name)}`
      + ` (${escapeHtml(library.code)})</option>`);
  }
  select.innerHTML = options.join('');
  if (chosen !== undefined && [...select.options].some((o) => o.value === chosen)) select.value = chosen;
}

function isoDate(date) {
  return date.getFullYear() + '-' + String(date.getMonth() + 1).padStart(2, '0') + '-'
    + String(date.getDate()).padStart(2, '0');
}

function choosePreset() {
  const today = new Date();
  const y = today.getFullYear();
  const m = today.getMonth();
  const ranges = {
    last12: [new Date(y, m - 11, 1), today],
    lastMonth: [new Date(y, m - 1, 1), new Date(y, m, 0)],
    thisMonth: [new Date(y, m, 1), today],
    thisYear: [new Date(y, 0, 1), today],
    lastYear: [new Date(y - 1, 0, 1), new Date(y - 1, 11, 31)]
  };
  const range = ranges[$('preset').value];
  if (range) {
    $('from').value = isoDate(range[0]);
    $('to').value = isoDate(range[1]);
  }
}

function shiftYear(iso, years) {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(y + years, m - 1, Math.min(d, new Date(y + years, m, 0).getDate()));
  return isoDate(date);
}

function query(extra) {
  const params = new URLSearchParams();
  if ($('library').value) params.set('library', $('library').value);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

async function load() {
  $('status').textContent = t('loading');
  const from = $('from').value;
  const to = $('to').value;
  const library = $('library').value;
  const scope = library ? '?library=' + encodeURIComponent(library) + '&' : '?';
  const optional = (promise) => promise.catch((e) => ({ error: e.message }));
  try {
    // The monthly report's total is the whole range's; last year's needs no library's own figures.
    const [report, before] = await Promise.all([
      api('/indicators?' + query({ from, to, granularity: 'MONTH' })),
      api('/indicators?' + query({ from: shiftYear(from, -1), to: shiftYear(to, -1), granularity: 'TOTAL',
        byLibrary: 'false' }))
    ]);
    const [transfers, deliveries, holds, blocked, health] = await Promise.all([
      optional(api('/transfers' + scope + 'stuck=true&tree=true&size=50')),
      optional(api('/stuck-deliveries' + scope + 'size=50')),
      optional(api('/expiring-holds' + scope + 'size=50')),
      optional(api('/blocked-patrons' + scope + 'size=50')),
      optional(api('/operations/status'))
    ]);
    state.data = { report, before, transfers, deliveries, holds, blocked, health };
    render();
    state.gaps = report.gaps.map((gap) => gap.service);
    state.updatedAt = new Date();
    showStatus();
    document.body.dataset.loaded = 'true';
  } catch (e) {
    $('status').textContent = e.message;
  }
}

async function downloadCsv() {
  const csv = await api('/indicators?' + query({ from: $('from').value, to: $('to').value, granularity: 'MONTH',
    format: 'csv' }), 'text/csv');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  link.download = 'indicators-' + ($('library').value || 'network') + '-' + $('from').value + '-' + $('to').value
    + '.csv';
  link.click();
}

function showStatus() {
  if (!state.updatedAt) return;
  $('status').textContent = state.gaps.length ? t('incomplete') + state.gaps.join(', ')
    : t('updated') + ' ' + state.updatedAt.toLocaleTimeString(state.lang === 'zh' ? 'zh-CN' : 'en-GB');
}

function render() {
  showStatus();
  const { report, before } = state.data;
  renderTiles(report.total);
  renderTrend(report.periods);
  renderBars(report.byLibrary);
  renderSuzhou(report.total, before.total);
  renderLists();
}

function renderTiles(total) {
  const tiles = [
    ['loans', number(total.loans || 0)],
    ['otherCopies', number(total['loans.ofOtherLibraries'] || 0)],
    ['lentElsewhere', number(total['loans.byOtherLibraries'] || 0)],
    ['returns', number(total.returns || 0)],
    ['deliveries', number(total.deliveries || 0)],
    ['deliveryShare', percent(total['deliveries.shareOfLoans'])],
    ['orderToDoor', hoursOf(total['deliveries.orderToDoor.medianSeconds'])],
    ['transit', hoursOf(total['transfers.transitTime.medianSeconds'])],
    ['holdFill', hoursOf(total['holds.timeToFill.medianSeconds'])],
    ['activePatrons', number(total['patrons.active'] || 0)],
    ['copies', number(total['holdings.copies'] || 0)],
    ['lateShare', percent(total['returns.lateShare'])]
  ];
  $('tiles').innerHTML = tiles.map(([key, value]) => `<div class="tile" data-testid="tile-${key}">
    <div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(t(key))}</div></div>`).join('');
}

const SERIES = [['loans', '#b7372f'], ['returns', '#2f6fb7'], ['deliveries.items', '#2e8b57']];

function renderTrend(periods) {
  const width = 900;
  const height = 260;
  const pad = { left: 56, right: 36, top: 16, bottom: 36 };
  const max = Math.max(1, ...periods.flatMap((p) => SERIES.map(([key]) => p.values[key] || 0)));
  const x = (i) => pad.left + (periods.length === 1 ? (width - pad.left - pad.right) / 2
    : i * (width - pad.left - pad.right) / (periods.length - 1));
  const y = (v) => height - pad.bottom - v * (height - pad.top - pad.bottom) / max;
  let svg = `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(t('trend'))}">`;
  for (let k = 0; k <= 4; k++) {
    const v = Math.round(max * k / 4);
    svg += `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(v)}" y2="${y(v)}" stroke="#dfe4ea"/>`
      + `<text x="${pad.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#6b7785">${v}</text>`;
  }
  periods.forEach((p, i) => {
    svg += `<text x="${x(i)}" y="${height - 12}" text-anchor="middle" font-size="11" fill="#6b7785">`
      + `${escapeHtml(p.period)}</text>`;
  });
  for (const [key, color] of SERIES) {
    const points = periods.map((p, i) => `${x(i)},${y(p.values[key] || 0)}`).join(' ');
    svg += `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points}" data-series="${key}"/>`;
    periods.forEach((p, i) => {
      svg += `<circle cx="${x(i)}" cy="${y(p.values[key] || 0)}" r="3" fill="${color}" data-series="${key}"
        data-period="${escapeHtml(p.period)}" data-value="${p.values[key] || 0}">`
        + `<title>${escapeHtml(p.period)}: ${p.values[key] || 0}</title></circle>`;
    });
  }
  svg += '</svg>';
  const names = { loans: t('loans'), returns: t('returns'), 'deliveries.items': t('deliveredItems') };
  $('trend').innerHTML = svg + '<div class="legend">' + SERIES.map(([key, color]) =>
    `<span><i style="background:${color}"></i>${escapeHtml(names[key])}</span>`).join('') + '</div>';
}

function nameOf(code) {
  const library = state.libraries.find((l) => l.code === code);
  return library ? library.name : code;
}

function renderBars(byLibrary) {
  const rows = byLibrary.map((l) => ({
    code: l.library, loans: l.values.loans || 0, other: l.values['loans.ofOtherLibraries'] || 0
  })).sort((a, b) => b.loans - a.loans || a.code.localeCompare(b.code));
  const rowHeight = 28;
  const width = 900;
  const labelWidth = 220;
  const height = rows.length * rowHeight + 8;
  const max = Math.max(1, ...rows.map((r) => r.loans));
  const scale = (v) => v * (width - labelWidth - 120) / max;
  let svg = `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(t('byLibrary'))}">`;
  rows.forEach((r, i) => {
    const top = i * rowHeight + 4;
    svg += `<g data-library="${escapeHtml(r.code)}" data-loans="${r.loans}" data-other="${r.other}">`
      + `<text x="${labelWidth - 8}" y="${top + 17}" text-anchor="end" font-size="12">`
      + `${escapeHtml(nameOf(r.code))}</text>`
      + `<rect x="${labelWidth}" y="${top + 4}" width="${scale(r.loans)}" height="18" fill="#2f6fb7"/>`
      + `<rect x="${labelWidth}" y="${top + 4}" width="${scale(r.other)}" height="18" fill="#b7372f"/>`
      + `<text x="${labelWidth + scale(r.loans) + 6}" y="${top + 17}" font-size="12">${number(r.loans)}`
      + ` (${number(r.other)})</text></g>`;
  });
  svg += '</svg>';
  $('bars').innerHTML = svg + '<div class="legend">'
    + `<span><i style="background:#2f6fb7"></i>${escapeHtml(t('loans'))}</span>`
    + `<span><i style="background:#b7372f"></i>${escapeHtml(t('otherCopies'))}</span></div>`;
}

const SUZHOU = [
  ['copies', 'holdings.copies', 1], ['newCopies', 'copies.added', 1], ['patrons', 'patrons', 1],
  ['visits', 'visits', 1], ['events', 'readerEvents', 1], ['loans', 'loans', 1], ['budget', 'budgetFen', 100],
  ['spending', 'acquisitionsSpendingFen', 100]
];

function renderSuzhou(now, before) {
  let html = `<table><thead><tr><th>${escapeHtml(t('indicator'))}</th>`
    + `<th class="num">${escapeHtml(t('thisPeriod'))}</th>`
    + `<th class="num">${escapeHtml(t('samePeriodLastYear'))}</th><th class="num">${escapeHtml(t('change'))}</th>`
    + '<th></th></tr></thead><tbody>';
  for (const [label, key, divisor] of SUZHOU) {
    const a = (now[key] || 0) / divisor;
    const b = (before[key] || 0) / divisor;
    const change = b ? ((a - b) / b * 100) : null;
    const max = Math.max(a, b, 1);
    html += `<tr data-indicator="${key}" data-now="${a}" data-before="${b}"><td>${escapeHtml(t(label))}</td>`
      + `<td class="num">${number(a)}</td><td class="num">${number(b)}</td>`
      + `<td class="num ${change == null ? '' : change >= 0 ? 'up' : 'down'}">`
      + `${change == null ? '–' : (change >= 0 ? '+' : '') + change.toFixed(1) + '%'}</td>`
      + '<td><svg viewBox="0 0 200 24" width="200" height="24">'
      + `<rect x="0" y="2" height="9" width="${a / max * 200}" fill="#b7372f"/>`
      + `<rect x="0" y="13" height="9" width="${b / max * 200}" fill="#9aa7b4"/></svg></td></tr>`;
  }
  $('suzhou').innerHTML = html + '</tbody></table>';
}

function table(container, result, headers, row) {
  if (result.error) {
    $(container).innerHTML = `<p class="error">${escapeHtml(result.error)}</p>`;
    return;
  }
  const items = result.items || result;
  if (!items.length) {
    $(container).innerHTML = `<p class="muted">${escapeHtml(t('none'))}</p>`;
    return;
  }
  $(container).innerHTML = '<table><thead><tr>' + headers.map((h) => `<th>${escapeHtml(t(h))}</th>`).join('')
    + '</tr></thead><tbody>' + items.map((item) => '<tr>' + row(item).map((cell) =>
      `<td>${escapeHtml(cell)}</td>`).join('') + '</tr>').join('') + '</tbody></table>'
    + (result.total > items.length ? `<p class="muted">${items.length} / ${result.total}</p>` : '');
}

function renderLists() {
  const { transfers, deliveries, holds, blocked, health } = state.data;
  table('stuck-transfers', transfers, ['barcode', 'route', 'status', 'age'], (x) => [x.barcode,
    x.fromLibrary + ' → ' + x.toLibrary, x.status, hoursOf(x.ageHours * 3600)]);
  table('stuck-deliveries', deliveries, ['kind', 'library', 'status', 'overdue'], (x) => [x.kind, x.libraryCode,
    x.status, hoursOf(x.overdueMinutes * 60)]);
  table('expiring-holds', holds, ['card', 'barcode', 'pickup', 'left'], (x) => [x.cardNumber, x.barcode,
    x.pickupServicePoint, hoursOf(x.hoursLeft * 3600)]);
  table('blocked-patrons', blocked, ['card', 'library', 'fine', 'reasons'], (x) => [x.cardNumber, x.homeLibrary,
    (x.fineBalanceFen / 100).toFixed(2), x.blocks.join('; ')]);
  if (health.error) {
    $('health').innerHTML = `<p class="error">${escapeHtml(health.error)}</p>`;
    return;
  }
  $('health').innerHTML = '<table><thead><tr>' + ['service', 'status', 'outbox', 'lag'].map((h, i) =>
    `<th${i > 1 ? ' class="num"' : ''}>${escapeHtml(t(h))}</th>`).join('') + '</tr></thead><tbody>'
    + health.map((s) => {
    const lag = s.messaging ? s.messaging.consumers.reduce((sum, c) => sum + c.lag, 0) : null;
    return `<tr data-service="${escapeHtml(s.service)}"><td>${escapeHtml(s.service)}</td>`
      + `<td class="health-${escapeHtml(s.health)}">${escapeHtml(s.health)}</td>`
      + `<td class="num">${s.messaging ? number(s.messaging.outboxBacklog) : '–'}</td>`
      + `<td class="num">${lag == null ? '–' : number(lag)}</td></tr>`;
  }).join('') + '</tbody></table>';
}

$('login-form').addEventListener('submit', (e) => {
  signIn(e).catch((err) => { $('login-error').textContent = err.message; });
});
$('logout').addEventListener('click', signOut);
$('lang').addEventListener('click', () => {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('tongjie.lang', state.lang);
  applyLanguage();
});
$('preset').addEventListener('change', () => { choosePreset(); load(); });
$('library').addEventListener('change', load);
$('refresh').addEventListener('click', load);
$('from').addEventListener('change', () => { $('preset').value = 'custom'; });
$('to').addEventListener('change', () => { $('preset').value = 'custom'; });
$('csv').addEventListener('click', () => downloadCsv().catch((e) => { $('status').textContent = e.message; }));

applyLanguage();
if (state.token) {
  try {
    if (claimsOf(state.token).exp * 1000 > Date.now()) start(); else signOut();
  } catch (e) {
    signOut();
  }
}
