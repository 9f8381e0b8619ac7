/**
 * Lesson 13, "Volumes" (book ch.9.1): the book's producer-consumer pod shares
 * an emptyDir; then two small Deployments whose container proves what its
 * volume kept: it looks for /data/hello, and when the file is missing it
 * writes it and crashes once. RESTARTS says what the volume remembered: an
 * emptyDir survives a container restart but not its pod; a hostPath survives
 * the pod on the same node, and another node has its own.
 */
import { containersOf, isPodServing, joinText, nodeNameOf, restartsOf, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject } from '../../core/check/index.ts';
import { NS, found, findDeployment, isDeletion, isResult, lastClientWrite } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const PC = 'producer-consumer';
const CACHE = 'cache-demo';
const HOST = 'hostpath-demo';
const NODE1 = 'k8s-node1';
const NODE2 = 'k8s-node2';
/** The demo script sleeps 5 s before it crashes; running longer means it found /data/hello. */
const CRASH_AFTER_MS = 5_000;

interface Volume {
  name: string;
  emptyDir?: unknown;
  hostPath?: { path?: string };
}
interface PodSpec {
  volumes?: Volume[];
  nodeSelector?: Record<string, string>;
}
interface ContainerStatus {
  restartCount?: number;
  state?: { running?: { startedAt?: string } };
  lastState?: { terminated?: { exitCode?: number } };
}

const podSpecOf = (obj: KubeObject): PodSpec =>
  ((obj.kind === 'Pod' ? obj.spec : (obj.spec as { template?: { spec?: unknown } } | undefined)?.template?.spec) ??
    {}) as PodSpec;
const statusesOf = (pod: KubeObject) =>
  (pod.status as { containerStatuses?: ContainerStatus[] } | undefined)?.containerStatuses ?? [];
const names = (pods: KubeObject[], sep: string) => pods.map((p) => `\`${p.metadata.name ?? ''}\``).join(sep);

/** Volumes of the pod (or template) of one type, by name. */
function volumesOf(obj: KubeObject, type: 'emptyDir' | 'hostPath'): string[] {
  return (podSpecOf(obj).volumes ?? []).filter((v) => v[type] !== undefined).map((v) => v.name);
}

/** Names of the containers that mount the volume. */
function mountersOf(obj: KubeObject, volume: string): string[] {
  return containersOf(obj)
    .filter((c) => ((c as { volumeMounts?: { name: string }[] }).volumeMounts ?? []).some((m) => m.name === volume))
    .map((c) => c.name);
}

/** Serving, and running past the moment the demo script would have crashed: it found /data/hello. */
function settled(r: ClusterReader, pod: KubeObject): boolean {
  if (!isPodServing(pod)) return false;
  return statusesOf(pod).every((s) => {
    const started = s.state?.running?.startedAt;
    return !!started && r.nowMs - Date.parse(started) > CRASH_AFTER_MS;
  });
}

const livePods = (r: ClusterReader, d: KubeObject) => r.podsOf(d).filter((p) => !p.metadata.deletionTimestamp);

/** The one live pod of the Deployment, settled; or what to wait for. */
function settledPod(r: ClusterReader, d: KubeObject): KubeObject | CheckResult {
  const pods = livePods(r, d);
  const name = d.metadata.name ?? '';
  const pod = pods[0];
  if (!pod) return missing(tx(`\`${name}\` has no pod yet.`, `\`${name}\` 还没有 Pod。`));
  if (pods.length > 1)
    return missing(
      tx(
        `Waiting for \`${name}\` to settle on one pod (${names(pods, ', ')}).`,
        `正在等待 \`${name}\` 只剩一个 Pod（${names(pods, '、')}）。`,
      ),
    );
  if (!settled(r, pod))
    return missing(
      tx(
        `\`${pod.metadata.name ?? ''}\` is not steadily Running yet (RESTARTS ${restartsOf(pod)}): give it a few seconds.`,
        `\`${pod.metadata.name ?? ''}\` 还没有稳定地 Running（RESTARTS ${restartsOf(pod)}）：再等几秒。`,
      ),
    );
  return pod;
}

