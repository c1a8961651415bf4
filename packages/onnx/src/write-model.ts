import { clearField, create, isFieldSet, isMessage, toBinary } from '@bufbuild/protobuf';
import { dirname, isAbsolute, join } from 'node:path';
import { checkArg, checkOptions, show } from './check-args';
import { OnnxError } from './errors';
import {
  ModelProtoSchema,
  StringStringEntryProtoSchema,
  TensorProtoSchema,
  TensorProto_DataLocation,
} from './gen/onnx_pb';
import type { ModelProto, TensorProto } from './gen/onnx_pb';
import { walkTensors } from './walk-tensors';
import { writeFileAtomic } from './write-file-atomic';

/**
 * Serialises a model to the bytes of an `.onnx` file.
 * @throws {OnnxError} `INVALID_INPUT` when the model is over protobuf's 2 GiB limit; use
 *   `writeModelFile(path, model, { externalData })` then.
 * @example writeFileSync('copy.onnx', writeModel(readModel(bytes)));
 */
export function writeModel(model: ModelProto): Uint8Array {
  checkModel('writeModel', model);
  let bytes: Uint8Array;
  try {
    bytes = toBinary(ModelProtoSchema, model);
  } catch (cause) {
    throw new OnnxError(
      'INVALID_INPUT',
      `writeModel: the model cannot be serialised (${cause instanceof Error ? cause.message : String(cause)}); a field holds a value of the wrong type`,
      { cause },
    );
  }
  if (bytes.byteLength > 2 ** 31 - 1) {
    throw new OnnxError(
      'INVALID_INPUT',
      `writeModel: the model is ${bytes.byteLength} bytes, over protobuf's 2 GiB limit; store initializers as external data`,
    );
  }
  return bytes;
}

/** Rejects anything that is not a ModelProto message, and a model without a graph. */
function checkModel(where: string, model: unknown): void {
  if (!isMessage(model, ModelProtoSchema)) {
    throw new OnnxError(
      'INVALID_INPUT',
      `${where}: model must be a ModelProto (graphToModel(graph) or readModel(bytes)), got ${show(model)}`,
    );
  }
  if (model.graph === undefined)
    throw new OnnxError(
      'MALFORMED_MODEL',
      `${where}: the model has no graph; an .onnx file needs one`,
    );
}

/** Options of {@link writeModelFile}. */
export interface WriteModelFileOptions {
  /**
   * Store large tensors in a separate file beside the model, as ONNX external data.
   * @defaultValue undefined (everything inline)
   */
  externalData?: {
    /** File name relative to the model's folder, e.g. `'model.onnx.data'`. */
    location: string;
    /**
     * Tensors of at least this many bytes go to the external file.
     * @defaultValue 1024
     */
    threshold?: number;
  };
}

/** The house atomic writer, with its fs error wrapped as the OnnxError that writeModelFile's callers expect. */
function writeModelBytes(path: string, chunks: readonly Uint8Array[]): void {
  try {
    writeFileAtomic(path, chunks);
  } catch (cause) {
    throw new OnnxError('INVALID_INPUT', `writeModelFile: cannot write '${path}'`, { cause });
  }
}

/**
 * Writes a model to an `.onnx` file atomically (temporary file, fsync, rename), optionally moving large tensors
 * to an external data file. The `model` passed in is left unchanged.
 * @throws {OnnxError} `INVALID_INPUT` when a file cannot be written; `INVALID_OPTION` when the location is not a plain
 *   relative path.
 * @example writeModelFile('bert.onnx', model, { externalData: { location: 'bert.onnx.data' } });
 */
export function writeModelFile(
  path: string,
  model: ModelProto,
  options: WriteModelFileOptions = {},
): void {
  checkArg('writeModelFile', 'path', path, 'string');
  checkModel('writeModelFile', model);
  checkOptions('writeModelFile', options, { externalData: 'object' });
  if (options.externalData !== undefined)
    checkOptions(
      'writeModelFile',
      options.externalData,
      { location: 'string', threshold: 'nonNegative' },
      {
        label: 'options.externalData',
        required: ['location'],
      },
    );
  const external = options.externalData;
  if (external === undefined) {
    writeModelBytes(path, [writeModel(model)]);
    return;
  }
  if (
    external.location === '' ||
    isAbsolute(external.location) ||
    external.location.split(/[\\/]/).includes('..')
  ) {
    throw new OnnxError(
      'INVALID_OPTION',
      `writeModelFile: externalData.location '${external.location}' must be a relative path inside the model folder`,
    );
  }
  const threshold = external.threshold ?? 1024;
  // Swap large tensors' raw_data for external references while serialising, then restore them, so the caller's
  // model is unchanged (the swap is synchronous: nothing else can observe it).
  const chunks: Uint8Array[] = [];
  const saved: {
    tensor: TensorProto;
    rawData: Uint8Array;
    externalData: TensorProto['externalData'];
    hadLocation: boolean;
  }[] = [];
  let offset = 0;
  const visit = (tensor: TensorProto): void => {
    if (
      tensor.dataLocation === TensorProto_DataLocation.EXTERNAL ||
      tensor.rawData.byteLength < threshold
    )
      return;
    const pad = (64 - (offset % 64)) % 64; // align each tensor to 64 bytes so readers may map it in place
    if (pad > 0) chunks.push(new Uint8Array(pad));
    offset += pad;
    saved.push({
      tensor,
      rawData: tensor.rawData,
      externalData: tensor.externalData,
      hadLocation: isFieldSet(tensor, TensorProtoSchema.field.dataLocation),
    });
    chunks.push(tensor.rawData);
    const entry = (key: string, value: string) =>
      create(StringStringEntryProtoSchema, { key, value });
    tensor.externalData = [
      entry('location', external.location),
      entry('offset', String(offset)),
      entry('length', String(tensor.rawData.byteLength)),
    ];
    tensor.dataLocation = TensorProto_DataLocation.EXTERNAL;
    offset += tensor.rawData.byteLength;
    tensor.rawData = new Uint8Array(0);
  };
  let bytes: Uint8Array;
  try {
    if (model.graph) walkTensors(model.graph, visit);
    bytes = writeModel(model);
  } finally {
    for (const s of saved) {
      s.tensor.rawData = s.rawData;
      s.tensor.externalData = s.externalData;
      // proto2 presence: restore an unset field as unset so the bytes stay those of the input.
      if (s.hadLocation) s.tensor.dataLocation = TensorProto_DataLocation.DEFAULT;
      else clearField(s.tensor, TensorProtoSchema.field.dataLocation);
    }
  }
  writeModelBytes(join(dirname(path), external.location), chunks);
  writeModelBytes(path, [bytes]);
}
