/**
 * Lesson 20, "Network model and NetworkPolicy" (book ch.12, whose cluster runs Canal: Flannel
 * for the network, Calico for policies; the lab enforces policies itself). Every pod has an
 * IP and, with no policy, every pod reaches every other; `default-deny-ingress` cuts that off;
 * the book's `access-httpd` lets in only pods labelled `access: "true"`; an egress policy on
 * the clients stops them again from their own side, until it allows httpd's port 80.
 *
 * Two busybox clients keep trying httpd-svc with a readiness probe, so their READY column
 * shows what the network lets through, and the checks read it from the pods' status.
 */
import { isPodReady, isPodServing, nodeNameOf, podPhase, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text } from '../../core/check/index.ts';
import { NS } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const PLAIN = 'busybox';
const ACCESS = 'busybox-access';
const EGRESS_TAB = 'egress.yml';

const podIP = (p: KubeObject) => (p.status as { podIP?: string } | undefined)?.podIP ?? '';

/** A client pod that runs (Running, not being deleted), whatever its readiness. */
function client(r: ClusterReader, name: string): KubeObject | CheckResult {
  const pod = r.pod(NS, name);
  if (!pod || pod.metadata.deletionTimestamp)
    return missing(
      tx(
        `There is no pod \`${name}\`: apply \`busybox.yml\`.`,
        `没有名为 \`${name}\` 的 Pod：请 apply \`busybox.yml\`。`,
      ),
    );
  // A busybox made some other way (`kubectl run`) has no probe, so it would look Ready whatever the policies say.
  const probed = (pod.spec as { containers?: { readinessProbe?: unknown }[] } | undefined)?.containers?.some(
    (c) => c.readinessProbe,
  );
  if (!probed)
    return missing(
      tx(
        `\`${name}\` has no readiness probe, so its READY column cannot tell whether it reaches httpd: \`kubectl delete pod ${name}\`, then apply \`busybox.yml\`.`,
        `\`${name}\` 没有 Readiness 探测，它的 READY 列就无法反映能否访问 httpd：先执行 \`kubectl delete pod ${name}\`，再 apply \`busybox.yml\`。`,
      ),
    );
  if (podPhase(pod) !== 'Running' || !pod.status)
    return missing(tx(`\`${name}\` is not Running yet.`, `\`${name}\` 还没有 Running。`));
  return pod;
}

const isResult = (x: KubeObject | CheckResult): x is CheckResult => 'ok' in x;

/** Does `name` get answers from httpd-svc (its probe passes) — `want` true — or not? */
function reaches(r: ClusterReader, name: string, want: boolean): CheckResult {
  const pod = client(r, name);
  if (isResult(pod)) return pod;
  if (isPodReady(pod) === want) return ok;
  return missing(
    want
      ? tx(
          `\`${name}\` gets no answer from \`httpd-svc:8080\` yet (READY 0/1). \`kubectl describe pod ${name}\` shows its probe's last error.`,
          `\`${name}\` 还访问不到 \`httpd-svc:8080\`（READY 0/1）。\`kubectl describe pod ${name}\` 可以看到探测最近一次的错误。`,
        )
      : tx(
          `\`${name}\` still gets answers from \`httpd-svc:8080\` (READY 1/1).`,
          `\`${name}\` 仍然能访问到 \`httpd-svc:8080\`（READY 1/1）。`,
        ),
  );
}

function all(...results: (() => CheckResult)[]): CheckResult {
  for (const f of results) {
    const res = f();
    if (!res.ok) return res;
  }
  return ok;
}

/** The policy exists (created or changed by the learner). */
function policyApplied(r: ClusterReader, name: string, file: string): CheckResult {
  if (r.networkPolicies(NS).some((p) => p.metadata.name === name)) return ok;
  return missing(
    tx(
      `There is no NetworkPolicy \`${name}\` yet: apply \`${file}\`.`,
      `还没有 NetworkPolicy \`${name}\`：请 apply \`${file}\`。`,
    ),
  );
}

