/**
 * Gloo Platform documents in flow YAML for a test's input, each ending in a newline, joined by `docs`:
 * a test states what it varies (names, labels, ports) and not the same ten lines of a Workspace, a
 * VirtualGateway or a RouteTable again.
 */
export const docs = (...documents: readonly string[]): string => documents.join('---\n');

/** A Workspace (in gloo-mesh) of one namespace in every cluster. */
export const workspaceDoc = (name: string, namespace = name): string =>
  `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: ${name}, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: '*', namespaces: [{name: ${namespace}}]}]\n`;

/** A VirtualGateway of one HTTP listener. */
export const virtualGatewayDoc = ({ name, namespace, port, labels }: { name: string; namespace: string; port: number; labels?: string }): string =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: ${name}, namespace: ${namespace}${labels ? `, labels: ${labels}` : ''}}\nspec:\n  listeners: [{port: {number: ${port}}, http: {}}]\n`;

/** A RouteTable of one host on these gateways (flow YAML references), answering every request 200 at `/status`. */
export const statusTableDoc = ({ name, namespace, host, gateways }: { name: string; namespace: string; host: string; gateways: string }): string =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  hosts: [${host}]\n  virtualGateways: ${gateways}\n  http: [{name: status, matchers: [{uri: {prefix: /status}}], directResponse: {status: 200}}]\n`;
