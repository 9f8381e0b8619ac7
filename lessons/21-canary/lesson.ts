/**
 * Lesson 21, "Canary release" (CURRICULUM row 21; seeds 000 and 001): two
 * Deployments, web-v1 and web-v2, behind one Service `web` that selects only
 * their shared label `app: web`. Traffic follows the share of ready endpoints
 * per version, read from the Service's EndpointSlices: 1 canary of 5, pulled
 * back, 2 of 4, then promoted to all.
 */
import { isRolledOut, labelOf, tx, workloadState } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text } from '../../core/check/index.ts';
import { NS, findDeployment, isResult } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const SVC = 'web';

interface Share {
  v1: number;
  v2: number;
}

/** Ready endpoints of Service `web` per version label. */
function share(r: ClusterReader): Share | undefined {
  const svc = r.service(NS, SVC);
  if (!svc) return undefined;
  const pods = r.endpointPods(svc);
  return {
    v1: pods.filter((p) => labelOf(p, 'version') === 'v1').length,
    v2: pods.filter((p) => labelOf(p, 'version') === 'v2').length,
  };
}

const pct = (s: Share) => (s.v1 + s.v2 ? Math.round((100 * s.v2) / (s.v1 + s.v2)) : 0);

function shareText(s: Share): Text {
  return tx(
    `${s.v1} v1 + ${s.v2} v2 ready endpoints: about **${pct(s)} %** of requests reach v2`,
    `${s.v1} 个 v1 + ${s.v2} 个 v2 就绪的 endpoint：大约 **${pct(s)}%** 的请求会到达 v2`,
  );
}

/** Both Deployments settled at (v1, v2) replicas, and the Service's endpoints say so. */
function settledAt(r: ClusterReader, v1: number, v2: number): CheckResult {
  for (const [name, want] of [
    ['web-v1', v1],
    ['web-v2', v2],
  ] as const) {
    const d = findDeployment(r, name);
    if (isResult(d)) return d;
    const s = workloadState(d);
    if (s.desired !== want)
      return missing(
        tx(
          `\`${name}\` has ${s.desired} replica(s); it should have ${want}.`,
          `\`${name}\` 有 ${s.desired} 个副本，应为 ${want} 个。`,
        ),
      );
    if (!isRolledOut(d))
      return missing(
        tx(
          `\`${name}\` is still scaling: ${s.available} available.`,
          `\`${name}\` 仍在扩缩容：${s.available} 个可用。`,
        ),
      );
  }
  const s = share(r);
  if (!s) return missing(tx(`There is no Service \`${SVC}\`.`, `没有名为 \`${SVC}\` 的 Service。`));
  if (s.v1 !== v1 || s.v2 !== v2)
    return missing(
      tx(
        `The Service's endpoints are not there yet: ${shareText(s).en}.`,
        `Service 的 endpoints 还没有到位：${shareText(s)['zh-CN']}。`,
      ),
    );
  return ok;
}

/** The Service once had a ready v2 endpoint (the canary served). */
function canaryServed(r: ClusterReader): boolean {
  return r.trace({ namespace: NS, kind: 'Pod' }).some((e) => e.name.startsWith('web-v2-') && / ready$/.test(e.reason));
}

function explainShare(r: ClusterReader, lead: Text): Text {
  const s = share(r) ?? { v1: 0, v2: 0 };
  const t = shareText(s);
  return tx(`${lead.en} Now: ${t.en}.`, `${lead['zh-CN']}现在：${t['zh-CN']}。`);
}

function podsOfVersion(r: ClusterReader, v: string): KubeObject[] {
  return r.pods(NS, { app: 'web', version: v });
}