/** A policy an earlier step made is still there. */
function policyKept(r: ClusterReader, name: string): CheckResult {
  if (r.networkPolicies(NS).some((p) => p.metadata.name === name)) return ok;
  return missing(
    tx(
      `NetworkPolicy \`${name}\` is gone; this step builds on it. Apply it again.`,
      `NetworkPolicy \`${name}\` 不见了；这一步要以它为基础，请重新 apply。`,
    ),
  );
}

function httpdPods(r: ClusterReader): KubeObject[] {
  return r.pods(NS, { run: 'httpd' }).filter(isPodServing);
}

function ipLines(r: ClusterReader): Text {
  const pods = [...httpdPods(r), ...[PLAIN, ACCESS].flatMap((n) => r.pod(NS, n) ?? [])];
  const each = pods.map((p) => ({ name: `\`${p.metadata.name}\` ${podIP(p)}`, node: nodeNameOf(p) ?? '?' }));
  return tx(each.map((e) => `${e.name} (${e.node})`).join(', '), each.map((e) => `${e.name}（${e.node}）`).join('、'));
}

const OVERLAY = tx(
  'To see who may reach whom, right-click an httpd pod in the graph and choose **Show who can reach this pod**: every other pod gets an edge, green or red, whose tooltip names the policy that decided. The graph toolbar’s **Connectivity matrix** shows every pair at once, and its **What if…** box asks about one connection.',
  '想看清谁能访问谁，在图中右键点击一个 httpd Pod，选择 **显示谁能访问这个 Pod**：其他每个 Pod 都会连出一条绿色或红色的边，鼠标悬停即可看到是哪条策略做出的决定。图工具栏上的 **连通性矩阵** 一次列出所有 Pod 两两之间的结果，其中的 **假如……** 一栏可以单独查询某一个连接。',
);

