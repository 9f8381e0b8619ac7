/**
 * Lesson 9, "Services and DNS" (book ch.6): the book's `httpd` Deployment (3 replicas) gets
 * `httpd-svc`, a ClusterIP Service 8080 → 80; a busybox pod reaches it by name and the answers
 * come from different pods; kube-dns answers `httpd-svc`, and `httpd2-svc` in `kube-public`
 * needs its namespace in the name; a pod whose readiness probe fails leaves the endpoints.
 * The lab's httpd pods write their own name into their page (the book's all say "It works!"),
 * so the spread is visible.
 */
import { isPodReady, isPodServing, joinText, podPhase, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject } from '../../core/check/index.ts';
import { NS, allPodsReady, findDeployment, isResult } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing } from '../types.ts';
import {
  clientRunning,
  endpointAddresses,
  endpointNames,
  findService,
  firstPort,
  hasEndpoints,
  sliceStory,
  specOf,
} from './net.ts';

const SVC = 'httpd-svc';
const OTHER_NS = 'kube-public';
const CLIENT = 'busybox';
const RUN_CLIENT = `kubectl run ${CLIENT} --image=busybox -- sleep 3600`;

function findSvc(r: ClusterReader): KubeObject | CheckResult {
  return findService(r, NS, SVC, 'httpd-svc.yml');
}

/** httpd-svc is the book's: selector run=httpd, port 8080 → targetPort 80, and fronts every httpd pod. */
function serviceServes(r: ClusterReader, want = 3): CheckResult {
  const svc = findSvc(r);
  if (isResult(svc)) return svc;
  const p = firstPort(svc);
  if (specOf(svc).selector?.run !== 'httpd')
    return missing(tx('`httpd-svc` should select `run: httpd`.', '`httpd-svc` 应当用 `run: httpd` 选择 Pod。'));
  if (p.port !== 8080 || String(p.targetPort ?? p.port) !== '80')
    return missing(
      tx(
        `\`httpd-svc\` maps port ${p.port ?? '?'} to ${p.targetPort ?? '?'}; the book's maps 8080 to the pods' 80.`,
        `\`httpd-svc\` 把端口 ${p.port ?? '?'} 映射到 ${p.targetPort ?? '?'}；书中是把 8080 映射到 Pod 的 80。`,
      ),
    );
  return hasEndpoints(r, svc, want);
}

function httpdReady(r: ClusterReader): CheckResult {
  const d = findDeployment(r, 'httpd');
  return isResult(d) ? d : allPodsReady(r, d);
}

const clusterIP = (r: ClusterReader) => {
  const svc = r.service(NS, SVC);
  return svc ? (specOf(svc).clusterIP ?? '?') : '?';
};

/** The httpd pod that is Running but not Ready, if there is one. */
function unreadyHttpd(r: ClusterReader): KubeObject | undefined {
  return r
    .pods(NS, { run: 'httpd' })
    .find((p) => !p.metadata.deletionTimestamp && podPhase(p) === 'Running' && !isPodReady(p));
}

function lastEvent(r: ClusterReader, pod: KubeObject, reason: string): string | undefined {
  return (r.eventsFor(pod) as { reason?: string; message?: string }[]).findLast((e) => e.reason === reason)?.message;
}

