import type { Config } from '../../../../config';
import type { PushEndpointOptions } from './endpoint';

/**
 * What every push endpoint of ours checks with: the public account's Token and EncodingAESKey
 * (content-matrix members are configured with the same), the configured mode and window.
 */
export function pushSettings(config: Config): Pick<PushEndpointOptions, 'token' | 'aesKey' | 'mode' | 'windowSeconds'> {
  const { mp } = config.wechat;
  return { token: mp.token, aesKey: mp.aesKey, mode: mp.pushMode, windowSeconds: mp.pushWindowSeconds };
}
