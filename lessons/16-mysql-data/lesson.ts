/**
 * Lesson 16, "A database that keeps its data" (book ch.9.3): MySQL 5.6 on the
 * book's NFS PV `mysql-pv` (Retain) through claim `mysql-pvc`; the book's
 * client session writes table `my_id` (one row, 111); the node running MySQL
 * fails, the pod is evicted after its 300 s toleration and comes back on the
 * other node, and the table is still there: the data lives on the NFS server.
 */
import { ClusterReader, isNodeReady, isPodServing, joinText, nodeNameOf, tx } from '../../core/check/index.ts';
import type { KubeObject } from '../../core/check/index.ts';
import type { Cluster } from '../../core/cluster/cluster.ts';
import { exec } from '../../core/cluster/exec.ts';
import { NS, WATCH_NODES_HINT, allPodsReady, findDeployment, isResult } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const PVC = 'mysql-pvc';
const PV = 'mysql-pv';
const APP = 'mysql';
/** The book's session: `use mysql`, then the table and its row. */
const SQL = 'use mysql; create table my_id( id int(4)); insert my_id values(111);';
const CLIENT = `mysql -uroot -ppassword -e "${SQL}"`;
/**
 * Each table is a file of its database's directory: the lab's MySQL writes `<db>/<table>.tsv`
 * (core/kubelet/images/mysql.ts), as real InnoDB writes `<db>/<table>.ibd` (innodb_file_per_table).
 */
const TABLE_FILE = '/var/lib/mysql/mysql/my_id.tsv';
const SELECT = 'mysql -uroot -ppassword -e "use mysql; select * from my_id;"';

const livePods = (r: ClusterReader, d: KubeObject) => r.podsOf(d).filter((p) => !p.metadata.deletionTimestamp);

function claim(r: ClusterReader): KubeObject | undefined {
  return r.claims(NS).find((c) => c.metadata.name === PVC);
}

/** The one serving mysql pod, or what to wait for. */
function servingPod(r: ClusterReader): KubeObject | CheckResult {
  const d = findDeployment(r, APP);
  if (isResult(d)) return d;
  const ready = allPodsReady(r, d);
  if (!ready.ok) return ready;
  return livePods(r, d)[0] ?? missing(tx('`mysql` has no pod yet.', '`mysql` 还没有 Pod。'));
}

/** The table's file, as mysqld in the pod sees it under /var/lib/mysql. */
function tableIn(r: ClusterReader, pod: KubeObject): CheckResult {
  if (r.readFile(NS, pod.metadata.name ?? '', APP, TABLE_FILE) !== undefined) return ok;
  return missing(
    tx(
      `\`${pod.metadata.name ?? ''}\` has no table \`mysql.my_id\` (no \`${TABLE_FILE}\`).`,
      `\`${pod.metadata.name ?? ''}\` 中没有表 \`mysql.my_id\`（没有 \`${TABLE_FILE}\`）。`,
    ),
  );
}

/** Nodes a pod of MySQL (live or being deleted) is bound to. */
function mysqlNodes(r: ClusterReader): string[] {
  const d = r.deployment(NS, APP);
  return [...new Set((d ? r.podsOf(d) : []).flatMap((p) => nodeNameOf(p) ?? []))];
}

/** Nodes that are not Ready, and were running MySQL. */
function failedMysqlNodes(r: ClusterReader): string[] {
  const nodes = new Set(mysqlNodes(r));
  return r
    .nodes()
    .filter((n) => nodes.has(n.metadata.name ?? '') && !isNodeReady(n))
    .map((n) => n.metadata.name ?? '');
}

/** For the self-tests: what the learner types in the terminal. */
function writeTable(cluster: Cluster): void {
  const pod = new ClusterReader(cluster).pods(NS, { app: APP }).find(isPodServing);
  if (!pod) return;
  exec(
    cluster,
    { namespace: NS, pod: pod.metadata.name ?? '', container: APP, command: ['sh', '-c', CLIENT] },
    { stdout: () => undefined, stderr: () => undefined, exit: () => undefined },
  );
}

function mysqlNode(cluster: Cluster): string | undefined {
  const pod = new ClusterReader(cluster).pods(NS, { app: APP }).find(isPodServing);
  return pod ? nodeNameOf(pod) : undefined;
}

