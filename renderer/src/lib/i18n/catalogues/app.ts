export default {
  en: {
    'app.title': 'KubeLab',
    'app.connecting': 'Connecting to the cluster…',
    'app.disconnected': 'The connection to the KubeLab host was lost. Reload the page when it is running again.',
    'app.language': 'Language',
    'app.theme.light': 'Light theme',
    'app.theme.dark': 'Dark theme',
    'app.kubeconfig': 'Your own kubectl: export KUBECONFIG={path}',
  },
  'zh-CN': {
    'app.title': 'KubeLab',
    'app.connecting': '正在连接集群…',
    'app.disconnected': '与 KubeLab 主机的连接已断开。主机恢复运行后请刷新页面。',
    'app.language': '语言',
    'app.theme.light': '浅色主题',
    'app.theme.dark': '深色主题',
    'app.kubeconfig': '使用你自己的 kubectl：export KUBECONFIG={path}',
  },
};
