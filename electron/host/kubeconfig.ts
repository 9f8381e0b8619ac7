/** The kubeconfig written for the learner's own kubectl: the lab's CA and bearer token. */
import { stringify } from 'yaml';

export function kubeconfigYaml(server: string, caPem: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'kubelab', cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } },
    ],
    users: [{ name: 'kubelab-admin', user: { token } }],
    contexts: [{ name: 'kubelab', context: { cluster: 'kubelab', user: 'kubelab-admin', namespace: 'default' } }],
    'current-context': 'kubelab',
    preferences: {},
  });
}
