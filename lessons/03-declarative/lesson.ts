/**
 * Lesson 3, "Declarative API and reconcile" (seed 001's configuration-management
 * article; seed 004): create vs apply, spec vs status, then the article's
 * level-triggered example — stop the controller manager, change the image
 * v1 → v2 → v3, start it, and see it go straight to v3 with one new ReplicaSet.
 */
import { imageOf, isRolledOut, joinText, tx, workloadState } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text } from '../../core/check/index.ts';
import { LAST_APPLIED } from '../../core/manifest/apply.ts';
import { allPodsReady, deploymentStory, findDeployment, isResult, sinceClientWrite } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const NAME = 'nginx-deployment';
const TAB = 'nginx-deployment.yaml';
const V2 = 'nginx:1.8';
const V3 = 'nginx:1.9.1';

/** Entries since the learner's last change to the Deployment. */
function sinceLastChange(r: ClusterReader): number {
  return sinceClientWrite(r, 'Deployment', NAME);
}

/** A ReplicaSet was made for v2: the controller manager saw the image change it was meant to miss. */
function sawV2(r: ClusterReader, d: KubeObject): CheckResult | undefined {
  const rs = r.replicaSetsOf(d).find((x) => imageOf(x) === V2);
  if (!rs) return undefined;
  return missing(
    tx(
      `ReplicaSet \`${rs.metadata.name ?? ''}\` runs ${V2}: the controller manager was running when the image changed to v2. **Reset the lesson** to try again with it stopped.`,
      `ReplicaSet \`${rs.metadata.name ?? ''}\` 运行的是 ${V2}：镜像改成 v2 时 controller manager 还在运行。请 **重置本课**，在它停止时再试一次。`,
    ),
  );
}

const cmRunning = missing(
  tx(
    'The controller manager is running. Stop it first: **Faults → Controller manager → Stop**.',
    'controller manager 还在运行。请先停止它：**故障 → 控制器管理器 → 停止**。',
  ),
);

/** The template's image must be `want` while the controller manager is stopped. */
function imageWhileStopped(r: ClusterReader, want: string, version: string): CheckResult {
  const d = findDeployment(r, NAME);
  if (isResult(d)) return d;
  const seen = sawV2(r, d);
  if (seen) return seen;
  if (r.componentRunning('controller-manager')) return cmRunning;
  const image = imageOf(d) ?? '';
  if (image === want) return ok;
  return missing(
    tx(
      `The pod template's image is \`${image}\`; change it to \`${want}\` (${version}) and apply.`,
      `Pod 模板中的镜像是 \`${image}\`，请把它改为 \`${want}\`（${version}）后 apply。`,
    ),
  );
}

/** "spec is ahead of status": the numbers that show nobody has acted on the change. */
function specAhead(r: ClusterReader): Text {
  const d = r.deployment('default', NAME);
  if (!d) return tx('', '');
  const s = workloadState(d);
  const rss = r.replicaSetsOf(d).map((x) => `\`${x.metadata.name ?? ''}\` (${imageOf(x) ?? '?'})`);
  return tx(
    `The API server stored the new spec: \`metadata.generation\` is now ${s.generation}. But \`status.observedGeneration\` is still ${s.observedGeneration}: no controller has looked at it, so spec is ahead of status. The ReplicaSets are unchanged: ${rss.join(', ')}.`,
    `API Server 保存了新的 spec：\`metadata.generation\` 现在是 ${s.generation}。但 \`status.observedGeneration\` 仍是 ${s.observedGeneration}：还没有控制器处理过它，spec 走在了 status 前面。ReplicaSet 没有任何变化：${rss.join('、')}。`,
  );
}

