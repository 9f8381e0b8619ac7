import { describe, expect, it } from 'vitest';
import { chapterOne } from './testkit.ts';

describe('kubectl describe', () => {
  it('describes a deployment with its ReplicaSets and events, fetched through the API', () => {
    expect(chapterOne().k('describe deployment nginx-deployment').stdout).toBe(
      `Name:                   nginx-deployment
Namespace:              default
CreationTimestamp:      Sun, 22 Nov 2026 09:00:00 +0000
Labels:                 app=nginx
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=nginx
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:         nginx:1.14.2
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   nginx-deployment-cf4cd4db7 (3/3 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  30s   deployment-controller  Scaled up replica set nginx-deployment-cf4cd4db7 from 0 to 3
`,
    );
  });

  it('matches a name prefix, separates objects with blank lines, and reports missing ones', () => {
    const l = chapterOne();
    const pods = l.k('describe pods nginx-deployment').stdout;
    expect(pods.match(/^Name: {13}nginx-deployment-cf4cd4db7-\w{5}$/gm)).toHaveLength(3);
    expect(pods).toContain('\n\n\nName:');
    expect(pods).toContain('  Normal  Scheduled  30s   default-scheduler  Successfully assigned default/');
    expect(l.k('describe pod nope')).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    });
    expect(l.k('describe svc -n nons').stderr).toBe('No resources found in nons namespace.\n');
  });
});