export const servicesDns: Lesson = {
  id: 'services-dns',
  number: 9,
  title: tx('Services and DNS', '通过 Service 访问 Pod'),
  summary: tx(
    'Put the ClusterIP Service `httpd-svc` in front of three httpd pods, reach it from a busybox pod by IP and by name, across namespaces, and see a pod that is not Ready drop out of it.',
    '给三个 httpd Pod 配上 ClusterIP Service `httpd-svc`，从 busybox Pod 里通过 IP 和名字访问它，再跨 namespace 访问；看一个不再 Ready 的 Pod 如何被移出 Service。',
  ),
  start: { apply: ['httpd.yml'] },
  steps: [
    {
      id: 'service',
      hints: [
        tx(
          'Apply `httpd-svc.yml` (**Show solution**, then **Apply**), then `kubectl get service httpd-svc` and `kubectl describe service httpd-svc`.',
          'apply `httpd-svc.yml`（先点 **查看答案**，再点 **Apply**），然后执行 `kubectl get service httpd-svc` 和 `kubectl describe service httpd-svc`。',
        ),
        tx(
          'The Service picks its pods by label: `selector: {run: httpd}` matches the labels of the Deployment’s pod template.',
          'Service 通过 label 挑选 Pod：`selector: {run: httpd}` 对应 Deployment 的 Pod 模板上的 label。',
        ),
      ],
      solution: { kind: 'manifest', file: 'httpd-svc.yml' },
      check: (r) => {
        const d = httpdReady(r);
        return d.ok ? serviceServes(r) : d;
      },
      explain: (r) => {
        const svc = r.service(NS, SVC);
        return joinText([
          tx(
            `\`httpd-svc\` got the cluster IP **${clusterIP(r)}**, allocated once and kept for the Service's life. It listens on 8080 and forwards to port 80 of the pods its selector picks: ${svc ? endpointAddresses(r, svc).en : ''}.`,
            `\`httpd-svc\` 分配到了 Cluster IP **${clusterIP(r)}**，这个 IP 一经分配，在 Service 的整个生命周期里都不会变。它监听 8080 端口，把请求转发到 selector 选中的 Pod 的 80 端口：${svc ? endpointAddresses(r, svc)['zh-CN'] : ''}。`,
          ),
          sliceStory(r, NS, SVC, 0, 3),
          tx(
            '\nThose pod IPs are the Service’s **endpoints** (`kubectl get endpoints httpd-svc`). The cluster IP is virtual: no interface has it. kube-proxy on every node turns it into rules (iptables in the book’s cluster) that pick one endpoint per connection.',
            '\n这些 Pod IP 就是 Service 的 **endpoints**（`kubectl get endpoints httpd-svc`）。Cluster IP 是一个虚拟 IP，没有哪块网卡真正配置了它：每个节点上的 kube-proxy 把它变成规则（书中的集群用的是 iptables），每个连接从 endpoints 中挑一个。',
          ),
        ]);
      },
    },
    {
      id: 'from-a-pod',
      hints: [
        tx(
          `Start a client pod: \`${RUN_CLIENT}\`. Once it is Running: \`kubectl exec ${CLIENT} -- wget -qO- httpd-svc:8080\`, several times.`,
          `先启动一个客户端 Pod：\`${RUN_CLIENT}\`。等它 Running 之后，多执行几次 \`kubectl exec ${CLIENT} -- wget -qO- httpd-svc:8080\`。`,
        ),
        tx(
          'Each page names the pod that served it. Try the cluster IP too: `kubectl get service httpd-svc` shows it.',
          '每个页面上都写着提供它的 Pod 的名字。也试试直接访问 Cluster IP：`kubectl get service httpd-svc` 可以看到它。',
        ),
      ],
      solution: { kind: 'kubectl', commands: [RUN_CLIENT] },
      check: (r) => {
        const c = clientRunning(r, NS, CLIENT, `\`${RUN_CLIENT}\``);
        return c.ok ? serviceServes(r) : c;
      },
      explain: (r) => {
        const svc = r.service(NS, SVC);
        const names = svc ? endpointNames(r, svc) : [];
        return tx(
          `Inside the cluster every pod can use the Service: \`httpd-svc:8080\` or \`${clusterIP(r)}:8080\`. kube-proxy sends each new connection to one of its ${names.length} endpoints (${names.map((n) => `\`${n}\``).join(', ')}), so the answers come from different pods — the load balancing the book shows with iptables' \`statistic\` rules. The pods' own IPs work as well, but they change whenever a pod is replaced; the cluster IP does not.`,
          `在集群内部，每个 Pod 都可以使用这个 Service：\`httpd-svc:8080\` 或 \`${clusterIP(r)}:8080\`。kube-proxy 把每个新连接转发给 ${names.length} 个 endpoint（${names.map((n) => `\`${n}\``).join('、')}）中的一个，所以回答来自不同的 Pod——这就是书中用 iptables 的 \`statistic\` 规则展示的负载均衡。直接访问 Pod IP 也行，但 Pod 一旦被替换 IP 就会变；Cluster IP 不会变。`,
        );
      },
    },
    {
      id: 'dns',
      hints: [
        tx(
          `\`kubectl exec ${CLIENT} -- nslookup httpd-svc\`, then apply \`httpd2.yml\`: \`httpd2\` and \`httpd2-svc\` in namespace \`${OTHER_NS}\`.`,
          `先执行 \`kubectl exec ${CLIENT} -- nslookup httpd-svc\`，再 apply \`httpd2.yml\`：它在 namespace \`${OTHER_NS}\` 中创建 \`httpd2\` 和 \`httpd2-svc\`。`,
        ),
        tx(
          `From \`${CLIENT}\` (namespace \`default\`), \`wget -qO- httpd2-svc:8080\` gets "bad address"; \`wget -qO- httpd2-svc.${OTHER_NS}:8080\` works.`,
          `在 \`${CLIENT}\`（namespace \`default\`）里，\`wget -qO- httpd2-svc:8080\` 会报 "bad address"；\`wget -qO- httpd2-svc.${OTHER_NS}:8080\` 才能访问到。`,
        ),
      ],
      solution: { kind: 'manifest', file: 'httpd2.yml' },
      check: (r) => {
        const c = clientRunning(r, NS, CLIENT, `\`${RUN_CLIENT}\``);
        if (!c.ok) return c;
        const svc = findService(r, OTHER_NS, 'httpd2-svc', 'httpd2.yml');
        if (isResult(svc)) return svc;
        return hasEndpoints(r, svc, 1);
      },
      explain: () =>
        tx(
          `kube-dns (CoreDNS) watches Services and answers for each one: \`httpd-svc.default.svc.cluster.local\` resolves to its cluster IP. The client's \`/etc/resolv.conf\` names the DNS server (the \`kube-dns\` Service in \`kube-system\`) and a search list that starts with its own namespace, \`default.svc.cluster.local\`: that is why the short \`httpd-svc\` works from \`default\`, and why \`httpd2-svc\` alone was a "bad address" — it lives in \`${OTHER_NS}\`, so the name needs \`httpd2-svc.${OTHER_NS}\`. The same rule the other way round: a pod in \`${OTHER_NS}\` reaches the first Service as \`httpd-svc.default\`.`,
          `kube-dns（CoreDNS）监视 Service，并为每个 Service 提供解析：\`httpd-svc.default.svc.cluster.local\` 解析为它的 Cluster IP。客户端的 \`/etc/resolv.conf\` 指定了 DNS 服务器（\`kube-system\` 中的 \`kube-dns\` Service），以及一个以它自己的 namespace 开头的搜索列表 \`default.svc.cluster.local\`：所以在 \`default\` 中用短名字 \`httpd-svc\` 就行；而单写 \`httpd2-svc\` 是 "bad address"——它在 \`${OTHER_NS}\` 中，名字里必须带上 namespace：\`httpd2-svc.${OTHER_NS}\`。反过来也一样：\`${OTHER_NS}\` 中的 Pod 要用 \`httpd-svc.default\` 访问第一个 Service。`,
        ),
    },
    {
      id: 'not-ready',
      hints: [
        tx(
          'Take one page away: `kubectl exec deploy/httpd -- rm /usr/local/apache2/htdocs/index.html`. The readiness probe (`GET /` on port 80) then gets 404.',
          '拿掉一个 Pod 的页面：`kubectl exec deploy/httpd -- rm /usr/local/apache2/htdocs/index.html`。之后 Readiness 探测（对 80 端口 `GET /`）就会得到 404。',
        ),
        tx(
          'After 3 failed probes, 5 s apart, READY turns 0/1. Then `kubectl get endpoints httpd-svc` and `wget` from busybox again.',
          '间隔 5 秒的探测连续失败 3 次后，READY 变成 0/1。然后看看 `kubectl get endpoints httpd-svc`，再从 busybox 里 `wget` 几次。',
        ),
      ],
      solution: {
        kind: 'kubectl',
        commands: ['kubectl exec deploy/httpd -- rm /usr/local/apache2/htdocs/index.html'],
      },
      check: (r) => {
        const bad = unreadyHttpd(r);
        if (!bad)
          return missing(
            tx(
              'Every httpd pod is still Ready. Remove one pod’s page and wait for its readiness probe to fail 3 times.',
              '所有 httpd Pod 都还是 Ready。删掉一个 Pod 的页面，等它的 Readiness 探测连续失败 3 次。',
            ),
          );
        const svc = findSvc(r);
        if (isResult(svc)) return svc;
        if (endpointNames(r, svc).includes(bad.metadata.name ?? ''))
          return missing(
            tx(
              `\`${bad.metadata.name}\` is not Ready but is still an endpoint; wait a moment.`,
              `\`${bad.metadata.name}\` 已经不是 Ready 了，但还在 endpoints 里；稍等一下。`,
            ),
          );
        const serving = r.pods(NS, { run: 'httpd' }).filter(isPodServing).length;
        return hasEndpoints(r, svc, serving);
      },
      explain: (r) => {
        const bad = unreadyHttpd(r);
        const why = bad ? lastEvent(r, bad, 'Unhealthy') : undefined;
        const svc = r.service(NS, SVC);
        return joinText([
          tx(
            `\`${bad?.metadata.name ?? 'The pod'}\` still runs — STATUS Running, no restart — but its readiness probe fails${why ? ` ("${why}")` : ''}, so its Ready condition is False. The EndpointSlice controller follows Ready: the pod stays in the slice marked \`ready: false\` and kube-proxy stops sending it requests. The Service now answers from ${svc ? endpointAddresses(r, svc).en : 'the others'}.`,
            `\`${bad?.metadata.name ?? '这个 Pod'}\` 仍在运行——STATUS 是 Running，也没有重启——但它的 Readiness 探测失败了${why ? `（"${why}"）` : ''}，所以 Ready 状况变为 False。EndpointSlice 控制器跟随 Ready 状况：这个 Pod 仍留在 slice 里，但被标记为 \`ready: false\`，kube-proxy 不再把请求转发给它。现在由 ${svc ? endpointAddresses(r, svc)['zh-CN'] : '其他 Pod'} 提供服务。`,
          ),
          sliceStory(
            r,
            NS,
            SVC,
            Math.max(0, (r.trace({ namespace: NS, kind: 'EndpointSlice' }).at(-1)?.seq ?? 1) - 1),
            2,
          ),
          tx(
            '\nPut the page back (`kubectl exec` into that pod and write `index.html` again) and the pod returns to the endpoints by itself.',
            '\n把页面放回去（`kubectl exec` 进那个 Pod，重新写一个 `index.html`），它就会自己回到 endpoints 里。',
          ),
        ]);
      },
    },
  ],
};