function rolledToV3(r: ClusterReader): CheckResult {
  if (!r.componentRunning('controller-manager'))
    return missing(tx('The controller manager is still stopped.', 'controller manager 仍处于停止状态。'));
  const d = findDeployment(r, NAME);
  if (isResult(d)) return d;
  const seen = sawV2(r, d);
  if (seen) return seen;
  if (imageOf(d) !== V3)
    return missing(tx(`The pod template's image should be \`${V3}\`.`, `Pod 模板中的镜像应为 \`${V3}\`。`));
  const s = workloadState(d);
  if (!isRolledOut(d))
    return missing(
      tx(
        `Rolling out: ${s.updated} of ${s.desired} pods run the new template, ${s.available} available.`,
        `滚动更新中：${s.desired} 个 Pod 中已有 ${s.updated} 个使用新模板，${s.available} 个可用。`,
      ),
    );
  return allPodsReady(r, d);
}

function straightToV3(r: ClusterReader): Text {
  const d = r.deployment('default', NAME);
  const rss = d
    ? r.replicaSetsOf(d).map((x) => {
        const s = workloadState(x);
        return `\`${x.metadata.name ?? ''}\`: ${imageOf(x) ?? '?'}, ${s.desired}`;
      })
    : [];
  return joinText([
    tx(
      `On start, each controller looked at the objects as they are *now*. The Deployment controller saw a template with ${V3} and no ReplicaSet for it, and made exactly one:`,
      `启动后，每个控制器看到的都是对象 *当前* 的状态。Deployment 控制器发现模板里是 ${V3}，而且还没有对应的 ReplicaSet，于是只创建了一个：`,
    ),
    deploymentStory(r, NAME, sinceLastChange(r), 6),
    tx(
      `\nReplicaSets now (image, replicas): ${rss.join('; ')}. None for ${V2}: v2 never reached a controller. A level-triggered controller acts on the current state, not on the list of changes that led there.`,
      `\n现在的 ReplicaSet（镜像，副本数）：${rss.join('；')}。没有 ${V2} 的：v2 从未到达任何控制器。水平触发（level-triggered）的控制器依据的是当前状态，而不是导致这个状态的一连串变化。`,
    ),
  ]);
}