/** The pod of `d` settled after exactly the expected restarts (0: found the file at once; 1: wrote it, crashed once). */
function settledWith(r: ClusterReader, d: KubeObject, restarts: 0 | 1): CheckResult {
  const pod = settledPod(r, d);
  if (isResult(pod)) return pod;
  const n = restartsOf(pod);
  if ((restarts === 0 && n === 0) || (restarts === 1 && n >= 1)) return ok;
  const name = pod.metadata.name ?? '';
  return restarts === 0
    ? missing(
        tx(
          `\`${name}\` restarted ${n} time(s): it did not find /data/hello when it started.`,
          `\`${name}\` 重启了 ${n} 次：它启动时没有找到 /data/hello。`,
        ),
      )
    : missing(
        tx(
          `\`${name}\` has not restarted: it found /data/hello at once. This step expects a pod that starts with an empty volume.`,
          `\`${name}\` 没有重启：它一启动就找到了 /data/hello。这一步需要一个从空 Volume 开始的 Pod。`,
        ),
      );
}

/** The learner's last deletion of a pod of the Deployment (`kubectl delete pod …`). */
function deletedPod(r: ClusterReader, app: string): string | undefined {
  return lastClientWrite(r, (e) => e.kind === 'Pod' && e.name.startsWith(`${app}-`) && isDeletion(e))?.name;
}

/** A pod of `app` the learner deleted, and a live one that replaced it. */
function replaced(r: ClusterReader, d: KubeObject, app: string): CheckResult {
  const gone = deletedPod(r, app);
  if (!gone)
    return missing(
      tx(
        `Delete the pod of \`${app}\`: \`kubectl delete pod -l app=${app}\`.`,
        `删除 \`${app}\` 的 Pod：\`kubectl delete pod -l app=${app}\`。`,
      ),
    );
  if (livePods(r, d).some((p) => p.metadata.name === gone))
    return missing(tx(`\`${gone}\` is still there.`, `\`${gone}\` 还在。`));
  return ok;
}

function findPc(r: ClusterReader): KubeObject | CheckResult {
  return found(r.pod(NS, PC), 'Pod', PC);
}

/** What the replacement pod printed: `found /data/hello: hello from <writer>`, as kubectl logs would show. */
const foundLine = (writer: string) => `found /data/hello: hello from ${writer}`;

function podOn(r: ClusterReader, d: KubeObject | undefined): { name: string; node: string; restarts: number } {
  const pod = d ? livePods(r, d)[0] : undefined;
  return {
    name: pod?.metadata.name ?? '?',
    node: (pod && nodeNameOf(pod)) ?? '?',
    restarts: pod ? restartsOf(pod) : 0,
  };
}

function lastExit(r: ClusterReader, d: KubeObject | undefined): number {
  const pod = d ? livePods(r, d)[0] : undefined;
  return (pod && statusesOf(pod)[0]?.lastState?.terminated?.exitCode) ?? 1;
}

