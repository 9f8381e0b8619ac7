/**
 * Lesson 10, "Reaching a Service from outside" (book ch.6.4; the load-balancing and Ingress
 * article of the course's 001 collection): `httpd-svc` becomes a NodePort Service on the
 * book's nodePort 30000 (nodePort, port and targetPort told apart), then a LoadBalancer with
 * an EXTERNAL-IP from the lab's pool (MetalLB-like), and an Ingress routes by host and by
 * path to httpd and to a second app, http-echo.
 *
 * The lab has no machine outside the cluster to curl from: requests to node and external
 * addresses are made from a busybox pod, which takes the same path through kube-proxy.
 */
import { tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text } from '../../core/check/index.ts';
import { INGRESS_ADDRESS } from '../../core/controllers/ingress/class.ts';
import { NS, isResult } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';
import { findService, firstPort, hasEndpoints, specOf } from '../09-services-dns/net.ts';

const SVC = 'httpd-svc';
const SVC_TAB = 'httpd-svc.yml';
const NODE_PORT = 30000;

interface NodeAddress {
  type?: string;
  address?: string;
}

/** The nodes' InternalIPs, `k8s-node1 192.168.56.11`-style, from the Node objects. */
function nodeAddresses(r: ClusterReader): { name: string; ip: string }[] {
  return r.nodes().map((n) => ({
    name: n.metadata.name ?? '',
    ip:
      ((n.status as { addresses?: NodeAddress[] } | undefined)?.addresses ?? []).find((a) => a.type === 'InternalIP')
        ?.address ?? '?',
  }));
}

function lbAddress(svc: KubeObject): string | undefined {
  const ing = (svc.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)
    ?.loadBalancer?.ingress?.[0];
  return ing?.ip ?? ing?.hostname;
}

/** httpd-svc of `type`, still the book's 8080 → 80 with nodePort 30000, in front of 3 ready pods. */
function serviceOfType(r: ClusterReader, type: string, file: string): KubeObject | CheckResult {
  const svc = findService(r, NS, SVC, file);
  if (isResult(svc)) return svc;
  const spec = specOf(svc);
  if ((spec.type ?? 'ClusterIP') !== type)
    return missing(
      tx(
        `\`httpd-svc\` is of type ${spec.type ?? 'ClusterIP'}; make it \`type: ${type}\` and apply.`,
        `\`httpd-svc\` 的类型是 ${spec.type ?? 'ClusterIP'}；把它改成 \`type: ${type}\` 后 apply。`,
      ),
    );
  const p = firstPort(svc);
  if (p.nodePort !== NODE_PORT || p.port !== 8080 || String(p.targetPort ?? p.port) !== '80')
    return missing(
      tx(
        `\`httpd-svc\` has nodePort ${p.nodePort ?? '—'}, port ${p.port ?? '?'}, targetPort ${p.targetPort ?? '?'}; the book's are 30000, 8080 and 80.`,
        `\`httpd-svc\` 目前是 nodePort ${p.nodePort ?? '—'}、port ${p.port ?? '?'}、targetPort ${p.targetPort ?? '?'}；书中是 30000、8080 和 80。`,
      ),
    );
  const eps = hasEndpoints(r, svc, 3);
  return eps.ok ? svc : eps;
}

