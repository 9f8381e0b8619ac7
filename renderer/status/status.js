// The interim status page: the cluster as `kubectl get` shows it, refreshed every second.
// The full lab window (editor, live graph, lessons) replaces this page (issue 3).
const MESSAGES = {
  en: {
    'notice.title': 'The simulated cluster is running',
    'notice.body':
      'This build of KubeLab runs the simulated Kubernetes cluster and its real API. The lab window — the YAML editor, the live graph and the guided lessons — is not built yet; until it is, drive the cluster with kubectl as shown below. This page shows what the cluster holds.',
    'connect.title': 'Use your own kubectl',
    'connect.body': 'Real kubectl talks to the lab through the kubeconfig it wrote:',
    empty: 'No resources found.',
    nodes: 'Nodes',
    pods: 'Pods (all namespaces)',
    deployments: 'Deployments',
    replicasets: 'ReplicaSets',
    services: 'Services',
    events: 'Events',
    lang: '中文',
    clock: 'cluster time',
  },
  'zh-CN': {
    'notice.title': '模拟集群正在运行',
    'notice.body':
      '此版本的 KubeLab 运行模拟的 Kubernetes 集群及其真实的 API。实验窗口（YAML 编辑器、实时拓扑图和分步课程）尚未完成；在此之前，请按下方说明用 kubectl 操作集群。本页显示集群中的对象。',
    'connect.title': '使用你自己的 kubectl',
    'connect.body': '真实的 kubectl 通过实验室写出的 kubeconfig 连接：',
    empty: '没有资源。',
    nodes: '节点',
    pods: 'Pod（所有命名空间）',
    deployments: 'Deployment',
    replicasets: 'ReplicaSet',
    services: 'Service',
    events: '事件',
    lang: 'English',
    clock: '集群时间',
  },
};
let lang = localStorage.getItem('kubelab.lang') || (navigator.language.startsWith('zh') ? 'zh-CN' : 'en');
const t = (key) => MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.getElementById('lang').textContent = t('lang');
}

function renderTable(name, table) {
  const section = document.createElement('div');
  const h = document.createElement('h2');
  h.textContent = t(name);
  section.append(h);
  if (!table.rows.length) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = t('empty');
    section.append(p);
    return section;
  }
  const cols = table.columnDefinitions.map((c, i) => [c, i]).filter(([c]) => c.priority === 0);
  const el = document.createElement('table');
  const head = el.createTHead().insertRow();
  for (const [c] of cols) {
    const th = document.createElement('th');
    th.textContent = c.name.toUpperCase();
    head.append(th);
  }
  const body = el.createTBody();
  for (const row of table.rows) {
    const tr = body.insertRow();
    for (const [, i] of cols) {
      const td = tr.insertCell();
      const text = String(row.cells[i] ?? '');
      td.textContent = text;
      td.className = text.split(',')[0].replace(/[^A-Za-z]/g, '');
    }
  }
  section.append(el);
  return section;
}

async function refresh() {
  try {
    const res = await fetch('/ui/v1/summary', { cache: 'no-store' });
    const data = await res.json();
    document.getElementById('clock').textContent = `${t('clock')}: ${data.now}`;
    document.getElementById('connect').textContent =
      `export KUBECONFIG=${data.kubeconfig ?? '<kubeconfig>'}\nkubectl get nodes\nkubectl apply -f nginx-deployment.yaml\n\n# API server: ${data.apiUrl}`;
    const holder = document.getElementById('tables');
    holder.replaceChildren(...Object.entries(data.tables).map(([name, table]) => renderTable(name, table)));
  } catch {
    document.getElementById('clock').textContent = '…';
  }
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem('kubelab.lang', lang);
  applyLanguage();
  refresh();
});
applyLanguage();
refresh();
setInterval(refresh, 1000);
