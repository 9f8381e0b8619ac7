/**
 * Lesson 4, "Deployments, ReplicaSets and names" (book ch.5.1.1): apply the
 * book's nginx.yml, read the names (child = parent + pod-template-hash + random
 * suffix) and ownerReferences; delete the ReplicaSet and see it come back under
 * the same name; delete the Deployment and see the garbage collector cascade.
 */
import { joinText, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text, TraceEntry } from '../../core/check/index.ts';
import { NS, allPodsReady, deploymentStory, findDeployment, isResult, lastClientWrite } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const NAME = 'nginx-deployment';
const HASH = 'pod-template-hash';

const isRsDeletion = (e: TraceEntry) =>
  e.kind === 'ReplicaSet' && e.name.startsWith(`${NAME}-`) && (e.verb === 'delete' || /\bdeleted\b/.test(e.reason));

/** The learner's deletions of the Deployment's ReplicaSets, oldest first. */
function rsDeletions(r: ClusterReader): TraceEntry[] {
  return r
    .trace({ namespace: NS, kind: 'ReplicaSet' })
    .filter((e) => isRsDeletion(e) && !/-controller$/.test(e.component));
}

const created = (o: KubeObject) => Date.parse(o.metadata.creationTimestamp ?? '') || 0;

/** The Deployment's one ReplicaSet, made after `entry`, with all pods Ready. */
function recreatedAfter(r: ClusterReader, entry: TraceEntry | undefined): KubeObject | CheckResult {
  const d = findDeployment(r, NAME);
  if (isResult(d)) return d;
  if (!entry)
    return missing(
      tx(`No ReplicaSet of \`${NAME}\` has been deleted yet.`, `\`${NAME}\` 的 ReplicaSet 还没有被删除过。`),
    );
  const rs = r.replicaSetsOf(d).at(-1);
  if (!rs || created(rs) < Date.parse(entry.time))
    return missing(
      tx('Waiting for the Deployment controller to make a ReplicaSet…', '正在等待 Deployment 控制器创建 ReplicaSet……'),
    );
  const ready = allPodsReady(r, d);
  return ready.ok ? rs : ready;
}

function ownerOf(o: KubeObject | undefined): string {
  const ref = o?.metadata.ownerReferences?.[0];
  return ref ? `${ref.kind} \`${ref.name}\`` : '—';
}

function names(r: ClusterReader): Text {
  const d = r.deployment(NS, NAME);
  const rs = d ? r.replicaSetsOf(d).at(-1) : undefined;
  const pod = rs ? r.podsOf(rs)[0] : undefined;
  const hash = rs?.metadata.labels?.[HASH] ?? '?';
  const rsName = rs?.metadata.name ?? '';
  const podName = pod?.metadata.name ?? '';
  return tx(
    `- Deployment \`${NAME}\`\n- ReplicaSet \`${rsName}\` = \`${NAME}\` + \`-${hash}\`, the label \`${HASH}=${hash}\`: a hash of the pod template. Its \`ownerReferences\` name ${ownerOf(rs)}.\n- Pod \`${podName}\` = \`${rsName}\` + five random characters. Its \`ownerReferences\` name ${ownerOf(pod)}.`,
    `- Deployment \`${NAME}\`\n- ReplicaSet \`${rsName}\` = \`${NAME}\` + \`-${hash}\`，即 label \`${HASH}=${hash}\`：Pod 模板的哈希值。它的 \`ownerReferences\` 指向 ${ownerOf(rs)}。\n- Pod \`${podName}\` = \`${rsName}\` + 五个随机字符。它的 \`ownerReferences\` 指向 ${ownerOf(pod)}。`,
  );
}