export const mysqlData: Lesson = {
  id: 'mysql-data',
  number: 16,
  title: tx('A database that keeps its data', '保存数据的数据库'),
  summary: tx(
    'The book’s MySQL on a PersistentVolume: write a table, fail the node it runs on, and find the table again where Kubernetes moves it.',
    '书中把 MySQL 放在 PersistentVolume 上：写一张表，让它所在的节点宕机，再在 Kubernetes 把它迁移到的地方找回这张表。',
  ),
  start: { apply: ['mysql-pv.yml'] },
  steps: [
    {
      id: 'claim',
      hints: [
        tx(
          '`kubectl get pv`: the administrator has created `mysql-pv`. Apply `mysql-pvc.yml` and `kubectl get pvc`.',
          '`kubectl get pv`：管理员已经创建了 `mysql-pv`。apply `mysql-pvc.yml`，然后执行 `kubectl get pvc`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'mysql-pvc.yml' },
      check: (r) => {
        const c = claim(r);
        if (!c)
          return missing(
            tx(
              `There is no claim \`${PVC}\`: apply \`mysql-pvc.yml\`.`,
              `还没有 PVC \`${PVC}\`：请 apply \`mysql-pvc.yml\`。`,
            ),
          );
        const phase = (c.status as { phase?: string } | undefined)?.phase ?? 'Pending';
        const volume = (c.spec as { volumeName?: string } | undefined)?.volumeName;
        if (phase === 'Bound' && volume === PV) return ok;
        return missing(
          tx(
            `\`${PVC}\` is ${phase}${volume ? ` (volume ${volume})` : ''}; it should be Bound to \`${PV}\`.`,
            `\`${PVC}\` 是 ${phase}${volume ? `（卷 ${volume}）` : ''}；它应当 Bound 到 \`${PV}\`。`,
          ),
        );
      },
      explain: () =>
        tx(
          `\`${PVC}\` asked for 1Gi, ReadWriteOnce, class \`nfs\`, and \`${PV}\` offers exactly that: they are Bound. \`${PV}\` keeps its data in \`/nfsdata/mysql-pv\` on the NFS server 192.168.56.105, and its reclaim policy is **Retain**: a database's files should never be wiped because someone deleted a claim.`,
          `\`${PVC}\` 申请 1Gi、ReadWriteOnce、class \`nfs\` 的存储，\`${PV}\` 恰好满足：两者已经 Bound。\`${PV}\` 把数据保存在 NFS 服务器 192.168.56.105 的 \`/nfsdata/mysql-pv\` 中，回收策略是 **Retain**：数据库的文件绝不能因为有人删除了 PVC 就被清除。`,
        ),
    },
    {
      id: 'deploy',
      hints: [
        tx(
          'Apply `mysql.yml` (a Service and a Deployment), then `kubectl get pods -o wide` and `kubectl logs deploy/mysql`.',
          'apply `mysql.yml`（一个 Service 和一个 Deployment），然后执行 `kubectl get pods -o wide` 和 `kubectl logs deploy/mysql`。',
        ),
        tx(
          'The claim is mounted at /var/lib/mysql, where MySQL keeps its databases.',
          'PVC 被 mount 到 /var/lib/mysql，MySQL 就把数据库保存在这里。',
        ),
      ],
      solution: { kind: 'manifest', file: 'mysql.yml' },
      check: (r) => {
        const pod = servingPod(r);
        if (isResult(pod)) return pod;
        const vols = (pod.spec as { volumes?: { persistentVolumeClaim?: { claimName?: string } }[] }).volumes ?? [];
        if (!vols.some((v) => v.persistentVolumeClaim?.claimName === PVC))
          return missing(tx(`\`mysql\` does not mount \`${PVC}\`.`, `\`mysql\` 没有挂载 \`${PVC}\`。`));
        return ok;
      },
      explain: (r) => {
        const pod = r.pods(NS, { app: APP }).find(isPodServing);
        const node = (pod && nodeNameOf(pod)) ?? '?';
        return tx(
          `MySQL runs on **${node}**. The kubelet there mounted \`${PV}\` — the NFS export — at /var/lib/mysql before starting \`mysqld\`, so every database file MySQL writes goes to the NFS server, not to **${node}**'s disk. The Service \`mysql\` gives it a stable name for clients: \`mysql -h mysql\`.`,
          `MySQL 运行在 **${node}** 上。启动 \`mysqld\` 之前，那里的 kubelet 把 \`${PV}\`——也就是 NFS 共享目录——mount 到 /var/lib/mysql，所以 MySQL 写下的每个数据库文件都在 NFS 服务器上，而不在 **${node}** 的磁盘上。Service \`mysql\` 为客户端提供了一个稳定的名字：\`mysql -h mysql\`。`,
        );
      },
    },
    {
      id: 'write',
      hints: [
        tx(`\`kubectl exec deploy/mysql -- ${CLIENT}\``, `执行 \`kubectl exec deploy/mysql -- ${CLIENT}\`。`),
        tx(
          `Then read it back: \`kubectl exec deploy/mysql -- ${SELECT}\`.`,
          `然后读出来看看：\`kubectl exec deploy/mysql -- ${SELECT}\`。`,
        ),
      ],
      solution: {
        kind: 'action',
        description: tx(
          `In the terminal: \`kubectl exec deploy/mysql -- ${CLIENT}\`, then \`kubectl exec deploy/mysql -- ${SELECT}\`.`,
          `在终端中执行 \`kubectl exec deploy/mysql -- ${CLIENT}\`，然后执行 \`kubectl exec deploy/mysql -- ${SELECT}\`。`,
        ),
        solve: writeTable,
      },
      check: (r) => {
        const pod = servingPod(r);
        return isResult(pod) ? pod : tableIn(r, pod);
      },
      explain: () =>
        tx(
          `MySQL created table \`my_id\` in database \`mysql\` and stored its row, 111. Each table is a file in its database's directory — \`${TABLE_FILE}\` here (real InnoDB writes \`my_id.ibd\`) — so it landed on the NFS export: /var/lib/mysql is the volume.`,
          `MySQL 在数据库 \`mysql\` 中创建了表 \`my_id\`，并保存了一行数据 111。每张表都是所在数据库目录下的一个文件——这里是 \`${TABLE_FILE}\`（真正的 InnoDB 写的是 \`my_id.ibd\`）——所以它落在了 NFS 共享目录中：/var/lib/mysql 就是那个卷。`,
        ),
    },
    {
      id: 'fail-node',
      hints: [
        tx(
          '`kubectl get pods -o wide` shows MySQL’s node. Open **Faults** (⚡) in the dock’s header and press **Fail node** next to that node.',
          '`kubectl get pods -o wide` 可以看到 MySQL 所在的节点。打开 dock 标题栏中的 **故障**（⚡），点那个节点旁边的 **节点宕机**。',
        ),
        WATCH_NODES_HINT,
      ],
      solution: {
        kind: 'action',
        description: tx(
          'In the dock’s header open **Faults** (⚡) and press **Fail node** next to the node MySQL runs on (`kubectl get pods -o wide`); then run `kubectl get nodes` until it says NotReady.',
          '在 dock 标题栏中打开 **故障**（⚡），在 MySQL 所在节点（`kubectl get pods -o wide`）旁边点 **节点宕机**；然后运行 `kubectl get nodes`，直到它显示 NotReady。',
        ),
        solve: (cluster) => {
          const node = mysqlNode(cluster);
          if (node) cluster.failNode(node);
        },
      },
      check: (r) => {
        if (failedMysqlNodes(r).length) return ok;
        const down = mysqlNodes(r).filter((n) => !r.componentRunning('kubelet', n));
        if (down.length)
          return missing(
            tx(
              `**${down.join(', ')}** is down, but the control plane does not know yet: it waits 50 s without a heartbeat before it marks the node NotReady. Let the clock run.`,
              `**${down.join('、')}** 已经宕机，但控制平面还不知道：它要等 50 秒收不到心跳，才会把节点标记为 NotReady。让时钟继续走。`,
            ),
          );
        return missing(
          tx(
            'The node running MySQL is Ready. Fail it in **Faults** (⚡), and give the control plane 50 s to notice.',
            'MySQL 所在的节点还是 Ready 的。请在 **故障**（⚡）中让它宕机，再给控制平面 50 秒时间发现。',
          ),
        );
      },
      explain: (r) => {
        const node = failedMysqlNodes(r)[0] ?? '?';
        return tx(
          `**${node}** stopped renewing its Lease; 50 s later the node controller marked it NotReady and tainted it \`node.kubernetes.io/unreachable:NoExecute\`. MySQL's pod still shows Running — nobody can ask a machine that is off — and stays bound there for the 300 s it tolerates that taint. Meanwhile the database is down: the Service \`mysql\` has no ready endpoint.`,
          `**${node}** 不再续约它的 Lease；50 秒后，node controller 把它标记为 NotReady，并加上污点 \`node.kubernetes.io/unreachable:NoExecute\`。MySQL 的 Pod 仍显示 Running——已经关机的机器没法回答——在它容忍这个污点的 300 秒内，Pod 仍然留在那里。这段时间数据库是不可用的：Service \`mysql\` 没有就绪的 endpoint。`,
        );
      },
    },
    {
      id: 'moved',
      hints: [
        tx(
          'Fast-forward the clock (**×60** in the dock) for five minutes of cluster time, then `kubectl get pods -o wide`.',
          '把时钟快进（dock 中的 **×60**）五分钟集群时间，然后执行 `kubectl get pods -o wide`。',
        ),
        tx(
          `When the new pod runs: \`kubectl exec deploy/mysql -- ${SELECT}\`.`,
          `新 Pod 运行之后：执行 \`kubectl exec deploy/mysql -- ${SELECT}\`。`,
        ),
      ],
      solution: {
        kind: 'action',
        description: tx(
          'Fast-forward the clock with **×60** for five minutes of cluster time; then query the table again in the new pod.',
          '用 **×60** 把时钟快进五分钟集群时间；然后在新 Pod 中再次查询这张表。',
        ),
        solve: (cluster) => cluster.advance(300),
      },
      check: (r) => {
        const failed = failedMysqlNodes(r);
        if (!failed.length)
          return missing(
            tx('Fail the node running MySQL first (previous step).', '请先让 MySQL 所在的节点宕机（上一步）。'),
          );
        const pod = servingPod(r);
        if (isResult(pod)) return pod;
        if (failed.includes(nodeNameOf(pod) ?? ''))
          return missing(
            tx(
              'MySQL has not moved yet: its pod tolerates the unreachable node for 300 s. Fast-forward the clock.',
              'MySQL 还没有迁移：它的 Pod 会容忍不可达的节点 300 秒。请快进时钟。',
            ),
          );
        return tableIn(r, pod);
      },
      explain: (r) => {
        const pod = r.pods(NS, { app: APP }).find(isPodServing);
        const to = (pod && nodeNameOf(pod)) ?? '?';
        const from = failedMysqlNodes(r)[0] ?? '?';
        return joinText([
          tx(
            `After 300 s the taint-eviction controller deleted the pod on **${from}** (it stays Terminating while that kubelet is down), the ReplicaSet made \`${pod?.metadata.name ?? '?'}\`, and the scheduler put it on **${to}**. Its kubelet mounted the same claim — the same NFS export — at /var/lib/mysql, and mysqld found its files: \`select * from my_id\` still returns 111.`,
            `300 秒后，taint-eviction 控制器删除了 **${from}** 上的 Pod（在那个 kubelet 恢复之前它一直处于 Terminating），ReplicaSet 创建了 \`${pod?.metadata.name ?? '?'}\`，调度器把它放到了 **${to}**。那里的 kubelet 把同一个 PVC——同一个 NFS 共享目录——mount 到 /var/lib/mysql，mysqld 找到了自己的文件：\`select * from my_id\` 仍然返回 111。`,
          ),
          tx(
            '\nThe pod, its container, even its node were replaced; the data was never on any of them. That is what PersistentVolumes are for. (A ReadWriteOnce disk attached to the failed node — a cloud disk rather than NFS — would first have to be detached, which takes longer; and a database should run one writer at a time: for more, see StatefulSets.)',
            '\nPod、容器，甚至节点都换了；数据却从来不在它们当中。这正是 PersistentVolume 的用途。（如果是挂在故障节点上的 ReadWriteOnce 磁盘——比如云硬盘而不是 NFS——得先卸载才能挂到新节点上，时间会更长；而且数据库同一时间应当只有一个写入者：更多内容见 StatefulSet。）',
          ),
        ]);
      },
    },
  ],
};
