import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const require = createRequire(import.meta.url);
const xds = join(dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');
const INCLUDE = [join(xds, 'envoy-api'), join(xds, 'xds'), join(xds, 'protoc-gen-validate'), join(xds, 'googleapis'), dirname(require.resolve('protobufjs/package.json')), dirname(fileURLToPath(import.meta.url))];

// Every message the rendered bootstraps name in an `@type`, and the bootstrap itself.
const FILES = [
  'envoy/config/bootstrap/v3/bootstrap.proto',
  'envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto',
  'envoy/extensions/filters/http/aws_lambda/v3/aws_lambda.proto',
  'envoy/extensions/filters/http/aws_request_signing/v3/aws_request_signing.proto',
  'envoy/extensions/filters/http/router/v3/router.proto',
  'envoy/extensions/filters/http/upstream_codec/v3/upstream_codec.proto',
  'envoy/extensions/transport_sockets/tls/v3/tls.proto',
  'envoy/extensions/upstreams/http/v3/http_protocol_options.proto',
  'envoy/extensions/access_loggers/stream/v3/stream.proto',
  'envoy/extensions/resource_monitors/fixed_heap/v3/fixed_heap.proto',
  'envoy/extensions/filters/listener/tls_inspector/v3/tls_inspector.proto',
  'aws-credential-provider.proto',
];

let loaded: Promise<protobuf.Root> | undefined;

/** Envoy's API as @grpc/grpc-js-xds pins it, plus exactly the 1.35 credential-provider messages. */
export function envoyProtos(): Promise<protobuf.Root> {
  loaded ??= (async () => {
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => {
      if (target in protobuf.common) return target;
      for (const dir of INCLUDE) if (existsSync(join(dir, target))) return join(dir, target);
      return target;
    };
    await root.load(FILES, { keepCase: true });
    root.resolveAll();
    const credentialProvider = new protobuf.Field('credential_provider', 8, 'envoy.extensions.common.aws.v3.AwsCredentialProvider');
    root.lookupType('envoy.extensions.filters.http.aws_request_signing.v3.AwsRequestSigning').add(credentialProvider);
    credentialProvider.resolve();
    return root;
  })();
  return loaded;
}