export const canary: Lesson = {
  id: 'canary',
  number: 21,
  title: tx('Canary release', '金丝雀发布'),
  summary: tx(
    'Run v2 beside v1 behind one Service, send it a small share of the traffic by replica counts, pull it back, and finally promote it.',
    '让 v2 与 v1 并排运行在同一个 Service 后面，用副本数把一小部分流量交给它，撤回，最后全面切换。',
  ),
  start: { apply: ['web-v1.yml'] },
  steps: [
    {
      id: 'canary',
      hints: [
        tx(
          'Apply `web-v2.yml`: a second Deployment, 1 replica, labels `app: web` and `version: v2`.',
          'apply `web-v2.yml`：第二个 Deployment，1 个副本，label 为 `app: web` 和 `version: v2`。',
        ),
        tx(
          'The Service selects only `app: web`. See whom it sends to: `kubectl get endpointslices -l kubernetes.io/service-name=web`.',
          'Service 只按 `app: web` 选择 Pod。看看它把请求发给谁：`kubectl get endpointslices -l kubernetes.io/service-name=web`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'web-v2.yml' },
      check: (r) => settledAt(r, 4, 1),
      explain: (r) =>
        explainShare(
          r,
          tx(
            'The Service `web` never mentions a version: its selector is `app: web`, and both Deployments label their pods so. The endpoint controllers put every ready pod of either version into the EndpointSlice, and kube-proxy spreads connections evenly over the ready endpoints.',
            'Service `web` 从不提版本：它的 selector 是 `app: web`，而两个 Deployment 都给自己的 Pod 打了这个 label。endpoint 控制器把两个版本所有就绪的 Pod 都放进 EndpointSlice，kube-proxy 则在就绪的 endpoint 之间平均分配连接。',
          ),
        ),
    },
    {
      id: 'pull-back',
      hints: [
        tx(
          'Suppose the canary misbehaves. Take it out of service: `kubectl scale deployment web-v2 --replicas=0`.',
          '假设金丝雀出了问题。让它退出服务：`kubectl scale deployment web-v2 --replicas=0`。',
        ),
      ],
      solution: { kind: 'kubectl', commands: ['kubectl scale deployment web-v2 --replicas=0'] },
      check: (r) => {
        if (!canaryServed(r))
          return missing(
            tx(
              'The canary has not served yet: apply `web-v2.yml` first.',
              '金丝雀还没有上线：请先 apply `web-v2.yml`。',
            ),
          );
        return settledAt(r, 4, 0);
      },
      explain: (r) =>
        explainShare(
          r,
          tx(
            'Rolling back a canary is just scaling it to 0: its pod went Terminating, left the EndpointSlice at once, and v1 — which never stopped — takes all the traffic again. The Deployment `web-v2` stays, ready for a fixed image.',
            '回滚金丝雀只需把它缩到 0：它的 Pod 进入 Terminating，立刻离开 EndpointSlice，而从未停止的 v1 重新承接全部流量。Deployment `web-v2` 仍然保留，等着换上修好的镜像。',
          ),
        ),
    },
    {
      id: 'half',
      hints: [
        tx(
          'Scale v2 up first, then v1 down, so capacity never drops: `kubectl scale deployment web-v2 --replicas=2`, then `kubectl scale deployment web-v1 --replicas=2`.',
          '先扩容 v2，再缩容 v1，这样服务能力不会下降：`kubectl scale deployment web-v2 --replicas=2`，然后 `kubectl scale deployment web-v1 --replicas=2`。',
        ),
      ],
      solution: {
        kind: 'kubectl',
        commands: ['kubectl scale deployment web-v2 --replicas=2', 'kubectl scale deployment web-v1 --replicas=2'],
      },
      check: (r) => settledAt(r, 2, 2),
      explain: (r) =>
        explainShare(
          r,
          tx(
            'The fixed canary gets more weight: with equal replica counts each version has half of the endpoints. Replicas are a coarse knob — 1 canary among 4 pods is 25 %, for 1 % you would need 100 pods; meshes such as Linkerd or Istio split traffic by weight instead.',
            '修好的金丝雀得到了更多权重：副本数相同，两个版本各占一半 endpoint。副本数是个粗糙的旋钮——4 个 Pod 中 1 个金丝雀是 25%，想要 1% 就需要 100 个 Pod；Linkerd、Istio 这类服务网格则直接按权重分配流量。',
          ),
        ),
    },
    {
      id: 'promote',
      hints: [
        tx(
          'Promote v2: scale `web-v2` to 4, then `web-v1` to 0.',
          '全面切换到 v2：把 `web-v2` 扩到 4 个，再把 `web-v1` 缩到 0。',
        ),
      ],
      solution: {
        kind: 'kubectl',
        commands: ['kubectl scale deployment web-v2 --replicas=4', 'kubectl scale deployment web-v1 --replicas=0'],
      },
      check: (r) => settledAt(r, 0, 4),
      explain: (r) => {
        const left = podsOfVersion(r, 'v1').filter((p) => !p.metadata.deletionTimestamp).length;
        return explainShare(
          r,
          tx(
            `All traffic on v2, ${left} v1 pod(s) left. Unlike a Deployment's rolling update, you moved the share yourself, at your pace, and could stop at any point. Keep \`web-v1\` at 0 replicas for a while: rolling back is one \`kubectl scale\` away.`,
            `所有流量都到了 v2，v1 还剩 ${left} 个 Pod。与 Deployment 的滚动更新不同，流量比例是你自己按自己的节奏调整的，随时可以停下。让 \`web-v1\` 以 0 个副本保留一段时间：回滚只需一条 \`kubectl scale\`。`,
          ),
        );
      },
    },
  ],
};
