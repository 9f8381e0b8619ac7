/**
 * Lesson 11, "Rolling update and rollback" (book ch.1.6 and ch.7): httpd
 * 2.2.31 → 2.2.32 one pod at a time (maxSurge and maxUnavailable at their 25 %
 * defaults), then the book's httpd.v1/v2/v3 files (2.4.16 → 2.4.17 → 2.4.18),
 * each with a `kubernetes.io/change-cause` annotation where the book used
 * `--record`, `kubectl rollout history`, and `kubectl rollout undo --to-revision`.
 */
import { annotation, imageOf, isRolledOut, joinText, revisionOf, tx, workloadState } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text } from '../../core/check/index.ts';
import { NS, allPodsReady, deploymentStory, findDeployment, isResult, sinceClientWrite } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing } from '../types.ts';

const NAME = 'httpd';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

function sinceLastChange(r: ClusterReader): number {
  return sinceClientWrite(r, 'Deployment', NAME);
}

/** The ReplicaSet running `image`, newest revision first. */
function rsOf(r: ClusterReader, d: KubeObject, image: string): KubeObject | undefined {
  return r
    .replicaSetsOf(d)
    .filter((rs) => imageOf(rs) === image)
    .at(-1);
}

/** The Deployment runs `image`, fully rolled out, every pod Ready. */
function rolledOutTo(r: ClusterReader, d: KubeObject, image: string, file: string): CheckResult {
  const now = imageOf(d) ?? '';
  if (now !== image)
    return missing(
      tx(
        `\`httpd\` runs \`${now}\`; apply \`${file}\` (image \`${image}\`).`,
        `\`httpd\` 运行的是 \`${now}\`；请 apply \`${file}\`（镜像 \`${image}\`）。`,
      ),
    );
  if (!isRolledOut(d)) {
    const s = workloadState(d);
    return missing(
      tx(
        `Rolling update in progress: ${s.updated} of ${s.desired} pods run \`${image}\`, ${s.available} available.`,
        `滚动更新进行中：${s.desired} 个 Pod 中有 ${s.updated} 个运行 \`${image}\`，${s.available} 个可用。`,
      ),
    );
  }
  return allPodsReady(r, d);
}

/** A step of 7.2: `file` applied, with its change-cause recorded on the new ReplicaSet. */
function recorded(r: ClusterReader, image: string, file: string): CheckResult {
  const d = findDeployment(r, NAME);
  if (isResult(d)) return d;
  const rs = rsOf(r, d, image);
  if (imageOf(d) === image && !annotation(rs ?? d, CHANGE_CAUSE))
    return missing(
      tx(
        `The new revision has no \`${CHANGE_CAUSE}\` annotation: keep the \`annotations\` of \`${file}\`.`,
        `新的 revision 没有 \`${CHANGE_CAUSE}\` 注解：请保留 \`${file}\` 中的 \`annotations\`。`,
      ),
    );
  return rolledOutTo(r, d, image, file);
}

/** The revision list as `kubectl rollout history` prints it. */
function history(r: ClusterReader, d: KubeObject): Text {
  const rows = r
    .replicaSetsOf(d)
    .map((rs) => `${revisionOf(rs)}  ${imageOf(rs) ?? '?'}  ${annotation(rs, CHANGE_CAUSE) ?? '<none>'}`);
  const block = ['```', 'REVISION  IMAGE  CHANGE-CAUSE', ...rows, '```'].join('\n');
  return tx(block, block);
}

