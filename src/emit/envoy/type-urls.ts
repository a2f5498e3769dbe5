/** Filter names and v3 type URLs of everything the rendered bootstrap uses (v2 URLs no longer load). */
export const FILTER = {
  hcm: 'envoy.filters.network.http_connection_manager',
  awsLambda: 'envoy.filters.http.aws_lambda',
  awsRequestSigning: 'envoy.filters.http.aws_request_signing',
  router: 'envoy.filters.http.router',
  upstreamCodec: 'envoy.filters.http.upstream_codec',
  tls: 'envoy.transport_sockets.tls',
  tlsInspector: 'envoy.filters.listener.tls_inspector',
  httpProtocolOptions: 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
} as const;

const url = (name: string) => `type.googleapis.com/${name}`;

export const TYPE = {
  hcm: url('envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager'),
  awsLambda: url('envoy.extensions.filters.http.aws_lambda.v3.Config'),
  awsLambdaPerRoute: url('envoy.extensions.filters.http.aws_lambda.v3.PerRouteConfig'),
  awsRequestSigning: url('envoy.extensions.filters.http.aws_request_signing.v3.AwsRequestSigning'),
  router: url('envoy.extensions.filters.http.router.v3.Router'),
  upstreamCodec: url('envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec'),
  upstreamTls: url('envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext'),
  downstreamTls: url('envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext'),
  httpProtocolOptions: url('envoy.extensions.upstreams.http.v3.HttpProtocolOptions'),
  stdoutAccessLog: url('envoy.extensions.access_loggers.stream.v3.StdoutAccessLog'),
  fixedHeap: url('envoy.extensions.resource_monitors.fixed_heap.v3.FixedHeapConfig'),
  tlsInspector: url('envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector'),
} as const;
