import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/cli/config-file';
import { loadYaml } from '../../src/source/yaml-library';
import { refusal } from '../helpers/refusal';

// .gwctl.yaml read strictly: each setting checked by its kind, paths kept inside the file's folder
let parse: (text: string) => unknown;
beforeAll(async () => {
  parse = (await loadYaml()).parse;
});
const read = (text: string) => readConfig('/repo/.gwctl.yaml', parse(text));
const refused = (text: string) => refusal(() => read(text));

describe('the configuration file', () => {
  it('gives each setting to its option, paths resolved from the file\'s folder', () => {
    const settings = read('inputs: [gloo]\nexclude: ["drafts/**"]\ncontext: [shared]\nsuppress: [GW4015]\nfailSeverity: warning\nminSeverity: error\nbaseline: .base.json\ndocsUrl: "https://example.com/d x"\nrender: {target: gloo, outputFormat: json, envoyForm: listener, listen: "0.0.0.0:8080", routeTimeout: 15s, caFile: /etc/ca.pem, namespace: gw, awsSecret: aws}\ntest: {tests: [t.yaml], failUnder: 90}\n');
    expect(Object.fromEntries(settings)).toEqual({
      inputs: ['/repo/gloo'],
      excludePath: ['drafts/**'],
      context: ['/repo/shared'],
      suppress: ['GW4015'],
      failSeverity: 'warning',
      minSeverity: 'error',
      baseline: '/repo/.base.json',
      docsUrl: 'https://example.com/d%20x',
      target: 'gloo',
      outputFormat: 'json',
      envoyForm: 'listener',
      listen: '0.0.0.0:8080',
      routeTimeout: '15s',
      caFile: '/etc/ca.pem',
      namespace: 'gw',
      awsSecret: 'aws',
      tests: ['/repo/t.yaml'],
      failUnder: 90,
    });
  });

  it('refuses what it does not know, and each value not of its kind, naming the setting', () => {
    expect(refused('- a\n')).toBe('/repo/.gwctl.yaml: the file: expected a mapping of settings');
    expect(refused('inptus: [a]\n')).toBe('/repo/.gwctl.yaml: inptus: unknown setting (expected one of inputs, exclude, context, suppress, failSeverity, minSeverity, baseline, docsUrl, render, test)');
    expect(refused('render: {taget: gloo}\n')).toBe('/repo/.gwctl.yaml: render.taget: unknown setting (expected one of target, outputFormat, envoyForm, listen, routeTimeout, caFile, namespace, awsSecret)');
    expect(refused('render: gloo\n')).toBe('/repo/.gwctl.yaml: render: expected a mapping');
    expect(refused('inputs: gloo\n')).toBe('/repo/.gwctl.yaml: inputs: expected a list of strings');
    expect(refused('suppress: [GW4015, 3]\n')).toBe('/repo/.gwctl.yaml: suppress: expected a list of strings');
    expect(refused('failSeverity: fatal\n')).toBe('/repo/.gwctl.yaml: failSeverity: expected error, warning or info');
    expect(refused('minSeverity: 1\n')).toBe('/repo/.gwctl.yaml: minSeverity: expected a string');
    expect(refused('render: {target: istio}\n')).toBe('/repo/.gwctl.yaml: render.target: expected one of envoy, gloo, gateway-api, iam');
    expect(refused('docsUrl: "file:///etc/passwd"\n')).toBe('/repo/.gwctl.yaml: docsUrl: expected an http:// or https:// URL, got file:///etc/passwd');
  });

  it('a percentage from 0 to 100: not above, not below, not .nan, which no coverage is below', () => {
    expect(read('test: {failUnder: 0}\n').get('failUnder')).toBe(0);
    expect(read('test: {failUnder: 100}\n').get('failUnder')).toBe(100);
    for (const v of ['100.5', '-1', '.nan', '.inf', '"90"']) expect(refused(`test: {failUnder: ${v}}\n`), v).toBe('/repo/.gwctl.yaml: test.failUnder: expected a percentage from 0 to 100');
  });

  it('a path outside the file\'s folder is refused: a pull request\'s configuration names the repository\'s files', () => {
    expect(refused('context: [../secrets]\n')).toBe('/repo/.gwctl.yaml: context: ../secrets is outside the folder of the configuration file; give paths outside it on the command line');
    expect(refused('baseline: /etc/passwd\n')).toBe('/repo/.gwctl.yaml: baseline: /etc/passwd is outside the folder of the configuration file; give paths outside it on the command line');
    expect(refused('test: {tests: [../../t.yaml]}\n')).toMatch(/test.tests: \.\.\/\.\.\/t\.yaml is outside the folder/);
  });
});
