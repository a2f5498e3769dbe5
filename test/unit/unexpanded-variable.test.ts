import { describe, expect, it } from 'vitest';
import { unexpandedVariableNote } from '../../src/text/unexpanded-variable';
import PATTERNS from '../../schemas/source/patterns.json';

describe('a shell variable left in a value (the note of GW2006)', () => {
  it('names the forms guides and Flux write: ${NAME}, ${name:=default}, ${NAME:-default}, $NAME', () => {
    for (const whole of ['${CLUSTER_NAME}', '${cluster_name:=cluster1}', '${REGION:-us-east-1}', '$ACCOUNT_ID', '$LATEST_VERSION']) {
      expect(unexpandedVariableNote(whole), whole).toBe(', a shell variable never expanded (kubectl sends the text as written)');
    }
    expect(unexpandedVariableNote('arn:aws:iam::${ACCOUNT_ID}:role/invoker')).toBe(', which holds the shell variable `${ACCOUNT_ID}` never expanded (kubectl sends the text as written)');
    expect(unexpandedVariableNote('team-$TEAM')).toBe(', which holds the shell variable `$TEAM` never expanded (kubectl sends the text as written)');
  });

  it('reads a default up to 256 characters, so that a value of many unclosed `${a:-` costs linear work', () => {
    expect(unexpandedVariableNote(`\${A:-${'x'.repeat(256)}}`)).toBe(', a shell variable never expanded (kubectl sends the text as written)');
    expect(unexpandedVariableNote(`\${A:-${'x'.repeat(257)}}`)).toBe('');
    expect(unexpandedVariableNote('${a:-'.repeat(20_000))).toBe('');
  });

  it('says nothing of $LATEST (Lambda\'s qualifier), of a lone $ or brace, or of what is not text', () => {
    for (const none of ['$LATEST', 'fn:$LATEST', '$', '${', '${}', '$1', '${1}', 'a{b}', '$lower', 'cluster1', '']) expect(unexpandedVariableNote(none), none).toBe('');
    for (const none of [42, true, null, undefined, ['${A}'], { a: '${A}' }]) expect(unexpandedVariableNote(none)).toBe('');
  });

  it('the cluster pattern takes a KubernetesCluster\'s name or nothing, and no variable', () => {
    const cluster = new RegExp(PATTERNS.clusterName.pattern);
    for (const ok of ['', 'cluster1', 'mgmt-cluster', 'eu.west.1']) expect(cluster.test(ok), ok).toBe(true);
    for (const bad of ['${CLUSTER_NAME}', '$CLUSTER_NAME', 'Cluster1', 'cluster_1', '-a', 'a-', '*', 'a b']) expect(cluster.test(bad), bad).toBe(false);
  });

  it('a Workspace\'s globs take the characters of names, * and ?, or nothing, and no variable', () => {
    const clusters = new RegExp(PATTERNS.clusterGlob.pattern);
    const namespaces = new RegExp(PATTERNS.namespaceGlob.pattern);
    for (const ok of ['', '*', 'cluster-*', 'eu.*', 'c?', 'cluster1']) expect(clusters.test(ok), ok).toBe(true);
    for (const ok of ['', '*', 'team-*', 'shop-?']) expect(namespaces.test(ok), ok).toBe(true);
    for (const bad of ['${CLUSTER_NAME}', '$CLUSTER', 'Cluster', 'a_b', 'a b', '[ab]']) expect(clusters.test(bad), bad).toBe(false);
    for (const bad of ['${NAMESPACE}', 'a.b', 'Team', 'a_b']) expect(namespaces.test(bad), bad).toBe(false);
  });
});