export const deployments: Lesson = {
  id: 'deployments',
  number: 4,
  title: tx('Deployments, ReplicaSets and names', 'Deployment、ReplicaSet 与命名'),
  summary: tx(
    'Apply the book’s nginx.yml and follow Deployment → ReplicaSet → Pod through names and ownerReferences; delete each level and see who brings what back.',
    'apply 书中的 nginx.yml，通过名字和 ownerReferences 追踪 Deployment → ReplicaSet → Pod；逐层删除，看谁会把什么重建起来。',
  ),
  start: {},
  steps: [
    {
      id: 'apply',
      hints: [
        tx('Load `nginx.yml` (**Show solution**) and apply it.', '载入 `nginx.yml`（**查看答案**）并 apply。'),
        tx(
          'Then `kubectl get deployment`, `kubectl get replicaset`, `kubectl get pod --show-labels`: compare the names.',
          '然后运行 `kubectl get deployment`、`kubectl get replicaset`、`kubectl get pod --show-labels`，对比它们的名字。',
        ),
      ],
      solution: { kind: 'manifest', file: 'nginx.yml' },
      check: (r) => {
        const d = findDeployment(r, NAME);
        return isResult(d) ? d : allPodsReady(r, d);
      },
      explain: (r) =>
        joinText([
          tx(
            'Three steps, as the book draws them: (1) you created the Deployment; (2) the Deployment made a ReplicaSet; (3) the ReplicaSet made the pods.',
            '和书中画的一样分三步：(1) 用户创建 Deployment；(2) Deployment 创建 ReplicaSet；(3) ReplicaSet 创建 Pod。',
          ),
          deploymentStory(r, NAME, 0, 4),
          tx(
            '\nAnd their names: *child = parent + a string*:',
            '\n再看名字：*子对象的名字 = 父对象名字 + 一段字符串*：',
          ),
          names(r),
          tx(
            '\nIn the graph, the arrows from pod to ReplicaSet to Deployment are these ownerReferences.',
            '\n拓扑图中从 Pod 指向 ReplicaSet、再指向 Deployment 的箭头，就是这些 ownerReferences。',
          ),
        ]),
    },
    {
      id: 'delete-replicaset',
      hints: [
        tx(
          'Delete the ReplicaSet, not the Deployment: `kubectl delete replicaset <name>` (Tab completes), or `kubectl delete replicaset -l app=web_server`.',
          '删除 ReplicaSet，而不是 Deployment：`kubectl delete replicaset <名字>`（按 Tab 补全），或者 `kubectl delete replicaset -l app=web_server`。',
        ),
        tx(
          'Then `kubectl get replicaset` and `kubectl get pod`: compare names with before.',
          '然后运行 `kubectl get replicaset` 和 `kubectl get pod`，和之前的名字对比。',
        ),
      ],
      solution: {
        kind: 'kubectl',
        commands: ['kubectl get replicaset', 'kubectl delete replicaset -l app=web_server', 'kubectl get replicaset'],
      },
      check: (r) => {
        const rs = recreatedAfter(r, rsDeletions(r)[0]);
        return isResult(rs) ? rs : ok;
      },
      explain: (r) => {
        const del = rsDeletions(r)[0];
        const d = r.deployment(NS, NAME);
        const rs = d ? r.replicaSetsOf(d).at(-1) : undefined;
        return joinText([
          tx(
            `You deleted ReplicaSet \`${del?.name ?? ''}\`. The garbage collector deleted its pods — their ownerReferences named it (deletion cascades down, in the background by default). The Deployment controller found no ReplicaSet for its template and made one: \`${rs?.metadata.name ?? ''}\`, **the same name**. Nothing random in it: the suffix is the hash of the pod template, and the template did not change. Only the pods got new random suffixes.`,
            `你删除了 ReplicaSet \`${del?.name ?? ''}\`。垃圾收集器随后删除了它的 Pod——这些 Pod 的 ownerReferences 指向它（删除默认在后台逐级向下传递）。Deployment 控制器发现没有与自己模板对应的 ReplicaSet，于是创建了一个：\`${rs?.metadata.name ?? ''}\`，**名字完全相同**。这里没有随机成分：后缀是 Pod 模板的哈希，而模板没有变。只有 Pod 换了新的随机后缀。`,
          ),
          deploymentStory(r, NAME, del ? del.seq - 1 : 0, 6),
        ]);
      },
    },
    {
      id: 'delete-deployment',
      hints: [
        tx(
          'The book: `kubectl delete deployment nginx-deployment` (or `kubectl delete -f nginx.yml`).',
          '书中的做法：`kubectl delete deployment nginx-deployment`（或者 `kubectl delete -f nginx.yml`）。',
        ),
      ],
      solution: {
        kind: 'kubectl',
        commands: ['kubectl delete deployment nginx-deployment', 'kubectl get replicaset,pod'],
      },
      check: (r) => {
        if (rsDeletions(r).length === 0)
          return missing(tx('First delete the ReplicaSet (the steps before).', '请先删除 ReplicaSet（前面的步骤）。'));
        if (r.deployment(NS, NAME))
          return missing(tx(`Deployment \`${NAME}\` still exists.`, `Deployment \`${NAME}\` 仍然存在。`));
        const left = r.pods(NS, { app: 'web_server' }).length;
        if (left)
          return missing(
            tx(
              `${left} pod(s) of \`${NAME}\` are still there: the garbage collector is at work.`,
              `\`${NAME}\` 还剩 ${left} 个 Pod：垃圾收集器正在处理。`,
            ),
          );
        return ok;
      },
      explain: (r) => {
        const del = lastClientWrite(r, (e) => e.kind === 'Deployment' && e.name === NAME);
        const gc = r
          .trace({ namespace: NS, sinceSeq: del?.seq ?? 0 })
          .filter((e) => e.component === 'garbage-collector-controller' && e.name.startsWith(`${NAME}-`));
        const rsGc = gc.filter((e) => e.kind === 'ReplicaSet').length;
        const podGc = new Set(gc.filter((e) => e.kind === 'Pod').map((e) => e.name)).size;
        return tx(
          `You deleted only the Deployment. The garbage collector followed the ownerReferences downwards: it deleted ${rsGc} ReplicaSet(s) that named the Deployment as owner (the current one and the old revisions), then the ${podGc} pod(s) that named those ReplicaSets. That is why one command removes everything the book's \`nginx.yml\` created.`,
          `你只删除了 Deployment。垃圾收集器沿着 ownerReferences 向下逐级处理：先删除了 ${rsGc} 个以该 Deployment 为 owner 的 ReplicaSet（当前的和旧 revision 的），再删除了以这些 ReplicaSet 为 owner 的 ${podGc} 个 Pod。所以一条命令就能删掉书中 \`nginx.yml\` 创建的全部资源。`,
        );
      },
    },
  ],
};
