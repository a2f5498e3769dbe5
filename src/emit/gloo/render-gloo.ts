import type { Model } from '../../model/types';
import type { Emitted } from '../emitted';

export interface GlooOptions {
  readonly namespace: string;
  readonly awsSecret?: { readonly namespace: string; readonly name: string } | undefined;
  readonly routeTimeout: string;
  readonly toolVersion: string;
}

export function renderGloo(_model: Model, _options: GlooOptions): Emitted {
  throw new Error('the gloo target is not implemented yet');
}