/** The Ingress `web` exists and the controller gave it an address. */
function ingressServed(r: ClusterReader): CheckResult {
  const ing = r.ingress(NS, 'web');
  if (!ing)
    return missing(
      tx('There is no Ingress `web` yet: apply `ingress.yml`.', '还没有 Ingress `web`：请 apply `ingress.yml`。'),
    );
  const address = (ing.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer
    ?.ingress?.[0]?.ip;
  if (!address)
    return missing(
      tx(
        'The ingress controller has not published an ADDRESS for `web` yet (it does so on a 60-second tick): `kubectl get ingress web`.',
        'Ingress 控制器还没有为 `web` 发布 ADDRESS（它每 60 秒更新一次）：看看 `kubectl get ingress web`。',
      ),
    );
  return ok;
}

function lbEvents(r: ClusterReader, svc: KubeObject): Text {
  const evs = (r.eventsFor(svc) as { reason?: string; message?: string }[]).filter((e) =>
    /LoadBalancer/.test(e.reason ?? ''),
  );
  const line = evs.map((e) => `**${e.reason}** "${e.message ?? ''}"`).join(', ');
  return line ? tx(` Its events: ${line}.`, `它的事件：${line}。`) : tx('', '');
}

export const externalAccess: Lesson = {
  id: 'external-access',
  number: 10,
  title: tx('Reaching a Service from outside', '从外部访问 Service'),
  summary: tx(
    'Open `httpd-svc` to the world: a NodePort on every node (nodePort, port and targetPort), a LoadBalancer with its own EXTERNAL-IP, and an Ingress that routes by host and path to two Services.',
    '让 `httpd-svc` 对外提供服务：在每个节点上开放的 NodePort（分清 nodePort、port 和 targetPort），拥有自己 EXTERNAL-IP 的 LoadBalancer，以及按域名和路径把请求分发到两个 Service 的 Ingress。',
  ),
  start: { apply: ['httpd.yml', 'busybox.yml'] },
  steps: [
    {
      id: 'nodeport',
      hints: [
        tx(
          'Apply the NodePort version of `httpd-svc` (**Show solution**): `type: NodePort` and `nodePort: 30000`.',
          'apply NodePort 版本的 `httpd-svc`（**查看答案**）：`type: NodePort`，`nodePort: 30000`。',
        ),
        tx(
          '`kubectl get service httpd-svc` shows `8080:30000/TCP`. Then `kubectl get nodes -o wide` and `kubectl exec busybox -- wget -qO- 192.168.56.11:30000`.',
          '`kubectl get service httpd-svc` 会显示 `8080:30000/TCP`。然后执行 `kubectl get nodes -o wide` 和 `kubectl exec busybox -- wget -qO- 192.168.56.11:30000`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'httpd-svc-nodeport.yml', tab: SVC_TAB },
      check: (r) => {
        const svc = serviceOfType(r, 'NodePort', 'httpd-svc-nodeport.yml');
        return isResult(svc) ? svc : ok;
      },
      explain: (r) => {
        const nodes = nodeAddresses(r);
        const svc = r.service(NS, SVC);
        return tx(
          `\`httpd-svc\` kept its cluster IP ${svc ? (specOf(svc).clusterIP ?? '') : ''} and gained port ${NODE_PORT} on **every** node: ${nodes.map((n) => `${n.name} \`${n.ip}:${NODE_PORT}\``).join(', ')}. Three ports, three places: **nodePort** (${NODE_PORT}) is where the nodes listen, **port** (8080) where the cluster IP listens, **targetPort** (80) where the pods listen. A request to any node's port ${NODE_PORT} — even a node that runs no httpd pod, even k8s-master — is sent by kube-proxy (iptables, as for the cluster IP) to one of the ready pods. Left out, the nodePort is picked at random from 30000–32767.`,
          `\`httpd-svc\` 保留了它的 Cluster IP ${svc ? (specOf(svc).clusterIP ?? '') : ''}，并在 **每个** 节点上开放了 ${NODE_PORT} 端口：${nodes.map((n) => `${n.name} \`${n.ip}:${NODE_PORT}\``).join('、')}。三个端口，三个位置：**nodePort**（${NODE_PORT}）是节点上监听的端口，**port**（8080）是 ClusterIP 上监听的端口，**targetPort**（80）是 Pod 监听的端口。访问任何一个节点的 ${NODE_PORT} 端口——哪怕这个节点上没有 httpd Pod，哪怕是 k8s-master——kube-proxy 都会（和 Cluster IP 一样借助 iptables）把请求转发给某个就绪的 Pod。如果不指定 nodePort，Kubernetes 会从 30000–32767 中随机选一个。`,
        );
      },
    },
    {
      id: 'loadbalancer',
      hints: [
        tx(
          'Change `type: NodePort` to `type: LoadBalancer` and apply; then `kubectl get service httpd-svc` until EXTERNAL-IP shows an address.',
          '把 `type: NodePort` 改成 `type: LoadBalancer` 后 apply；然后执行 `kubectl get service httpd-svc`，直到 EXTERNAL-IP 显示出地址。',
        ),
        tx(
          '`kubectl describe service httpd-svc` shows the load balancer’s events. Try `kubectl exec busybox -- wget -qO- <EXTERNAL-IP>:8080`.',
          '`kubectl describe service httpd-svc` 可以看到负载均衡器的事件。试试 `kubectl exec busybox -- wget -qO- <EXTERNAL-IP>:8080`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'httpd-svc-lb.yml', tab: SVC_TAB },
      check: (r) => {
        const svc = serviceOfType(r, 'LoadBalancer', 'httpd-svc-lb.yml');
        if (isResult(svc)) return svc;
        if (lbAddress(svc)) return ok;
        return missing(
          tx(
            'EXTERNAL-IP is still `<pending>`: the load balancer has no address for `httpd-svc` yet.',
            'EXTERNAL-IP 还是 `<pending>`：负载均衡器还没有给 `httpd-svc` 分配地址。',
          ),
        );
      },
      explain: (r) => {
        const svc = r.service(NS, SVC);
        const ip = svc ? (lbAddress(svc) ?? '?') : '?';
        return tx(
          `The lab's load-balancer controller (a cloud provider's, or MetalLB on your own machines) gave \`httpd-svc\` the external address **${ip}** and wrote it in the Service's \`status.loadBalancer.ingress\`: that is the EXTERNAL-IP column.${svc ? lbEvents(r, svc).en : ''} Clients outside send to ${ip}:8080, and the load balancer passes the traffic to the nodes' port ${NODE_PORT}, where kube-proxy takes over: a LoadBalancer Service is a NodePort Service, which is a ClusterIP Service, plus one more layer.`,
          `实验室的负载均衡控制器（在云上由 cloud provider 提供，在自己的机器上可以用 MetalLB）给 \`httpd-svc\` 分配了外部地址 **${ip}**，并写进 Service 的 \`status.loadBalancer.ingress\`：这就是 EXTERNAL-IP 列。${svc ? lbEvents(r, svc)['zh-CN'] : ''}外部客户端访问 ${ip}:8080，负载均衡器把流量导向各节点的 ${NODE_PORT} 端口，再由 kube-proxy 接手：LoadBalancer 类型的 Service 就是在 NodePort 之上再加一层，而 NodePort 又是在 ClusterIP 之上加了一层。`,
        );
      },
    },
    {
      id: 'ingress',
      hints: [
        tx(
          'Apply `ingress.yml`: a second app `echo` with Service `echo-svc`, and the Ingress `web`. Then `kubectl get ingress web` until ADDRESS shows.',
          'apply `ingress.yml`：第二个应用 `echo` 及其 Service `echo-svc`，还有 Ingress `web`。然后执行 `kubectl get ingress web`，直到 ADDRESS 出现。',
        ),
        tx(
          `Send requests to the ingress controller with a Host header: \`kubectl exec busybox -- wget -qO- --header "Host: www.kubelab.local" ${INGRESS_ADDRESS}/echo\`.`,
          `带上 Host 头向 Ingress 控制器发送请求：\`kubectl exec busybox -- wget -qO- --header "Host: www.kubelab.local" ${INGRESS_ADDRESS}/echo\`。`,
        ),
      ],
      solution: { kind: 'manifest', file: 'ingress.yml' },
      check: (r) => {
        const served = ingressServed(r);
        if (!served.ok) return served;
        const echo = findService(r, NS, 'echo-svc', 'ingress.yml');
        if (isResult(echo)) return echo;
        const e = hasEndpoints(r, echo, 2);
        if (!e.ok) return e;
        const httpd = findService(r, NS, SVC, SVC_TAB);
        return isResult(httpd) ? httpd : hasEndpoints(r, httpd, 3);
      },
      explain: () =>
        tx(
          `A LoadBalancer per Service costs one external address each. An **Ingress** shares one entry point among many Services: the ingress controller (ingress-nginx here, a reverse proxy like nginx or HAProxy) watches Ingresses, Services and their endpoints and rewrites its routing table — as an nginx \`upstream\` — whenever they change. It published its address, ${INGRESS_ADDRESS}, in \`web\`'s status. Requests are routed first by **host** (\`httpd.kubelab.local\` → \`httpd-svc\`), then by **path**: on \`www.kubelab.local\`, \`/echo\` and \`/echo/…\` go to \`echo-svc\` and everything else to \`httpd-svc\` — the longest matching prefix wins. A host no rule names gets nginx's 404 page.`,
          `每个 LoadBalancer Service 都要占用一个外部地址。**Ingress** 则让许多 Service 共用一个入口：Ingress 控制器（这里是 ingress-nginx，一个 nginx 或 HAProxy 这样的反向代理）监视 Ingress、Service 及其 endpoints，一有变化就改写自己的转发配置——相当于 nginx 里的 \`upstream\`。它把自己的地址 ${INGRESS_ADDRESS} 写进了 \`web\` 的 status。请求先按 **域名** 分发（\`httpd.kubelab.local\` → \`httpd-svc\`），再按 **路径** 分发：在 \`www.kubelab.local\` 上，\`/echo\` 和 \`/echo/…\` 发往 \`echo-svc\`，其余发往 \`httpd-svc\`——最长的匹配前缀优先。没有任何规则提到的域名，会得到 nginx 的 404 页面。`,
        ),
    },
  ],
};