export const networkPolicy: Lesson = {
  id: 'network-policy',
  number: 20,
  title: tx('Network model and NetworkPolicy', 'Kubernetes 网络与 Network Policy'),
  summary: tx(
    'Every pod has its own IP and, by default, every pod reaches every other. Deny all ingress, let in only pods labelled `access: "true"` as the book does, and restrict the clients’ egress.',
    '每个 Pod 都有自己的 IP，默认情况下 Pod 之间可以互相访问。先禁止所有入站流量，再像书中那样只放行带有 `access: "true"` label 的 Pod，最后限制客户端的出站流量。',
  ),
  start: { apply: ['httpd.yml'] },
  steps: [
    {
      id: 'default-allow',
      hints: [
        tx(
          'Apply `busybox.yml`: two client pods, `busybox` and `busybox-access`. Then `kubectl get pods -o wide`.',
          'apply `busybox.yml`：两个客户端 Pod，`busybox` 和 `busybox-access`。然后执行 `kubectl get pods -o wide`。',
        ),
        tx(
          'READY 1/1 means the pod’s probe `wget --spider httpd-svc:8080` succeeds. Try it yourself: `kubectl exec busybox -- wget -qO- httpd-svc:8080`.',
          'READY 1/1 表示 Pod 的探测 `wget --spider httpd-svc:8080` 成功了。也可以自己试试：`kubectl exec busybox -- wget -qO- httpd-svc:8080`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'busybox.yml' },
      check: (r) =>
        all(
          () => reaches(r, PLAIN, true),
          () => reaches(r, ACCESS, true),
        ),
      explain: (r) =>
        tx(
          `Every pod got its own IP from its node's pod range: ${ipLines(r).en}. Any pod reaches any other by that IP, across nodes, with no NAT: that is the Kubernetes network model, which a CNI plugin (Flannel, Calico, Canal in the book) implements. With no NetworkPolicy, nothing is filtered: both clients reach httpd, with or without a label.`,
          `每个 Pod 都从所在节点的 Pod 网段分到了自己的 IP：${ipLines(r)['zh-CN']}。任何 Pod 都能通过 IP 直接访问其他 Pod，跨节点也一样，不需要 NAT：这就是 Kubernetes 的网络模型，由 CNI 插件（书中的 Flannel、Calico、Canal）实现。在没有任何 Network Policy 时，流量不受限制：两个客户端都能访问 httpd，不管有没有 label。`,
        ),
    },
    {
      id: 'deny-ingress',
      hints: [
        tx(
          'Apply `default-deny.yml`: a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress]`, and no rule.',
          'apply `default-deny.yml`：一个 `podSelector: {}`、`policyTypes: [Ingress]`、不带任何规则的 NetworkPolicy。',
        ),
        tx(
          'Watch `kubectl get pods`: within a few seconds both clients show READY 0/1.',
          '观察 `kubectl get pods`：几秒之内两个客户端都会变成 READY 0/1。',
        ),
      ],
      solution: { kind: 'manifest', file: 'default-deny.yml' },
      check: (r) =>
        all(
          () => policyApplied(r, 'default-deny-ingress', 'default-deny.yml'),
          () => reaches(r, PLAIN, false),
          () => reaches(r, ACCESS, false),
        ),
      explain: (r) =>
        tx(
          `\`podSelector: {}\` selects every pod of \`default\`, and \`policyTypes: [Ingress]\` with no ingress rule allows nothing in. A pod that a policy selects is **isolated**: only what some policy allows reaches it. So the packets from the clients to httpd are dropped — not refused, dropped: \`wget\` waits until its timeout (\`wget: download timed out\`). The httpd pods themselves stay Ready (${httpdPods(r).length} of them): traffic from a pod's own node, such as the kubelet's probes, is always allowed.`,
          `\`podSelector: {}\` 选中了 \`default\` 中的所有 Pod，而 \`policyTypes: [Ingress]\` 又没有任何 ingress 规则，于是什么流量都进不来。被某个策略选中的 Pod 就处于 **隔离** 状态：只有策略允许的流量才能访问它。所以客户端发往 httpd 的数据包被丢弃了——不是拒绝，而是丢弃：\`wget\` 一直等到超时（\`wget: download timed out\`）。httpd Pod 自己仍是 Ready（共 ${httpdPods(r).length} 个）：来自 Pod 所在节点的流量，例如 kubelet 的探测，总是允许的。`,
        ),
    },
    {
      id: 'allow-label',
      hints: [
        tx(
          'Apply the book’s `policy.yml`: `access-httpd` lets pods labelled `access: "true"` reach the httpd pods on port 80.',
          'apply 书中的 `policy.yml`：`access-httpd` 允许带有 `access: "true"` label 的 Pod 访问 httpd Pod 的 80 端口。',
        ),
        tx(
          '`busybox-access` has the label, `busybox` does not: `kubectl get pods --show-labels`.',
          '`busybox-access` 有这个 label，`busybox` 没有：看看 `kubectl get pods --show-labels`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'policy.yml' },
      check: (r) =>
        all(
          () => policyApplied(r, 'access-httpd', 'policy.yml'),
          () => policyKept(r, 'default-deny-ingress'),
          () => reaches(r, ACCESS, true),
          () => reaches(r, PLAIN, false),
        ),
      explain: () =>
        tx(
          `Policies add up: a connection is allowed when *any* policy that selects the destination allows it. \`default-deny-ingress\` allows nothing, \`access-httpd\` allows pods labelled \`access: "true"\` on TCP 80 — so \`${ACCESS}\` is back in and \`${PLAIN}\` stays out. Note the port: 80, where the pods listen, not the Service's 8080 — policies see the packet after kube-proxy has translated the cluster IP to a pod. ${OVERLAY.en}`,
          `多条策略是叠加的：只要选中目标 Pod 的 *任何一条* 策略允许，连接就被允许。\`default-deny-ingress\` 什么都不允许，\`access-httpd\` 允许带有 \`access: "true"\` label 的 Pod 访问 TCP 80 端口——所以 \`${ACCESS}\` 又能访问了，\`${PLAIN}\` 仍然不行。注意端口：是 Pod 监听的 80，而不是 Service 的 8080——策略看到的是 kube-proxy 已经把 Cluster IP 转换成 Pod IP 之后的数据包。${OVERLAY['zh-CN']}`,
        ),
    },
    {
      id: 'egress',
      hints: [
        tx(
          'Apply `egress.yml`: `busybox-egress` selects the pods labelled `run: busybox` for **Egress** and allows only DNS (port 53).',
          'apply `egress.yml`：`busybox-egress` 针对 label 为 `run: busybox` 的 Pod 限制 **Egress**，只允许 DNS（53 端口）。',
        ),
        tx(
          '`busybox-access` turns 0/1 although `access-httpd` still lets it in: its own side now stops the packets.',
          '尽管 `access-httpd` 仍然放行 `busybox-access`，它还是会变成 0/1：这回是它自己这一端拦下了数据包。',
        ),
      ],
      solution: { kind: 'manifest', file: 'egress.yml', tab: EGRESS_TAB },
      check: (r) =>
        all(
          () => policyApplied(r, 'busybox-egress', 'egress.yml'),
          () => policyKept(r, 'access-httpd'),
          () => reaches(r, ACCESS, false),
        ),
      explain: () =>
        tx(
          `A connection needs two yeses: the destination's ingress side and the source's egress side. \`access-httpd\` still says yes for httpd's ingress, but \`busybox-egress\` now isolates the clients for egress and allows only port 53 — names still resolve, the request to port 80 is dropped. Besides limiting what comes in with \`ingress\`, \`egress\` limits what goes out. ${OVERLAY.en}`,
          `一个连接需要两边都同意：目标 Pod 的入站（ingress）一侧，以及源 Pod 的出站（egress）一侧。\`access-httpd\` 对 httpd 的入站仍然放行，但 \`busybox-egress\` 让客户端在出站方向上也被隔离了，只允许 53 端口——域名仍然能解析，发往 80 端口的请求却被丢弃。除了用 \`ingress\` 限制进入的流量，也可以用 \`egress\` 限制外出的流量。${OVERLAY['zh-CN']}`,
        ),
    },
    {
      id: 'allow-egress',
      hints: [
        tx(
          'Add an egress rule to `busybox-egress`: `to` the pods labelled `run: httpd`, TCP port 80. Apply.',
          '给 `busybox-egress` 加一条 egress 规则：`to` label 为 `run: httpd` 的 Pod，TCP 80 端口。然后 apply。',
        ),
        tx(
          'Use port 80, the pods’ port: egress is checked after the cluster IP has been translated.',
          '要写 80，也就是 Pod 的端口：egress 检查发生在 Cluster IP 被转换之后。',
        ),
      ],
      solution: { kind: 'manifest', file: 'egress-httpd.yml', tab: EGRESS_TAB },
      check: (r) =>
        all(
          () => policyKept(r, 'busybox-egress'),
          () => policyKept(r, 'access-httpd'),
          () => reaches(r, ACCESS, true),
          () => reaches(r, PLAIN, false),
        ),
      explain: () =>
        tx(
          `\`${ACCESS}\` passes both sides again: its egress to the httpd pods on 80 (\`busybox-egress\`, rule 2) and httpd's ingress from \`access: "true"\` (\`access-httpd\`). \`${PLAIN}\` may send now, but httpd still does not let it in. Policies only ever allow; isolation is what denies, and every policy that selects a pod adds to what it may do.`,
          `\`${ACCESS}\` 又通过了两边的检查：它发往 httpd Pod 80 端口的出站流量（\`busybox-egress\` 的第 2 条规则），以及 httpd 对 \`access: "true"\` 的入站放行（\`access-httpd\`）。\`${PLAIN}\` 现在可以发出请求了，但 httpd 仍然不让它进来。策略只负责"允许"，"拒绝"来自隔离；选中一个 Pod 的每条策略，都是在它能做的事情上做加法。`,
        ),
    },
  ],
};