export const volumes: Lesson = {
  id: 'volumes',
  number: 13,
  title: tx('Volumes', 'Volume'),
  summary: tx(
    'Two containers share an emptyDir; a container that crashes finds its data again, a new pod does not; a hostPath keeps data on its node — and only there.',
    '两个容器共享一个 emptyDir；崩溃重启的容器还能找回数据，新的 Pod 却不能；hostPath 把数据留在节点上——也只留在那个节点上。',
  ),
  start: {},
  steps: [
    {
      id: 'shared',
      hints: [
        tx(
          'Apply `producer-consumer.yml` (**Show solution**, then **Apply**), then `kubectl logs producer-consumer consumer`.',
          'apply `producer-consumer.yml`（先点 **查看答案**，再点 **Apply**），然后执行 `kubectl logs producer-consumer consumer`。',
        ),
        tx(
          'One volume, `shared-volume`, mounted at `/producer_dir` in one container and at `/consumer_dir` in the other.',
          '同一个 Volume `shared-volume`，在一个容器里挂到 `/producer_dir`，在另一个容器里挂到 `/consumer_dir`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'producer-consumer.yml' },
      check: (r) => {
        const pod = findPc(r);
        if (isResult(pod)) return pod;
        const shared = volumesOf(pod, 'emptyDir').filter((v) => mountersOf(pod, v).length >= 2);
        if (!shared.length)
          return missing(
            tx(
              `\`${PC}\` has no emptyDir volume mounted by both containers.`,
              `\`${PC}\` 中没有被两个容器同时挂载的 emptyDir Volume。`,
            ),
          );
        if (!isPodServing(pod))
          return missing(
            tx(`Waiting for \`${PC}\` to be Running, 2/2 Ready.`, `正在等待 \`${PC}\` Running 且 2/2 Ready。`),
          );
        return ok;
      },
      explain: (r) => {
        const pod = r.pod(NS, PC);
        const node = (pod && nodeNameOf(pod)) ?? '?';
        return tx(
          `\`kubectl logs ${PC} consumer\` prints **hello world**: the consumer read a file the producer wrote. When the pod was placed on **${node}**, the kubelet there made an empty directory for \`shared-volume\` and mounted it into both containers, at \`/producer_dir\` and at \`/consumer_dir\` — as \`docker run -v /producer_dir\` and \`docker run -v /consumer_dir\` on one host directory would. An emptyDir belongs to the pod: every container of the pod can mount it, and it lives exactly as long as the pod.`,
          `\`kubectl logs ${PC} consumer\` 输出了 **hello world**：consumer 读到了 producer 写的文件。Pod 被分配到 **${node}** 后，那里的 kubelet 为 \`shared-volume\` 创建了一个空目录，并把它同时 mount 到两个容器中，分别是 \`/producer_dir\` 和 \`/consumer_dir\`——效果相当于对同一个 Host 目录执行 \`docker run -v /producer_dir\` 和 \`docker run -v /consumer_dir\`。emptyDir 属于 Pod：Pod 中的所有容器都可以访问它，它的生命周期与 Pod 一致。`,
        );
      },
    },
    {
      id: 'restart',
      hints: [
        tx(
          'Apply `cache-demo.yml`, then watch `kubectl get pods -l app=cache-demo` for about 30 seconds.',
          'apply `cache-demo.yml`，然后用大约 30 秒观察 `kubectl get pods -l app=cache-demo`。',
        ),
        tx(
          '`kubectl logs deploy/cache-demo --previous` shows what the crashed container printed; without `--previous`, the running one.',
          '`kubectl logs deploy/cache-demo --previous` 显示崩溃的那个容器输出了什么；去掉 `--previous` 则是正在运行的容器。',
        ),
      ],
      solution: { kind: 'manifest', file: 'cache-demo.yml' },
      check: (r) => {
        const d = findDeployment(r, CACHE);
        if (isResult(d)) return d;
        if (!volumesOf(d, 'emptyDir').length)
          return missing(
            tx(`\`${CACHE}\` should keep /data on an emptyDir.`, `\`${CACHE}\` 应当把 /data 放在 emptyDir 上。`),
          );
        return settledWith(r, d, 1);
      },
      explain: (r) => {
        const d = r.deployment(NS, CACHE);
        const p = podOn(r, d);
        return tx(
          `The first container of \`${p.name}\` found no /data/hello, wrote it and exited with code ${lastExit(r, d)}. The kubelet restarted it in the same pod (\`restartPolicy: Always\`): RESTARTS ${p.restarts}. The new container found the file — \`kubectl logs deploy/${CACHE}\` prints \`${foundLine(p.name)}\` — so it kept running. A container restart starts from the image again and loses everything written inside the container, but not what it wrote to a volume: the emptyDir belongs to the pod, not to the container.`,
          `\`${p.name}\` 的第一个容器没有找到 /data/hello，于是写入这个文件，然后以退出码 ${lastExit(r, d)} 退出。kubelet 在同一个 Pod 中重启了它（\`restartPolicy: Always\`）：RESTARTS ${p.restarts}。新容器找到了这个文件——\`kubectl logs deploy/${CACHE}\` 输出 \`${foundLine(p.name)}\`——于是一直运行下去。容器重启后从镜像重新开始，写在容器里的东西都会丢失，但写到 Volume 里的不会：emptyDir 属于 Pod，而不属于容器。`,
        );
      },
    },
    {
      id: 'pod-deleted',
      hints: [
        tx(
          '`kubectl delete pod -l app=cache-demo`: the Deployment makes a new pod at once.',
          '执行 `kubectl delete pod -l app=cache-demo`：Deployment 会立刻创建一个新 Pod。',
        ),
        tx(
          'Watch RESTARTS of the new pod: does it find /data/hello?',
          '观察新 Pod 的 RESTARTS：它找到 /data/hello 了吗？',
        ),
      ],
      solution: { kind: 'kubectl', commands: ['kubectl delete pod -l app=cache-demo'] },
      check: (r) => {
        const d = findDeployment(r, CACHE);
        if (isResult(d)) return d;
        const gone = replaced(r, d, CACHE);
        return gone.ok ? settledWith(r, d, 1) : gone;
      },
      explain: (r) => {
        const d = r.deployment(NS, CACHE);
        const p = podOn(r, d);
        const gone = deletedPod(r, CACHE) ?? '?';
        return tx(
          `The ReplicaSet replaced \`${gone}\` with \`${p.name}\`, from the same template — but the new pod got a new, empty emptyDir. It did not find /data/hello, wrote it and crashed once, as the first pod did: RESTARTS ${p.restarts}. When a pod is deleted, the kubelet deletes its emptyDir with it. Good for scratch space and for sharing files between the containers of one pod; not a place for data that must outlive the pod.`,
          `ReplicaSet 用同一个模板创建了 \`${p.name}\` 来替换 \`${gone}\`——但新 Pod 拿到的是一个全新的、空的 emptyDir。它没有找到 /data/hello，于是写入文件并崩溃了一次，和第一个 Pod 一样：RESTARTS ${p.restarts}。Pod 被删除时，kubelet 会把它的 emptyDir 一起删除。emptyDir 适合做临时空间、在同一个 Pod 的容器之间共享文件；需要比 Pod 活得更久的数据，不能放在这里。`,
        );
      },
    },
    {
      id: 'hostpath',
      hints: [
        tx(
          'Apply `hostpath-demo.yml`: the same container, with /data on a `hostPath` (`/var/local/hostpath-demo` on the node), pinned to k8s-node1.',
          'apply `hostpath-demo.yml`：同样的容器，只是 /data 换成了 `hostPath`（节点上的 `/var/local/hostpath-demo`），并且固定在 k8s-node1 上。',
        ),
        tx(
          '`kubectl get pods -l app=hostpath-demo -o wide`: the first container crashes once, like before.',
          '执行 `kubectl get pods -l app=hostpath-demo -o wide`：第一个容器同样会崩溃一次。',
        ),
      ],
      solution: { kind: 'manifest', file: 'hostpath-demo.yml', tab: 'hostpath-demo.yml' },
      check: (r) => {
        const d = findDeployment(r, HOST);
        if (isResult(d)) return d;
        if (!volumesOf(d, 'hostPath').length)
          return missing(
            tx(`\`${HOST}\` should keep /data on a hostPath.`, `\`${HOST}\` 应当把 /data 放在 hostPath 上。`),
          );
        return settledWith(r, d, 1);
      },
      explain: (r) => {
        const p = podOn(r, r.deployment(NS, HOST));
        return tx(
          `\`${p.name}\` runs on **${p.node}**. Its first container found no /data/hello, so it wrote it — this time into \`/var/local/hostpath-demo\` on **${p.node}** itself (\`type: DirectoryOrCreate\` made the directory) — and crashed once: RESTARTS ${p.restarts}. A hostPath mounts a directory of the node's own filesystem into the container. The book's example is kube-apiserver, which reads its certificates and configuration from the master this way.`,
          `\`${p.name}\` 运行在 **${p.node}** 上。它的第一个容器没有找到 /data/hello，于是写入了这个文件——这一次写进的是 **${p.node}** 本机的 \`/var/local/hostpath-demo\`（目录由 \`type: DirectoryOrCreate\` 创建）——然后崩溃了一次：RESTARTS ${p.restarts}。hostPath 把节点文件系统中的目录 mount 给容器。书中的例子是 kube-apiserver：它就是这样从 master 上读取证书和配置的。`,
        );
      },
    },
    {
      id: 'hostpath-kept',
      hints: [
        tx(
          '`kubectl delete pod -l app=hostpath-demo`, then look at the new pod’s RESTARTS and its logs.',
          '执行 `kubectl delete pod -l app=hostpath-demo`，然后看新 Pod 的 RESTARTS 和日志。',
        ),
        tx('The nodeSelector brings the new pod back to k8s-node1.', 'nodeSelector 会让新 Pod 回到 k8s-node1。'),
      ],
      solution: { kind: 'kubectl', commands: ['kubectl delete pod -l app=hostpath-demo'] },
      check: (r) => {
        const d = findDeployment(r, HOST);
        if (isResult(d)) return d;
        const gone = replaced(r, d, HOST);
        if (!gone.ok) return gone;
        const pod = livePods(r, d)[0];
        if (pod && nodeNameOf(pod) && nodeNameOf(pod) !== NODE1)
          return missing(
            tx(
              `The new pod runs on ${nodeNameOf(pod) ?? ''}; keep \`${HOST}\` on ${NODE1} for this step.`,
              `新 Pod 运行在 ${nodeNameOf(pod) ?? ''} 上；这一步请让 \`${HOST}\` 留在 ${NODE1}。`,
            ),
          );
        return settledWith(r, d, 0);
      },
      explain: (r) => {
        const p = podOn(r, r.deployment(NS, HOST));
        const gone = deletedPod(r, HOST) ?? '?';
        return tx(
          `\`${p.name}\` is a new pod on **${p.node}**, and it found the file at once — RESTARTS ${p.restarts}, and \`kubectl logs deploy/${HOST}\` prints \`${foundLine(gone)}\`, the name of the pod you deleted. A hostPath is not deleted with the pod: the directory belongs to the node. Handy for system agents that read the node's files; risky for applications: the data is tied to one machine.`,
          `\`${p.name}\` 是 **${p.node}** 上的一个新 Pod，它一启动就找到了文件——RESTARTS ${p.restarts}，\`kubectl logs deploy/${HOST}\` 输出 \`${foundLine(gone)}\`，也就是你删除的那个 Pod 的名字。hostPath 不会随 Pod 一起删除：那个目录属于节点。对需要读取节点文件的系统组件来说很方便；对应用来说则有风险：数据和某一台机器绑在了一起。`,
        );
      },
    },
    {
      id: 'other-node',
      hints: [
        tx(
          'Apply `hostpath-demo-node2.yml`: the same Deployment with `kubernetes.io/hostname: k8s-node2` in its nodeSelector.',
          'apply `hostpath-demo-node2.yml`：同一个 Deployment，只是 nodeSelector 改成了 `kubernetes.io/hostname: k8s-node2`。',
        ),
        tx(
          'Does the pod on k8s-node2 find /data/hello? Watch RESTARTS.',
          'k8s-node2 上的 Pod 能找到 /data/hello 吗？观察 RESTARTS。',
        ),
      ],
      solution: { kind: 'manifest', file: 'hostpath-demo-node2.yml', tab: 'hostpath-demo.yml' },
      check: (r) => {
        const d = findDeployment(r, HOST);
        if (isResult(d)) return d;
        if (podSpecOf(d).nodeSelector?.['kubernetes.io/hostname'] !== NODE2)
          return missing(
            tx(
              `\`${HOST}\` should select \`kubernetes.io/hostname: ${NODE2}\`.`,
              `\`${HOST}\` 的 nodeSelector 应当是 \`kubernetes.io/hostname: ${NODE2}\`。`,
            ),
          );
        const pod = settledPod(r, d);
        if (isResult(pod)) return pod;
        if (nodeNameOf(pod) !== NODE2)
          return missing(tx(`Waiting for the pod on ${NODE2}.`, `正在等待 ${NODE2} 上的 Pod。`));
        return settledWith(r, d, 1);
      },
      explain: (r) => {
        const p = podOn(r, r.deployment(NS, HOST));
        return joinText([
          tx(
            `The new template rolled out a pod on **${p.node}**: \`${p.name}\`. \`/var/local/hostpath-demo\` there was empty, so it wrote its own /data/hello and crashed once: RESTARTS ${p.restarts}. The file from before is still on **${NODE1}**, where no pod of \`${HOST}\` runs now.`,
            `新模板通过滚动更新在 **${p.node}** 上创建了 \`${p.name}\`。那里的 \`/var/local/hostpath-demo\` 是空的，所以它写了自己的 /data/hello，并崩溃了一次：RESTARTS ${p.restarts}。之前的文件仍然在 **${NODE1}** 上，而现在那里没有 \`${HOST}\` 的 Pod。`,
          ),
          tx(
            '\nSo a hostPath follows the node, not the pod. Data that must follow the pod wherever the scheduler puts it lives outside the nodes, on storage every node can reach: that is what PersistentVolumes are for (next lesson).',
            '\n所以 hostPath 跟着节点走，而不是跟着 Pod 走。要让数据跟着 Pod，不管调度器把它放到哪里，数据就得放在节点之外、每个节点都能访问的存储上：这正是 PersistentVolume 的用途（下一课）。',
          ),
        ]);
      },
    },
  ],
};