export const declarative: Lesson = {
  id: 'declarative',
  number: 3,
  title: tx('Declarative API and reconcile', '声明式 API 与调和'),
  summary: tx(
    'create vs apply, spec vs status — then stop the controller manager, change the image v1 → v2 → v3, start it, and see it go straight to v3.',
    'create 与 apply、spec 与 status——然后停掉 controller manager，把镜像从 v1 改到 v2 再到 v3，重新启动它，看它直接更新到 v3。',
  ),
  start: { create: ['nginx-deployment.yaml'] },
  steps: [
    {
      id: 'apply',
      hints: [
        tx(
          '`kubectl get deployment nginx-deployment -o yaml` shows the annotations; there is no `last-applied-configuration` yet.',
          '`kubectl get deployment nginx-deployment -o yaml` 可以看到 annotations；现在还没有 `last-applied-configuration`。',
        ),
        tx(
          'Load the same manifest into the editor (**Show solution**) and press **Apply**.',
          '把同一份清单载入编辑器（**查看答案**），然后点 **Apply**。',
        ),
      ],
      solution: { kind: 'manifest', file: 'nginx-deployment.yaml', tab: TAB },
      check: (r) => {
        const d = findDeployment(r, NAME);
        if (isResult(d)) return d;
        if (d.metadata.annotations?.[LAST_APPLIED]) return ok;
        return missing(
          tx(
            '`nginx-deployment` has no `kubectl.kubernetes.io/last-applied-configuration` annotation: it was made by `kubectl create` and has not been applied since.',
            '`nginx-deployment` 上没有 `kubectl.kubernetes.io/last-applied-configuration` 注解：它是用 `kubectl create` 创建的，之后还没有被 apply 过。',
          ),
        );
      },
      explain: (r) =>
        joinText([
          deploymentStory(r, NAME, sinceLastChange(r), 1),
          tx(
            '\nNothing in the spec changed, so no pod was touched. But apply wrote the annotation `last-applied-configuration`: a copy of what you applied. Next time it compares three things — your file, the last applied copy and the live object — and changes only the fields you changed or removed.',
            '\nspec 没有任何变化，所以没有动任何 Pod。但 apply 写下了 `last-applied-configuration` 注解：你所 apply 内容的一份副本。下次 apply 时，它会比较三样东西——你的文件、上次 apply 的副本和线上的对象——只修改你改动或删除了的字段。',
          ),
        ]),
    },
    {
      id: 'spec-status',
      hints: [
        tx(
          'Change `replicas: 2` to `replicas: 3` in the editor and apply.',
          '在编辑器中把 `replicas: 2` 改为 `replicas: 3`，然后 apply。',
        ),
        tx(
          'Compare `spec.replicas` with `status.readyReplicas` in `kubectl get deployment nginx-deployment -o yaml`.',
          '在 `kubectl get deployment nginx-deployment -o yaml` 中对比 `spec.replicas` 和 `status.readyReplicas`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'nginx-deployment-replicas3.yaml', tab: TAB },
      check: (r) => {
        const d = findDeployment(r, NAME);
        if (isResult(d)) return d;
        const s = workloadState(d);
        if (s.desired !== 3)
          return missing(
            tx(
              `\`spec.replicas\` is ${s.desired}; set it to 3 and apply.`,
              `\`spec.replicas\` 是 ${s.desired}，请改为 3 后 apply。`,
            ),
          );
        return allPodsReady(r, d);
      },
      explain: (r) =>
        joinText([
          tx(
            'You changed the spec (desired: 3). The controllers observed 2 and closed the gap, then wrote what they saw into status:',
            '你修改了 spec（期望 3 个）。控制器观察到的是 2 个，于是补齐差距，再把观察到的结果写进 status：',
          ),
          deploymentStory(r, NAME, sinceLastChange(r), 6),
        ]),
    },
    {
      id: 'stop-controller-manager',
      hints: [
        tx(
          'The **Faults** menu (⚡) in the dock’s header stops and starts control-plane components.',
          'dock 标题栏中的 **故障** 菜单（⚡）可以停止和启动控制平面组件。',
        ),
      ],
      solution: {
        kind: 'action',
        description: tx(
          'In the dock’s header, open **Faults** (⚡) and press **Stop** next to **Controller manager**.',
          '在 dock 标题栏中打开 **故障**（⚡），点 **控制器管理器** 旁边的 **停止**。',
        ),
        solve: (cluster) => cluster.stop('controller-manager'),
      },
      check: (r) => (r.componentRunning('controller-manager') ? cmRunning : ok),
    },
    {
      id: 'image-v2',
      hints: [
        tx(`In the editor, change the image to \`${V2}\` and apply.`, `在编辑器中把镜像改为 \`${V2}\`，然后 apply。`),
      ],
      solution: { kind: 'manifest', file: 'nginx-deployment-v2.yaml', tab: TAB },
      check: (r) => imageWhileStopped(r, V2, 'v2'),
      explain: specAhead,
    },
    {
      id: 'image-v3',
      hints: [
        tx(
          `Change the image again, to \`${V3}\`, and apply — the controller manager stays stopped.`,
          `再把镜像改为 \`${V3}\` 并 apply——controller manager 保持停止。`,
        ),
      ],
      solution: { kind: 'manifest', file: 'nginx-deployment-v3.yaml', tab: TAB },
      check: (r) => imageWhileStopped(r, V3, 'v3'),
      explain: specAhead,
    },
    {
      id: 'start-controller-manager',
      hints: [
        tx(
          'Start **Controller manager** in **Faults** (⚡), then watch the ReplicaSets: `kubectl get rs -o wide`.',
          '在 **故障**（⚡）中启动 **控制器管理器**，然后观察 ReplicaSet：`kubectl get rs -o wide`。',
        ),
      ],
      solution: {
        kind: 'action',
        description: tx(
          'In the dock’s header, open **Faults** (⚡) and press **Start** next to **Controller manager**; then run `kubectl get rs -o wide`.',
          '在 dock 标题栏中打开 **故障**（⚡），点 **控制器管理器** 旁边的 **启动**；然后运行 `kubectl get rs -o wide`。',
        ),
        solve: (cluster) => cluster.start('controller-manager'),
      },
      check: rolledToV3,
      explain: straightToV3,
    },
  ],
};
