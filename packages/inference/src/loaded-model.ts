import { mapModelIo } from './model-io';
import type {
  ModelConfig,
  ModelIo,
  ModelRunner,
  Provider,
  RunOptions,
  TensorMap,
  ValueInfo,
} from './types';

/**
 * What every loaded model describes, whether one session (`InferenceModel`) or a pool of them (`WorkerPool`): its
 * inputs and outputs, their Hugging Face roles in `io`, its `config.json` and the provider it runs on.
 */
export abstract class LoadedModel implements ModelRunner {
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly io: ModelIo;
  readonly config: ModelConfig | undefined;
  readonly provider: Provider;

  protected constructor(
    values: { readonly inputs: readonly ValueInfo[]; readonly outputs: readonly ValueInfo[] },
    provider: Provider,
    config: ModelConfig | undefined,
  ) {
    this.inputs = values.inputs;
    this.outputs = values.outputs;
    this.io = mapModelIo(values.inputs, values.outputs);
    this.config = config;
    this.provider = provider;
  }

  abstract run(feeds: TensorMap, options?: RunOptions): Promise<TensorMap>;
}