export const rollingUpdate: Lesson = {
  id: 'rolling-update',
  number: 11,
  title: tx('Rolling update and rollback', '滚动更新与回滚'),
  summary: tx(
    'Update httpd one pod at a time, record why each revision was made, and roll back to any of them with `kubectl rollout undo`.',
    '一次替换一小部分 Pod 地更新 httpd，记录每个 revision 的原因，再用 `kubectl rollout undo` 回滚到任意一个 revision。',
  ),
  start: { apply: ['httpd.yml'] },
  steps: [
    {
      id: 'rolling-update',
      hints: [
        tx(
          'Change the image in `httpd.yml` from `httpd:2.2.31` to `httpd:2.2.32` and apply.',
          '把 `httpd.yml` 中的镜像从 `httpd:2.2.31` 改为 `httpd:2.2.32`，然后 apply。',
        ),
        tx(
          '`kubectl get replicaset -o wide` shows both ReplicaSets; `kubectl describe deployment httpd` ends with the scaling events.',
          '`kubectl get replicaset -o wide` 会显示两个 ReplicaSet；`kubectl describe deployment httpd` 的最后是扩缩容事件。',
        ),
      ],
      solution: { kind: 'manifest', file: 'httpd-2.2.32.yml', tab: 'httpd.yml' },
      check: (r) => {
        const d = findDeployment(r, NAME);
        return isResult(d) ? d : rolledOutTo(r, d, 'httpd:2.2.32', 'httpd.yml');
      },
      explain: (r) =>
        joinText([
          tx(
            'The Deployment controller made a new ReplicaSet for the new template and moved the replicas over in small steps:',
            'Deployment 控制器为新模板创建了一个新的 ReplicaSet，然后一小步一小步地把副本转移过去：',
          ),
          deploymentStory(r, NAME, sinceLastChange(r), 14),
          tx(
            '\nThe steps are bounded by two numbers of `spec.strategy.rollingUpdate`, both 25 % by default. **maxSurge** = 25 % of 3 = 0.75, rounded up: 1 pod above the 3 desired — so at most 4 pods. **maxUnavailable** = 0.75 rounded down: 0 — so 3 must stay available. Hence one new pod at a time, and an old one goes only once a new one is Ready: zero downtime.',
            '\n步子的大小由 `spec.strategy.rollingUpdate` 的两个参数决定，默认都是 25%。**maxSurge** = 3 的 25% = 0.75，向上取整为 1：最多比期望的 3 个多 1 个，即最多 4 个 Pod。**maxUnavailable** = 0.75 向下取整为 0：3 个必须始终可用。所以每次只新建一个 Pod，而且只有新 Pod Ready 之后才删除一个旧 Pod：零停机。',
          ),
        ]),
    },
    {
      id: 'record-v1',
      hints: [
        tx(
          'Load `httpd.v1.yml` (**Show solution**) and apply it. Note its `metadata.annotations`.',
          '载入 `httpd.v1.yml`（**查看答案**）并 apply。注意它的 `metadata.annotations`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'httpd.v1.yml' },
      check: (r) => recorded(r, 'httpd:2.4.16', 'httpd.v1.yml'),
      explain: (r) => {
        const d = r.deployment(NS, NAME);
        const rs = d ? rsOf(r, d, 'httpd:2.4.16') : undefined;
        return tx(
          `The Deployment controller copied the Deployment's annotations onto the new ReplicaSet \`${rs?.metadata.name ?? ''}\`, revision ${rs ? revisionOf(rs) : '?'}: \`${CHANGE_CAUSE}: ${rs ? (annotation(rs, CHANGE_CAUSE) ?? '') : ''}\`. \`kubectl rollout history\` prints that annotation as CHANGE-CAUSE. The book's \`kubectl apply --record\` wrote it for you (the command line itself); \`--record\` is deprecated now, so you write the annotation in the manifest — or run \`kubectl annotate deployment httpd kubernetes.io/change-cause="…"\` after a change.`,
          `Deployment 控制器把 Deployment 的注解复制到了新的 ReplicaSet \`${rs?.metadata.name ?? ''}\`（revision ${rs ? revisionOf(rs) : '?'}）上：\`${CHANGE_CAUSE}: ${rs ? (annotation(rs, CHANGE_CAUSE) ?? '') : ''}\`。\`kubectl rollout history\` 把这个注解显示为 CHANGE-CAUSE。书中的 \`kubectl apply --record\` 会自动写下它（内容就是那条命令）；如今 \`--record\` 已被弃用，所以要自己把注解写进清单——或者在修改之后执行 \`kubectl annotate deployment httpd kubernetes.io/change-cause="…"\`。`,
        );
      },
    },
    {
      id: 'record-v2',
      hints: [
        tx(
          'Apply `httpd.v2.yml`: image `httpd:2.4.17`, its own change-cause.',
          'apply `httpd.v2.yml`：镜像 `httpd:2.4.17`，带有自己的 change-cause。',
        ),
      ],
      solution: { kind: 'manifest', file: 'httpd.v2.yml' },
      check: (r) => recorded(r, 'httpd:2.4.17', 'httpd.v2.yml'),
    },
    {
      id: 'record-v3',
      hints: [
        tx(
          'Apply `httpd.v3.yml`, then `kubectl rollout history deployment httpd`.',
          'apply `httpd.v3.yml`，然后运行 `kubectl rollout history deployment httpd`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'httpd.v3.yml' },
      check: (r) => recorded(r, 'httpd:2.4.18', 'httpd.v3.yml'),
      explain: (r) => {
        const d = r.deployment(NS, NAME);
        return joinText([
          tx(
            'Every change of the pod template made a revision, kept as a ReplicaSet scaled to 0 (up to `revisionHistoryLimit`, 10 by default). Here they are, as `kubectl rollout history deployment httpd` lists them (plus the image):',
            '每次修改 Pod 模板都会生成一个 revision，以一个副本数为 0 的 ReplicaSet 的形式保存下来（最多保留 `revisionHistoryLimit` 个，默认 10 个）。下面就是 `kubectl rollout history deployment httpd` 列出的内容（外加镜像）：',
          ),
          d ? history(r, d) : tx('', ''),
          tx(
            'The first two have no CHANGE-CAUSE: `httpd.yml` carried no annotation. Revisions count on across files because they belong to the Deployment `httpd`, whatever file you applied.',
            '前两个没有 CHANGE-CAUSE：`httpd.yml` 里没有这个注解。revision 跨文件连续编号，因为它们属于 Deployment `httpd`，与 apply 的是哪个文件无关。',
          ),
        ]);
      },
    },
    {
      id: 'undo',
      hints: [
        tx(
          'Find the revision of `httpd.v1.yml` in `kubectl rollout history deployment httpd`.',
          '在 `kubectl rollout history deployment httpd` 中找到 `httpd.v1.yml` 对应的 revision。',
        ),
        tx(
          'Then `kubectl rollout undo deployment httpd --to-revision=<that number>` and list the history again.',
          '然后执行 `kubectl rollout undo deployment httpd --to-revision=<那个编号>`，再看一次历史。',
        ),
      ],
      solution: {
        kind: 'kubectl',
        commands: ['kubectl rollout history deployment httpd', 'kubectl rollout undo deployment httpd --to-revision=3'],
      },
      check: (r) => {
        const d = findDeployment(r, NAME);
        if (isResult(d)) return d;
        const v1 = rsOf(r, d, 'httpd:2.4.16');
        const v3 = rsOf(r, d, 'httpd:2.4.18');
        if (!v1 || !v3 || revisionOf(v1) < revisionOf(v3))
          return missing(
            tx(
              '`httpd` has not gone back to `httpd.v1.yml` (httpd:2.4.16) after v3: use `kubectl rollout undo deployment httpd --to-revision=…`.',
              '`httpd` 还没有在 v3 之后回到 `httpd.v1.yml`（httpd:2.4.16）：请使用 `kubectl rollout undo deployment httpd --to-revision=…`。',
            ),
          );
        return rolledOutTo(r, d, 'httpd:2.4.16', 'httpd.v1.yml');
      },
      explain: (r) => {
        const d = r.deployment(NS, NAME);
        return joinText([
          tx(
            '`rollout undo --to-revision` copied that revision’s pod template back into the Deployment: an ordinary rolling update, one pod at a time, back to the ReplicaSet that already existed. That revision number disappears from the list and comes back as the newest one:',
            '`rollout undo --to-revision` 把那个 revision 的 Pod 模板复制回了 Deployment：这是一次普通的滚动更新，一次一个 Pod，回到已经存在的那个 ReplicaSet。那个 revision 号从列表中消失，以最新的编号重新出现：',
          ),
          d ? history(r, d) : tx('', ''),
        ]);
      },
    },
  ],
};
