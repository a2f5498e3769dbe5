import { finding, type Finding } from '../diagnostics/finding';
import type { Resource } from '../load/resource';
import { anchorIn } from '../load/resource';
import type { Model } from '../model/types';
import { whyNoRoutes } from '../model/why-no-routes';
import type { SourceFile } from '../source/source-file';

/**
 * GW7020 when the model serves no route at all: the output is then a valid configuration that answers
 * every request 404 (Envoy, a Gloo Edge proxy without VirtualServices, a Gateway without HTTPRoutes) or
 * grants nothing (IAM), and deploying it in place of a working gateway takes that gateway's traffic
 * down. Rendering the wrong folder (the gateways' without the teams' tables, or a team's tables without
 * the VirtualGateway they attach to) gives exactly that, and used to be written with "no problems".
 * Not said when the input holds no Gloo resource at all: GW1017 says that.
 */
export function emptyOutput(model: Model, all: readonly Resource[], target: EmptyTarget, contextFiles: ReadonlySet<SourceFile> = new Set()): Finding[] {
  const none = whyNoRoutes(model);
  if (all.length === 0 || none === null) return [];
  // said at a resource of the files reported on: a finding in a --context file is not reported
  const reported = all.filter((r) => !contextFiles.has(r.doc.file));
  const resources = reported.length ? reported : all;
  const gateway = resources.find((r) => r.kind === 'VirtualGateway');
  const table = resources.find((r) => r.kind === 'RouteTable');
  // the resources' data is released by now (releaseData): what they are and where is all there is to read
  const why = all.some((r) => r.kind === 'RouteTable') ? none : 'the input holds no RouteTable';
  const at = gateway ?? table ?? resources[0]!;
  return [finding('GW7020', { target: TARGETS[target].name, why, effect: TARGETS[target].effect }, anchorIn(at, '/metadata/name'), { resource: at.ref })];
}

export type EmptyTarget = 'envoy' | 'gloo' | 'gateway-api' | 'iam';

const TARGETS: Record<EmptyTarget, { name: string; effect: string }> = {
  envoy: { name: 'Envoy', effect: 'deployed, it answers every request 404' },
  gloo: { name: 'Gloo Edge', effect: 'deployed, it answers every request 404' },
  'gateway-api': { name: 'the Gateway API', effect: 'deployed, the Gateway answers every request 404' },
  iam: { name: 'IAM', effect: 'its policies allow the gateway to invoke no function' },
};
